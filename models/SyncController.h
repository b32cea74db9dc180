#pragma once

#include "sync/SyncSummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;
class SyncAccount;
class SyncScheduler;
class SyncTransport;
class StoreSession;

// The desktop app's sync (docs/SYNC.md for the engine, transport and schedule): while the
// store is unlocked and an account is signed in, a SyncScheduler says when, and each due
// sync is one SyncEngine::run() on a worker thread with its own writer connection
// (Store::openWriter) and a transport made on that thread. Never two at once; on
// aboutToLock the schedule stops, the run is cancelled and waited for, and its connection is
// closed before the key is wiped. No widgets: the window shows state() and the texts below.
class SyncController : public QObject
{
    Q_OBJECT

public:
    // Made on the worker thread, from the worker's own account (server, pin, token).
    using TransportFactory = std::function<std::unique_ptr<SyncTransport>(SyncAccount& account)>;

    enum class State {
        Locked, // no store open
        NotSignedIn, // no account, or signed out
        Idle, // signed in; the last sync went well (or there was none yet)
        Syncing,
        Failed, // the last sync failed; the schedule retries
        SignInAgain, // the server refused the token: nothing until a new sign-in
        Withdrawn, // an administrator revoked this laptop
        WipeRequested, // an administrator asked for this laptop's data to be wiped
    };
    Q_ENUM(State)

    // How long lock waits for a running sync to end after cancelling it.
    static constexpr int lockWaitMs = 15000;

    explicit SyncController(StoreSession* session, QObject* parent = nullptr);
    ~SyncController() override;

    void setTransportFactory(TransportFactory factory) { m_factory = std::move(factory); }
    void setIntervalMinutes(int minutes);
    SyncScheduler* scheduler() const { return m_scheduler; }

    State state() const { return m_state; }
    bool isSyncing() const { return m_job != nullptr; }
    QDateTime lastSuccessAt() const { return m_lastSuccessAt; }
    QDateTime lastFailureAt() const { return m_lastFailureAt; }
    QString lastFailureReason() const { return m_lastFailureReason; }
    // When the schedule tries next (local time); invalid when nothing is scheduled.
    QDateTime nextTryAt() const;
    // Changes waiting for the server, and the issues waiting for a worker, as last counted.
    int waitingChanges() const { return m_waiting; }
    int openIssues() const { return m_openIssues; }
    QString progressStage() const { return m_stage; }
    int progressDone() const { return m_done; }
    int progressTotal() const { return m_total; }

    // Writer connections opened for syncs and not yet closed, in this process (tests: 0
    // after a lock means no second connection outlived the key).
    static int openWriters();

    // One line for the status bar saying what is true now.
    QString statusText() const;

public slots:
    // Sync at once (or right after the running one).
    void syncNow();
    // A new sign-in was stored: whatever stopped the schedule is over.
    void signedIn();
    // Forgets the sign-in (the server and its certificate stay) and stops the schedule.
    void signOut();
    // Reads the outcome, waiting changes and open issues from the store again.
    void refreshStatus();

signals:
    void syncStarted();
    void progress(const QString& stage, int done, int total);
    void syncFinished(const SyncSummary& summary);
    // Anything statusText() or the counts depend on changed.
    void statusChanged();

private:
    struct Job;
    void onUnlocked();
    void onAboutToLock();
    void startSync();
    void runJob(const std::shared_ptr<Job>& job);
    void jobFinished();
    void applyError(const TransportError& error);
    void setState(State state);
    QString failureText() const;

    StoreSession* m_session;
    SyncScheduler* m_scheduler;
    TransportFactory m_factory;
    State m_state = State::Locked;
    bool m_locking = false; // between aboutToLock and the next unlock: report nothing
    std::shared_ptr<Job> m_job;
    QThread* m_thread = nullptr;
    QDateTime m_lastSuccessAt;
    QDateTime m_lastFailureAt;
    QString m_lastFailureReason;
    int m_waiting = 0;
    int m_openIssues = 0;
    QString m_stage;
    int m_done = 0;
    int m_total = 0;
};
