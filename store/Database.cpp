#include "Database.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrl>

#include <sqlcipher/sqlite3.h>

namespace {
const char* trContext = "Database";

QString tr(const char* text)
{
    return QCoreApplication::translate(trContext, text);
}
} // namespace

Database::Database(const QString& path, const SecureBuffer& keyLiteral, bool create)
    : m_path(path)
{
    if (!create)
        proveKey(path, keyLiteral);
    openKeyed(QFile::encodeName(path),
        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX, keyLiteral);
    try {
        applyConnectionSettings();
    } catch (...) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

std::unique_ptr<Database> Database::openReadOnly(const QString& path, const SecureBuffer& keyLiteral)
{
    std::unique_ptr<Database> db(new Database(
        path, QFile::encodeName(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, keyLiteral));
    sqlite3_busy_timeout(db->m_db, 5000);
    db->exec("PRAGMA cell_size_check = ON");
    db->exec("PRAGMA temp_store = MEMORY");
    return db;
}

Database::Database(const QString& path, const QByteArray& openName, int flags, const SecureBuffer& keyLiteral)
    : m_path(path)
{
    openKeyed(openName, flags, keyLiteral);
}

void Database::openKeyed(const QByteArray& openName, int flags, const SecureBuffer& keyLiteral)
{
    const int rc = sqlite3_open_v2(openName.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw StoreError(StoreError::Code::NotFound, tr("Could not open the store file %1.").arg(m_path));
    }
    try {
        applyCipherSettings(keyLiteral);
        verifyKey();
    } catch (...) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

void Database::proveKey(const QString& path, const SecureBuffer& keyLiteral)
{
    // A read-write connection opens a -wal left by a crash (or in use elsewhere), rebuilds the
    // -shm and checkpoints when it closes, even when its key is wrong. So the key is proven
    // first where nothing can be written: the store file opened immutable (no locks, -wal or
    // -shm). While a -wal holds commits that proof can fail for the right key (after a rekey
    // the new key may be only in the -wal), so then a private copy of the file and its -wal
    // decides; if no copy can be made, the normal open does.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    try {
        const QByteArray uri
            = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?immutable=1";
        [[maybe_unused]] const Database probe(path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, keyLiteral);
        return;
    } catch (const StoreError&) {
        if (!wal.exists() || wal.size() == 0)
            throw;
    }
    QTemporaryDir copyDir(QFileInfo(path).absolutePath() + QStringLiteral("/.casebook-check-XXXXXX"));
    const QString copy = copyDir.filePath(QStringLiteral("store"));
    if (!copyDir.isValid() || !QFile::copy(path, copy)
        || !QFile::copy(wal.filePath(), copy + QStringLiteral("-wal")))
        return;
    try {
        [[maybe_unused]] const Database probe(
            path, QFile::encodeName(copy), SQLITE_OPEN_READWRITE, keyLiteral);
    } catch (const StoreError& e) {
        if (e.code() == StoreError::Code::WrongPassphrase)
            throw;
    }
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

void Database::applyCipherSettings(const SecureBuffer& keyLiteral)
{
    // The key goes in through sqlite3_key(), never a formatted PRAGMA string (SECURITY.md).
    check(m_db, sqlite3_key(m_db, keyLiteral.data(), static_cast<int>(keyLiteral.size() - 1)));
    if (textScalar("PRAGMA cipher_version").isEmpty())
        throw StoreError(StoreError::Code::Failed,
            tr("This program was built without SQLCipher encryption and will not open a store."));
    // Explicit settings, so SQLCipher 4.x reads what 3.4 wrote (4.x ignores nothing here;
    // 3.4 ignores the two pragmas it does not know, and they name its own defaults).
    exec("PRAGMA cipher_page_size = 4096");
    exec("PRAGMA kdf_iter = 64000");
    exec("PRAGMA cipher_use_hmac = ON");
    exec("PRAGMA cipher_hmac_algorithm = HMAC_SHA1");
    exec("PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA1");
}

void Database::verifyKey()
{
    // The first read decrypts page 1; a wrong key fails here before anything is written.
    const int rc = sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc == SQLITE_NOTADB)
        throw StoreError(StoreError::Code::WrongPassphrase,
            tr("The passphrase is wrong, or the file is not a Pivot Casebook store."));
    check(m_db, rc);
}

void Database::applyConnectionSettings()
{
    sqlite3_busy_timeout(m_db, 5000);
    exec("PRAGMA cell_size_check = ON");
    exec("PRAGMA temp_store = MEMORY");
    exec("PRAGMA secure_delete = ON");
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA journal_mode = WAL");
    // FULL with WAL: NORMAL can lose a committed transaction on power loss.
    exec("PRAGMA synchronous = FULL");
}

void Database::exec(const char* sql)
{
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    check(m_db, rc);
}

qint64 Database::scalar(const char* sql)
{
    Statement st(m_db, sql);
    return st.next() ? st.integer(0) : 0;
}

QString Database::textScalar(const char* sql)
{
    Statement st(m_db, sql);
    return st.next() ? st.text(0) : QString();
}

void Database::rekey(const SecureBuffer& newKeyLiteral)
{
    check(m_db, sqlite3_rekey(m_db, newKeyLiteral.data(), static_cast<int>(newKeyLiteral.size() - 1)));
}

void Database::interrupt()
{
    sqlite3_interrupt(m_db);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

void Database::check(sqlite3* db, int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw StoreError(StoreError::Code::Busy, tr("The store is in use by another program; try again."));
    case SQLITE_NOTADB:
        throw StoreError(StoreError::Code::WrongPassphrase,
            tr("The passphrase is wrong, or the file is not a Pivot Casebook store."));
    case SQLITE_CORRUPT:
        throw StoreError(
            StoreError::Code::Corrupt, tr("The store file is damaged (a page failed its check)."));
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        throw StoreError(StoreError::Code::ReadOnly, tr("The store file cannot be written here."));
    case SQLITE_FULL:
        throw StoreError(StoreError::Code::Failed, tr("The disk is full; nothing was saved."));
    case SQLITE_CONSTRAINT:
        throw StoreError(StoreError::Code::Invalid,
            tr("The change breaks a rule of the store: %1")
                .arg(QString::fromUtf8(db ? sqlite3_errmsg(db) : "")));
    default:
        throw StoreError(StoreError::Code::Failed,
            tr("The store reported an error (%1).").arg(QString::fromUtf8(sqlite3_errstr(rc))));
    }
}
