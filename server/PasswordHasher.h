#pragma once

#include <QByteArray>
#include <QString>

// Argon2id password hashes (libsodium crypto_pwhash_str): the string carries its own salt
// and limits, so verification follows whatever limits a hash was made with and the
// limits can be raised later without invalidating old hashes.
class PasswordHasher
{
public:
    struct Limits
    {
        quint64 opsLimit;
        quint64 memLimit;
    };
    static Limits moderate(); // the server's default: crypto_pwhash_*_MODERATE (256 MiB, t=3)
    static Limits minimal(); // tests only: the smallest limits libsodium accepts

    explicit PasswordHasher(Limits limits = moderate());

    // Empty when memory runs out.
    QByteArray hash(const QString& password) const;
    // Constant time in the password (libsodium); false for any malformed hash.
    static bool verify(const QByteArray& hash, const QString& password);

private:
    Limits m_limits;
};
