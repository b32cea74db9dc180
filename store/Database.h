#pragma once

#include "SecureBuffer.h"
#include "Statement.h"
#include "StoreError.h"

#include <QString>

#include <memory>

struct sqlite3;

// One SQLCipher connection, opened with a raw key and the project's explicit cipher
// settings so the file reads the same on SQLCipher 3.4 and 4.x. Knows nothing of the schema.
class Database
{
public:
    // Opens (or, with create, makes) the file and checks the key by reading the schema.
    // Until the key is proven nothing is written, so a wrong key leaves the file unchanged.
    Database(const QString& path, const SecureBuffer& keyLiteral, bool create);
    // A read-only connection to a store whose key is already proven (another connection has
    // it open), for reading on another thread: SQLite connections are not shared between
    // threads, and a reader never blocks the writer under WAL.
    static std::unique_ptr<Database> openReadOnly(const QString& path, const SecureBuffer& keyLiteral);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const char* sql);
    qint64 scalar(const char* sql);
    QString textScalar(const char* sql);
    Statement prepare(const char* sql) { return Statement(m_db, sql); }
    void rekey(const SecureBuffer& newKeyLiteral);
    // Makes the statement running on this connection (on any thread) stop with an error
    // soon; for dropping a read nobody wants any more. Safe from another thread.
    void interrupt();
    qint64 lastInsertRowId() const;
    int changes() const;
    sqlite3* handle() { return m_db; }
    const QString& path() const { return m_path; }

    // Throws the StoreError matching an SQLite result code (no SQL or data in the message).
    static void check(sqlite3* db, int rc);

private:
    // A keyed connection to openName that has read page 1; used to prove a key.
    Database(const QString& path, const QByteArray& openName, int flags, const SecureBuffer& keyLiteral);
    void openKeyed(const QByteArray& openName, int flags, const SecureBuffer& keyLiteral);
    static void proveKey(const QString& path, const SecureBuffer& keyLiteral);
    void applyCipherSettings(const SecureBuffer& keyLiteral);
    void verifyKey();
    void applyConnectionSettings();

    QString m_path;
    sqlite3* m_db = nullptr;
};
