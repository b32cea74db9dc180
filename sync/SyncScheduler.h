#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

// Decides when to sync, not how (docs/SYNC.md, "Client transport and schedule"): every
// interval (default 10 minutes), at once on syncNow(), on unlock and when the network comes
// back; after a failure it waits with exponential backoff and jitter (1 minute doubling up
// to 30 minutes, each wait drawn between half and all of that) or as long as the server's
// Retry-After says, whichever is longer. Never two at once: syncDue() is emitted only when
// none is running, and the owner answers each with syncFinished(). A syncNow() while one
// runs is remembered once and runs right after it. stop() (on lock) silences everything
// until start().
//
// Time comes from an injectable clock (milliseconds, wall clock by default, so a laptop
// waking from sleep finds a sync due) and jitter from an injectable random source, so tests
// drive the schedule with poll() instead of sleeping.
class SyncScheduler : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // now, in milliseconds
    using Random = std::function<double()>; // uniform in [0, 1)

    static constexpr qint64 defaultIntervalMs = 10 * 60 * 1000;
    static constexpr qint64 defaultBackoffBaseMs = 60 * 1000;
    static constexpr qint64 defaultBackoffCapMs = 30 * 60 * 1000;

    explicit SyncScheduler(QObject* parent = nullptr);
    SyncScheduler(Clock clock, Random random, QObject* parent = nullptr);

    void setInterval(qint64 ms);
    qint64 interval() const { return m_intervalMs; }
    void setBackoff(qint64 baseMs, qint64 capMs);

    // Follows the system's reachability through QNetworkInformation and calls
    // onNetworkRegained() when it comes back online. False when no backend is available
    // (then only the timer, unlock and syncNow() trigger a sync).
    bool enableNetworkMonitoring();

    bool isStarted() const { return m_started; }
    bool isSyncing() const { return m_syncing; }
    int consecutiveFailures() const { return m_failures; }
    // When the next syncDue() will be emitted (clock milliseconds); -1 when stopped or
    // while a sync runs.
    qint64 nextDueAt() const;

public slots:
    // Starts the schedule: the first sync after one interval (or when a wait the server
    // asked for ends). Does nothing when already started.
    void start();
    // Stops the schedule (on lock): no syncDue() until start(). A running sync's
    // syncFinished() is still accepted.
    void stop();
    // The worker asked: sync now, or right after the running one.
    void syncNow();
    // The store was unlocked: starts the schedule and syncs now.
    void onUnlocked();
    // The network is back: sync now instead of waiting out a backoff.
    void onNetworkRegained();
    // The owner's answer to syncDue(). retryAfterSeconds: the server's Retry-After (0 if none).
    void syncFinished(bool ok, int retryAfterSeconds = 0);
    // Emits syncDue() if one is due now; the timer calls it, and tests after moving their clock.
    void poll();

signals:
    void syncDue();

private:
    qint64 now() const { return m_clock(); }
    qint64 backoffDelay() const;
    void dueAt(qint64 at);

    Clock m_clock;
    Random m_random;
    QTimer m_timer;
    qint64 m_intervalMs = defaultIntervalMs;
    qint64 m_backoffBaseMs = defaultBackoffBaseMs;
    qint64 m_backoffCapMs = defaultBackoffCapMs;
    bool m_started = false;
    bool m_syncing = false;
    bool m_queuedNow = false;
    int m_failures = 0;
    qint64 m_dueAt = 0;
    qint64 m_holdUntil = 0; // nothing before this: the server's Retry-After
};
