#pragma once

// Helpers shared by the store suites: fast key derivation and byte-level snapshots of the
// files a store leaves on disk.

#include "store/KeyDerivation.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QStringList>

#include <memory>

namespace StoreTestSupport {

// The weakest parameters a store accepts, so each test derives its key in milliseconds.
inline KdfParams fastParams()
{
    return KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit);
}

inline QByteArray passphrase()
{
    return QByteArrayLiteral("correct horse battery staple");
}

inline std::unique_ptr<Store> createStore(const QString& path)
{
    return Store::create(path, passphrase(), fastParams(), QStringLiteral("tester"));
}

inline std::unique_ptr<Store> openStore(const QString& path)
{
    return Store::open(path, passphrase(), QStringLiteral("tester"));
}

inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// Every entry of a directory (hidden ones too) with the exact contents of each file;
// subdirectories appear as "name/" with no contents.
using DirSnapshot = QMap<QString, QByteArray>;

inline DirSnapshot snapshot(const QString& dirPath)
{
    DirSnapshot result;
    const QDir dir(dirPath);
    const QFileInfoList entries = dir.entryInfoList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& entry : entries) {
        if (entry.isDir())
            result.insert(entry.fileName() + QLatin1Char('/'), QByteArray());
        else
            result.insert(entry.fileName(), fileBytes(entry.filePath()));
    }
    return result;
}

// The names of the entries that were added, removed or changed; empty when identical.
inline QStringList differences(const DirSnapshot& before, const DirSnapshot& after)
{
    QStringList result;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            result << QStringLiteral("removed ") + it.key();
        else if (after.value(it.key()) != it.value())
            result << QStringLiteral("changed ") + it.key();
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            result << QStringLiteral("added ") + it.key();
    }
    return result;
}

} // namespace StoreTestSupport
