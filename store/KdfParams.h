#pragma once

#include <QByteArray>
#include <QString>

// Argon2id parameters and salt for one store, kept beside it in "<store>.kdf" because they
// are needed before the encrypted file can be read. Raising them later is a matter of
// exporting into a fresh store with new parameters (docs/SECURITY.md).
struct KdfParams
{
    static constexpr int SaltBytes = 16;
    // Chosen on the reference 2-core machine to take about 0.5 s (docs/SECURITY.md).
    static constexpr quint64 DefaultOpsLimit = 3;
    static constexpr quint64 DefaultMemLimit = 256ull * 1024 * 1024;
    // OWASP's floor for Argon2id: 19 MiB, 2 passes. Nothing weaker is accepted.
    static constexpr quint64 MinimumOpsLimit = 2;
    static constexpr quint64 MinimumMemLimit = 19ull * 1024 * 1024;

    QString algorithm = QStringLiteral("argon2id13");
    quint64 opsLimit = DefaultOpsLimit;
    quint64 memLimit = DefaultMemLimit;
    QByteArray salt;

    bool meetsMinimum() const { return opsLimit >= MinimumOpsLimit && memLimit >= MinimumMemLimit; }
};
