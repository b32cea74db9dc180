#pragma once

#include "SyncSummary.h"
#include "SyncTransport.h"

#include <QObject>
#include <QSet>

#include <atomic>

class Store;
class SyncRepository;
struct OutboxChange;

// One whole sync (docs/SYNC.md, "Client engine"): push the outbox in batches until it is
// empty or nothing moves, pull pages until the server has no more (each page and its
// cursor in one transaction), then the consistency digest: behind -> pull once more;
// drifted -> full re-pull with removals. UI-free: it reports through signals only.
//
// run() blocks; call it on a worker thread that owns its own Store connection
// (Store::openWriter). cancel() is thread-safe and meant to be called directly (it must not
// wait for the worker's event loop): the run ends between steps, everything consistent.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(Store& store, SyncTransport& transport, const QString& actor, QObject* parent = nullptr);

    SyncSummary run();
    void setPullPageSize(int limit) { m_pageSize = limit; }

public slots:
    void cancel();

signals:
    // stage is "push", "pull", "digest" or "repull"; total is 0 when not known.
    void progress(const QString& stage, int done, int total);
    void conflictsFound(int fields);
    void reopenDecisionNeeded(const QString& caseReference);
    void caseRemoved(const QString& caseReference);

private:
    std::optional<TransportError> learnDeviceId();
    std::optional<TransportError> pushAll(SyncRepository& repo, SyncSummary& summary);
    std::optional<TransportError> pushBatch(
        SyncRepository& repo, const QList<OutboxChange>& changes, SyncSummary& summary);
    std::optional<TransportError> pullAll(SyncRepository& repo, SyncSummary& summary, const QString& stage);
    std::optional<TransportError> checkDigest(SyncRepository& repo, SyncSummary& summary);
    std::optional<TransportError> fullRepull(SyncRepository& repo, SyncSummary& summary);
    std::optional<TransportError> cancelled() const;
    void absorb(const struct SyncApplyCounts& counts, SyncSummary& summary);
    void finish(SyncRepository& repo, SyncSummary& summary);
    static QString plainReason(const TransportError& error);

    Store& m_store;
    SyncTransport& m_transport;
    QString m_actor;
    QString m_deviceId; // as the server issued it at login (SyncAccount)
    int m_pageSize = 500;
    std::atomic_bool m_cancelled {false};
    QSet<QString> m_refusedThisRun;
    int m_handled = 0; // pushed changes answered (any status) this run: the push loop's progress
};
