#pragma once

#include "CaseRemoval.h"
#include "QuarantinedChange.h"
#include "ReopenFlag.h"
#include "SyncConflict.h"

#include <QCoreApplication>
#include <QList>

class Store;

// What a sync leaves for a worker to look at, and their decisions: conflicts (a field both
// sides changed), quarantined changes (the server refused them), cases closed elsewhere
// that were changed here after the closing, and cases the server no longer shares. Plus
// the last outcome for the status bar. Every decision is audited.
class SyncIssues
{
    Q_DECLARE_TR_FUNCTIONS(SyncIssues)

public:
    enum class Resolution { KeepServer, UseMine };

    explicit SyncIssues(Store& store);

    // Unresolved, oldest first, with the case reference where the row belongs to a case.
    QList<SyncConflict> openConflicts();
    // KeepServer only marks it resolved (the record already holds the server's value);
    // UseMine writes the local value back through RecordWriter, so it is queued and audited
    // like any edit. Throws StoreError (NotFound when the conflict or its row is gone).
    void resolve(qint64 conflictId, Resolution how);

    QList<QuarantinedChange> quarantinedChanges();
    // Lets the change go with the next sync again (its refusals start from zero).
    void release(qint64 outboxSeq);

    QList<ReopenFlag> reopenFlags();
    // The worker has decided (reopened or left closed); the flag goes.
    void clearReopenFlag(const QString& caseId);

    QList<CaseRemoval> unacknowledgedRemovals();
    void acknowledgeRemoval(qint64 removalId);

    qint64 pullCursor();
    QString lastSuccessAt();
    QString lastFailureAt();
    QString lastFailureReason();

private:
    Store& m_store;
};
