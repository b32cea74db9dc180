// TlsCertificate: the self-signed certificate and key casebook-server can make for a trial,
// and the fingerprint an admin reads out so the app can pin the server.
#include "server/http/TlsCertificate.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class TestTlsCertificate : public QObject
{
    Q_OBJECT

private slots:
    void writesACertificateForTheName();
    void keyFileIsPrivate();
    void refusesToOverwrite();
    void refusesNamesThatCouldInjectExtensions();
    void fingerprintMatchesTheDerDigest();
    void fingerprintOfAMissingOrBrokenFileIsEmpty();

private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void TestTlsCertificate::writesACertificateForTheName()
{
    QString error;
    QVERIFY2(
        TlsCertificate::writeSelfSigned(path("a.crt"), path("a.key"), QStringLiteral("127.0.0.1"), &error),
        qPrintable(error));
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path("a.crt"));
    QCOMPARE(certificates.size(), 1);
    const QSslCertificate& certificate = certificates.first();
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList {QStringLiteral("127.0.0.1")});
    QCOMPARE(certificate.issuerInfo(QSslCertificate::CommonName), QStringList {QStringLiteral("127.0.0.1")});
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("127.0.0.1")));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(certificate.publicKey().length(), 256);
    const qint64 days = certificate.effectiveDate().daysTo(certificate.expiryDate());
    QVERIFY2(days >= 825 && days <= 826, qPrintable(QString::number(days)));
    QVERIFY(certificate.effectiveDate() <= QDateTime::currentDateTimeUtc());

    QVERIFY(TlsCertificate::writeSelfSigned(
        path("b.crt"), path("b.key"), QStringLiteral("sync.example.org"), &error));
    const QSslCertificate named = QSslCertificate::fromPath(path("b.crt")).value(0);
    QCOMPARE(
        named.subjectAlternativeNames().values(QSsl::DnsEntry), QList {QStringLiteral("sync.example.org")});
    QVERIFY(named.subjectAlternativeNames().values(QSsl::IpAddressEntry).isEmpty());
}

void TestTlsCertificate::keyFileIsPrivate()
{
    QString error;
    QVERIFY(
        TlsCertificate::writeSelfSigned(path("c.crt"), path("c.key"), QStringLiteral("localhost"), &error));
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path("c.key")).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    QFile keyFile(path("c.key"));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(&keyFile, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    QVERIFY(!key.isNull());
}

void TestTlsCertificate::refusesToOverwrite()
{
    QString error;
    QVERIFY(
        TlsCertificate::writeSelfSigned(path("d.crt"), path("d.key"), QStringLiteral("localhost"), &error));
    const QByteArray before = QSslCertificate::fromPath(path("d.crt")).value(0).toDer();
    error.clear();
    QVERIFY(
        !TlsCertificate::writeSelfSigned(path("d.crt"), path("d.key"), QStringLiteral("localhost"), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(QSslCertificate::fromPath(path("d.crt")).value(0).toDer(), before);

    // Only the key is there: still refused, and no certificate appears beside it.
    QFile stray(path("e.key"));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.write("not mine");
    stray.close();
    QVERIFY(
        !TlsCertificate::writeSelfSigned(path("e.crt"), path("e.key"), QStringLiteral("localhost"), &error));
    QVERIFY(!QFile::exists(path("e.crt")));
    QVERIFY(stray.open(QIODevice::ReadOnly));
    QCOMPARE(stray.readAll(), QByteArrayLiteral("not mine"));
}

void TestTlsCertificate::refusesNamesThatCouldInjectExtensions()
{
    QString error;
    QVERIFY(!TlsCertificate::writeSelfSigned(
        path("f.crt"), path("f.key"), QStringLiteral("a.example,DNS:evil.example"), &error));
    QVERIFY(!QFile::exists(path("f.crt")));
    QVERIFY(!QFile::exists(path("f.key")));
    QVERIFY(!TlsCertificate::writeSelfSigned(path("f.crt"), path("f.key"), QString(), &error));
}

void TestTlsCertificate::fingerprintMatchesTheDerDigest()
{
    QString error;
    QVERIFY(
        TlsCertificate::writeSelfSigned(path("g.crt"), path("g.key"), QStringLiteral("127.0.0.1"), &error));
    const QSslCertificate certificate = QSslCertificate::fromPath(path("g.crt")).value(0);
    // What `openssl x509 -fingerprint -sha256` prints, with SHA256: in front of it.
    const QString expected = QStringLiteral("SHA256:")
        + QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    const QString fingerprint = TlsCertificate::sha256Fingerprint(path("g.crt"));
    QCOMPARE(fingerprint, expected);
    QCOMPARE(fingerprint.size(), 7 + 32 * 3 - 1);
}

void TestTlsCertificate::fingerprintOfAMissingOrBrokenFileIsEmpty()
{
    QVERIFY(TlsCertificate::sha256Fingerprint(path("missing.crt")).isEmpty());
    QFile broken(path("broken.crt"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
    broken.close();
    QVERIFY(TlsCertificate::sha256Fingerprint(path("broken.crt")).isEmpty());
}

QTEST_GUILESS_MAIN(TestTlsCertificate)
#include "TestTlsCertificate.moc"
