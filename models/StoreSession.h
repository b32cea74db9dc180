#pragma once

#include "store/KdfParams.h"
#include "store/Store.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

// The one open store of the desktop app and its lock state. Widgets and models never hold a
// Store of their own: they ask the session (store() is null while locked) and follow its
// signals, so locking in one place closes the store, wipes the key and empties every view.
// Nothing here throws: failures come back as the StoreError's plain sentence.
class StoreSession : public QObject
{
    Q_OBJECT

public:
    explicit StoreSession(QObject* parent = nullptr);
    // Closes the store without signals: by then listeners may be half destroyed. The app
    // calls lock() before quitting so editors get their aboutToLock() to park drafts.
    ~StoreSession() override;

    void setStorePath(const QString& path);
    QString storePath() const { return m_path; }
    bool storeExists() const;

    // Both return an empty string on success, otherwise why it failed, fit to show. Called
    // while unlocked they lock first (with the usual signals), so one store is open at most.
    QString create(const QByteArray& passphrase, const KdfParams& params, const QString& actor);
    QString unlock(const QByteArray& passphrase, const QString& actor);

    // The same two with the key derivation (Argon2id, about half a second) and the schema
    // check on a worker thread, so the window keeps painting. The passphrase is moved into
    // locked memory at once and wiped when read. unlockFinished/createFinished carry what
    // unlock()/create() would return. While one is running another is refused (false), and
    // lock() makes the running one close its store as soon as it opens.
    bool unlockInBackground(QByteArray passphrase, const QString& actor);
    bool createInBackground(QByteArray passphrase, const KdfParams& params, const QString& actor);
    bool isOpening() const { return m_job != nullptr; }

    // Wrong passphrases since the last successful unlock. They can only be audited once the
    // store is open again, so the next unlock writes one "failed-unlock" entry for each.
    int failedAttempts() const { return static_cast<int>(m_failedAt.size()); }

    void lock();
    bool isUnlocked() const { return m_store != nullptr; }
    Store* store() const { return m_store.get(); }

    // Called by whoever wrote to the store (an editor, the importer, later the sync engine)
    // so every model showing that case refreshes just what changed.
    void notifyCaseChanged(const QString& caseId);
    void notifyCaseAdded(const QString& caseId);
    // Many cases may have changed at once (a sync pulled rows): every list reloads whole.
    void notifyStoreChanged();

signals:
    void unlocked();
    void aboutToLock();
    void locked();
    void caseChanged(const QString& caseId);
    void caseAdded(const QString& caseId);
    void storeChanged();
    void openingChanged(bool opening);
    void unlockFinished(const QString& problem);
    void createFinished(const QString& problem);

private:
    struct Job;
    QString opened(std::unique_ptr<Store> store);
    QString refusalWhileOpening() const;
    QString concluded(Job& job);
    bool startJob(std::shared_ptr<Job> job);
    void finishJob(const std::shared_ptr<Job>& job);

    QString m_path;
    std::unique_ptr<Store> m_store;
    QList<QDateTime> m_failedAt; // UTC time of each wrong passphrase, for the audit detail
    std::shared_ptr<Job> m_job; // the open running on m_worker, if any
    QThread* m_worker = nullptr;
};
