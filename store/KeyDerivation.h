#pragma once

#include "KdfParams.h"
#include "SecureBuffer.h"

#include <QByteArray>

// Passphrase -> 256-bit SQLCipher raw key, by Argon2id (libsodium crypto_pwhash).
class KeyDerivation
{
public:
    static constexpr int KeyBytes = 32;

    static KdfParams freshParams(
        quint64 opsLimit = KdfParams::DefaultOpsLimit, quint64 memLimit = KdfParams::DefaultMemLimit);
    // Throws StoreError when the parameters are unusable or memory runs out.
    static SecureBuffer deriveKey(const QByteArray& passphrase, const KdfParams& params);
    // The key as SQLCipher's raw-key literal x'<64 hex>' in secure memory, for sqlite3_key().
    static SecureBuffer sqlcipherKeyLiteral(const SecureBuffer& key);
};
