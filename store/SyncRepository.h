#pragma once

#include "OutboxChange.h"
#include "PushBatch.h"
#include "SyncApplyCounts.h"
#include "protocol/PullResponse.h"
#include "protocol/PushResult.h"
#include "protocol/RowDigest.h"

#include <QHash>
#include <QSet>

class Store;

// The store side of the sync engine (docs/SYNC.md, "Client engine"): which outbox changes
// to push next, what the server's answers and pulled pages do to the records, the merge
// base, the pull cursor, the consistency digest and the full re-pull with its removals.
// Each apply is one transaction; nothing here creates outbox entries for pulled data.
// One instance serves one sync run: it remembers which cases this run pushed changes to.
class SyncRepository
{
public:
    // After this many refusals of the same change (a 4xx for the push it was alone in) the
    // change is quarantined, so one bad change never blocks the rest.
    static constexpr int refusalCap = 5;
    static QString removalReason();

    explicit SyncRepository(Store& store);

    // Oldest first, at most one change per row (a later change of a row waits until the
    // earlier is acknowledged: its base rev is only known then), at most
    // ProtocolLimits::maxChangesPerPush and well under the body limit. Skips quarantined
    // changes, changes in skip, and entities protocol v1 cannot carry; counts each kind.
    PushBatch nextPushBatch(const QSet<QString>& skip = {});
    // results[i] answers batch[i] (the caller checks the ids). One transaction.
    SyncApplyCounts applyPushResults(const QList<OutboxChange>& batch, const QList<PushResult>& results);
    // A push the server refused as a request (4xx) with this change alone in it. Returns
    // true when the change is now quarantined (refusalCap reached).
    bool recordRefusal(const OutboxChange& change, const QString& code, const QString& message);
    // A push that got no answer (offline, server error): counts an attempt on each change.
    void recordAttempt(const QList<OutboxChange>& batch);

    qint64 pullCursor();
    // Writes the page's rows and stores page.next as the cursor, in one transaction.
    SyncApplyCounts applyPullPage(const PullResponse& page);

    // The consistency digest over every row held from the server (rev > 0, not deleted).
    RowDigest digest();

    // A full re-pull: cursor 0, and each row pulled from now on remembered as seen. It
    // survives an interruption; finish removes the synced rows the server no longer sent
    // (never one with a pending local change, nor one such a row still refers to) and
    // returns the references of the cases removed.
    void startFullRepull();
    bool fullRepullActive();
    QStringList finishFullRepull();

    // The sync's outcome in sync_state (last_success_at / last_failure_at and
    // last_failure_reason) and one audit entry with counts only.
    void recordSuccess(const QString& auditDetail);
    void recordFailure(const QString& reason, const QString& auditDetail);

private:
    void acknowledge(const OutboxChange& change, qint64 rev);
    void quarantine(const OutboxChange& change, const QString& reason, const QString& message);
    // Gives a never-synced case the next free reference of its year (locally), its queued
    // changes included; false when the case has been synced (its reference is the server's).
    bool renumberCase(const QString& caseId, SyncApplyCounts& counts);
    bool waitsForItsCase(const OutboxChange& change);
    bool refusedTooOften(const OutboxChange& change);
    int rewriteQueued(
        const QString& entity, const QString& rowId, const QString& field, const QString& value);
    // Gives an agency a free name ("Food bank (2)") when another laptop's agency reached the
    // server first with its name; its queued changes carry the new name.
    bool renameAgency(const QString& agencyId, SyncApplyCounts& counts);
    QString freeAgencyName(const QString& name);
    void makeRoomForAgencyName(const QString& agencyId, const QJsonObject& fields, SyncApplyCounts& counts);
    // A case the server withdrew (its tombstone pulled): off the laptop with everything on
    // it and recorded for the worker, unless something on it still waits to be sent.
    bool withdrawCase(const QString& caseId, SyncApplyCounts& counts);
    // A pulled case whose reference a different, never-synced local case holds: that local
    // case moves to the next free reference first.
    void makeRoomForReference(const QString& caseId, const QJsonObject& fields, SyncApplyCounts& counts);
    void applyPulled(const PulledChange& change, bool fullRepull, SyncApplyCounts& counts);
    int mergeRow(const QString& entity, const QString& rowId, qint64 serverRev, bool serverDeleted,
        const QJsonObject& serverFields, SyncApplyCounts& counts);
    // Returns the updated_at/updated_by the queued change carries.
    QJsonObject requeue(const QString& entity, const QString& rowId, qint64 baseRev, QJsonObject fields,
        const QList<OutboxChange>& replaced);
    int recordConflicts(const QString& entity, const QString& rowId, qint64 serverRev,
        const QJsonObject& localValues, const QJsonObject& serverFields);
    QList<OutboxChange> pendingFor(
        const QString& entity, const QString& rowId, QString* quarantineReason, QString* quarantineMessage);
    bool hasPending(const QString& entity, const QString& rowId);
    QJsonObject completed(const QString& entity, const QJsonObject& fields, const QJsonObject& fallback);
    void checkReopen(const QString& caseId, const QString& previousStatus, const QJsonObject& serverFields,
        SyncApplyCounts& counts, const QString& otherChangeAt = QString());
    QString latestPendingChangeAt(const QString& caseId);
    void notePushed(const OutboxChange& change);
    bool isReferenced(const QString& table, const QString& id);
    void removeRow(const QString& entity, const QString& id, QStringList& removedReferences);

    Store& m_store;
    QHash<QString, QString> m_pushedChangeAtByCase; // case id -> newest change pushed this run
};
