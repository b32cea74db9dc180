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

    QString meta(const QString& key);
    void setMeta(const QString& key, const QString& value);

    // The clock every timestamp comes from; tests may pin it.
    QDateTime now() const;
    void setClockForTesting(const QDateTime& fixed) { m_fixedNow = fixed; }

private:
    Store(QString path, std::unique_ptr<Database> db, KdfParams params, QString actor);
    static void refuseNonStore(const QString& path);
    void begin();
    void commit();
    void rollback();

    QString m_path;
    std::unique_ptr<Database> m_db;
    KdfParams m_params;
    QString m_actor;
    int m_depth = 0;
    QDateTime m_fixedNow;
};
