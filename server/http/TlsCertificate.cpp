#include "TlsCertificate.h"

#include <QFile>
#include <QRegularExpression>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// 825 days: the longest validity Apple platforms accept for a TLS server certificate.
constexpr long kValidDays = 825;
constexpr long kSecondsPerDay = 24 * 60 * 60;

struct OpenSslFree
{
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
template<typename T> using OpenSslPtr = std::unique_ptr<T, OpenSslFree>;

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

// A host name or an address and nothing else: the name goes into the subjectAltName text
// OpenSSL parses, where a comma would add entries of the caller's choosing.
bool isPlainHostName(const QString& name)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9.:-]{1,64}$"));
    return allowed.match(name).hasMatch();
}

bool setRandomSerial(X509* certificate)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    bytes[0] &= 0x7f; // a positive serial, as RFC 5280 asks
    OpenSslPtr<BIGNUM> serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

bool addExtension(X509* certificate, int nid, const QByteArray& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    OpenSslPtr<X509_EXTENSION> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, const_cast<char*>(value.constData())));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

QByteArray subjectAltName(const QString& commonName)
{
    QByteArray names = "DNS:" + commonName.toLatin1();
    ASN1_OCTET_STRING* address = a2i_IPADDRESS(commonName.toLatin1().constData());
    const bool isAddress = address != nullptr;
    ASN1_OCTET_STRING_free(address);
    if (isAddress)
        names += ",IP:" + commonName.toLatin1();
    return names;
}

OpenSslPtr<X509> makeCertificate(EVP_PKEY* key, const QString& commonName)
{
    OpenSslPtr<X509> certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1 || !setRandomSerial(certificate.get()))
        return nullptr;
    // A minute back, so a client whose clock is slightly behind still accepts it at once.
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kValidDays * kSecondsPerDay);
    const QByteArray cn = commonName.toLatin1();
    X509_NAME* name = X509_get_subject_name(certificate.get());
    if (X509_NAME_add_entry_by_txt(
            name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1, 0)
            != 1
        || X509_set_issuer_name(certificate.get(), name) != 1 || X509_set_pubkey(certificate.get(), key) != 1)
        return nullptr;
    const bool extended = addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature")
        && addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
        && addExtension(certificate.get(), NID_subject_key_identifier, "hash")
        && addExtension(certificate.get(), NID_subject_alt_name, subjectAltName(commonName));
    if (!extended || X509_sign(certificate.get(), key, EVP_sha256()) <= 0)
        return nullptr;
    return certificate;
}

// Opens a new file (never an existing one) with exactly the given mode, whatever the umask.
FILE* createExclusive(const QString& path, mode_t mode)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return nullptr;
    if (::fchmod(fd, mode) != 0) {
        ::close(fd);
        return nullptr;
    }
    FILE* file = ::fdopen(fd, "w");
    if (!file)
        ::close(fd);
    return file;
}

bool writePem(const QString& path, mode_t mode, const std::function<bool(FILE*)>& write)
{
    FILE* file = createExclusive(path, mode);
    if (!file)
        return false;
    const bool written = write(file);
    const bool closed = std::fclose(file) == 0;
    if (!(written && closed)) {
        QFile::remove(path);
        return false;
    }
    return true;
}

} // namespace

bool TlsCertificate::writeSelfSigned(
    const QString& certificatePath, const QString& privateKeyPath, const QString& commonName, QString* error)
{
    if (!isPlainHostName(commonName))
        return fail(error, QStringLiteral("The server name must be a host name or an address."));
    if (QFile::exists(certificatePath) || QFile::exists(privateKeyPath))
        return fail(
            error, QStringLiteral("A certificate or key file is already there; it was left as it is."));
    OpenSslPtr<EVP_PKEY> key(EVP_EC_gen("P-256"));
    if (!key)
        return fail(error, QStringLiteral("Could not make a new key."));
    OpenSslPtr<X509> certificate = makeCertificate(key.get(), commonName);
    if (!certificate)
        return fail(error, QStringLiteral("Could not make the certificate."));
    const bool keyWritten = writePem(privateKeyPath, 0600, [&](FILE* file) {
        return PEM_write_PrivateKey(file, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    if (!keyWritten)
        return fail(error, QStringLiteral("Could not write the key file %1.").arg(privateKeyPath));
    const bool certificateWritten = writePem(
        certificatePath, 0644, [&](FILE* file) { return PEM_write_X509(file, certificate.get()) == 1; });
    if (!certificateWritten) {
        QFile::remove(privateKeyPath); // a key without its certificate is of no use to anyone
        return fail(error, QStringLiteral("Could not write the certificate file %1.").arg(certificatePath));
    }
    return true;
}

QString TlsCertificate::sha256Fingerprint(const QString& certificatePath)
{
    QFile file(certificatePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = file.read(1024 * 1024);
    OpenSslPtr<BIO> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    OpenSslPtr<X509> certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!certificate)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate.get(), EVP_sha256(), digest, &length) != 1)
        return {};
    const QByteArray hex = QByteArray(reinterpret_cast<const char*>(digest), length).toHex(':').toUpper();
    return QStringLiteral("SHA256:") + QString::fromLatin1(hex);
}
