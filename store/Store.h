#pragma once

#include "Database.h"
#include "KdfParams.h"

#include <QDateTime>
#include <QString>

#include <memory>

// An open, unlocked case store: the encrypted file, its key and the schema, plus the name
// of the worker acting on it (stamped on every change and audit entry).
class Store
{
public:
    // Creates a new store; refuses to overwrite anything. Throws StoreError.
    static std::unique_ptr<Store> create(
        const QString& path, const QByteArray& passphrase, const KdfParams& params, const QString& actor);
    // Opens and unlocks an existing store, upgrading its schema. Throws StoreError; a wrong
    // passphrase or a file that is not a store leaves every byte on disk as it was.
    static std::unique_ptr<Store> open(
        const QString& path, const QByteArray& passphrase, const QString& actor);
    ~Store();

    // A second, read-only connection on the same file and key, for one worker thread (SQLite
    // connections are not shared between threads). Close it before locking: it is a Store
    // whose writes fail and that cannot open readers of its own. Throws StoreError.
    std::unique_ptr<Store> openReader();
    // A second read-write connection on the same file and key, for one worker thread that
    // writes (the sync engine). Writers take turns under SQLite's lock (5 s busy timeout);
    // readers are never blocked (WAL). Close it before locking. Throws StoreError.
    std::unique_ptr<Store> openWriter();

    Database& db() { return *m_db; }
    const QString& path() const { return m_path; }
    const QString& actor() const { return m_actor; }
    void setActor(const QString& actor) { m_actor = actor; }
    QString storeId();

    // Re-encrypts the store under a new passphrase (same salt and Argon2id parameters).
    void changePassphrase(const QByteArray& newPassphrase);

    // Runs work in one transaction (nested calls join the outer one). Anything thrown rolls
    // everything back and is rethrown.
    template<typename Work> auto write(Work&& work)
    {
        begin();
        try {
            if constexpr (std::is_void_v<decltype(work())>) {
                work();
                commit();
            } else {
                auto result = work();
                commit();
                return result;
            }
        } catch (...) {
            rollback();
            throw;
        }
    }

    // Runs reads in one snapshot (a deferred transaction) so, say, a count and a page agree
    // although a writer commits in between. Works on a reader too.
    template<typename Work> auto snapshot(Work&& work)
    {
        m_db->exec("BEGIN");
        try {
            auto result = work();
            m_db->exec("COMMIT");
            return result;
        } catch (...) {
            endSnapshot();
            throw;
        }
    }

    QString meta(const QString& key);
    void setMeta(const QString& key, const QString& value);

    // The clock every timestamp comes from; tests may pin it.
    QDateTime now() const;
    void setClockForTesting(const QDateTime& fixed) { m_fixedNow = fixed; }

private:
    Store(
        QString path, std::unique_ptr<Database> db, KdfParams params, QString actor, SecureBuffer keyLiteral);
    static void refuseNonStore(const QString& path);
    void begin();
    void commit();
    void rollback();
    void endSnapshot();

    QString m_path;
    std::unique_ptr<Database> m_db;
    KdfParams m_params;
    // The raw-key literal, in locked memory and wiped with this Store (that is, on lock), kept
    // only so readers can be opened; never formatted into SQL text.
    SecureBuffer m_keyLiteral;
    QString m_actor;
    int m_depth = 0;
    QDateTime m_fixedNow;
};
