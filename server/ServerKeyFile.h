#pragma once

#include "store/SecureBuffer.h"

#include <QString>

#include <optional>

// DIR/server.key: the 256-bit SQLCipher key of DIR/server.db, as 32 raw bytes or 64 hex
// characters (a trailing newline allowed). The file must not be readable by group or
// others: a key anyone on the machine can read protects nothing.
class ServerKeyFile
{
public:
    static constexpr int KeyBytes = 32;

    // The key in secure memory, or nothing and a plain sentence in *error.
    static std::optional<SecureBuffer> read(const QString& path, QString* error);
    // Writes 32 fresh random bytes to a new file created 0600; refuses to overwrite.
    static bool create(const QString& path, QString* error);
};
