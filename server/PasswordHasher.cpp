#include "PasswordHasher.h"

#include <sodium.h>

PasswordHasher::Limits PasswordHasher::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PasswordHasher::Limits PasswordHasher::minimal()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(Limits limits)
    : m_limits(limits)
{
    if (sodium_init() < 0)
        qFatal("libsodium could not be initialised");
}

QByteArray PasswordHasher::hash(const QString& password) const
{
    QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
        m_limits.opsLimit, static_cast<size_t>(m_limits.memLimit));
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    return rc == 0 ? QByteArray(out) : QByteArray();
}

bool PasswordHasher::verify(const QByteArray& hash, const QString& password)
{
    if (hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    QByteArray utf8 = password.toUtf8();
    const int rc = crypto_pwhash_str_verify(
        hash.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()));
    sodium_memzero(utf8.data(), static_cast<size_t>(utf8.size()));
    return rc == 0;
}
