#include "KeyDerivation.h"

#include "StoreError.h"

#include <QCoreApplication>

#include <sodium.h>

namespace {
const char* trContext = "KeyDerivation";
}

KdfParams KeyDerivation::freshParams(quint64 opsLimit, quint64 memLimit)
{
    if (sodium_init() < 0)
        throw StoreError(StoreError::Code::Failed,
            QCoreApplication::translate(trContext, "The cryptography library could not start."));
    KdfParams params;
    params.opsLimit = opsLimit;
    params.memLimit = memLimit;
    params.salt.resize(KdfParams::SaltBytes);
    randombytes_buf(params.salt.data(), static_cast<size_t>(params.salt.size()));
    return params;
}

SecureBuffer KeyDerivation::deriveKey(const QByteArray& passphrase, const KdfParams& params)
{
    if (params.algorithm != QLatin1String("argon2id13") || params.salt.size() != KdfParams::SaltBytes
        || !params.meetsMinimum())
        throw StoreError(StoreError::Code::NotAStore,
            QCoreApplication::translate(trContext, "The store's key parameters are not valid."));
    SecureBuffer key(KeyBytes);
    const int rc = crypto_pwhash(key.data(), key.size(), passphrase.constData(),
        static_cast<unsigned long long>(passphrase.size()),
        reinterpret_cast<const unsigned char*>(params.salt.constData()), params.opsLimit,
        static_cast<size_t>(params.memLimit), crypto_pwhash_ALG_ARGON2ID13);
    if (rc != 0)
        throw StoreError(StoreError::Code::Failed,
            QCoreApplication::translate(
                trContext, "Not enough memory to derive the store key (%1 MiB needed).")
                .arg(params.memLimit / (1024ull * 1024)));
    return key;
}

SecureBuffer KeyDerivation::sqlcipherKeyLiteral(const SecureBuffer& key)
{
    // x' + 64 hex digits + ' ; sodium_bin2hex writes a terminating NUL we keep out of size.
    const std::size_t hexLength = key.size() * 2;
    SecureBuffer literal(hexLength + 4);
    unsigned char* out = literal.data();
    out[0] = 'x';
    out[1] = '\'';
    sodium_bin2hex(reinterpret_cast<char*>(out + 2), hexLength + 1, key.data(), key.size());
    out[hexLength + 2] = '\'';
    out[hexLength + 3] = '\0';
    return literal;
}
