#include "SyncIssues.h"

#include "AuditLog.h"
#include "RecordWriter.h"
#include "Store.h"
#include "SyncRows.h"
#include "SyncStateTable.h"
#include "protocol/EntitySchema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonValue fromJsonText(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array().at(0);
}

StoreError notFound()
{
    return StoreError(StoreError::Code::NotFound, SyncIssues::tr("That sync item no longer exists."));
}

} // namespace

SyncIssues::SyncIssues(Store& store)
    : m_store(store)
{ }

QList<SyncConflict> SyncIssues::openConflicts()
{
    Statement st = m_store.db().prepare(
        "SELECT k.id, k.entity, k.row_id, coalesce(k.case_id, ''), coalesce(c.reference, ''), k.field, "
        "k.local_value, k.server_value, k.server_rev, k.detected_at FROM sync_conflicts k LEFT JOIN cases c "
        "ON c.id = k.case_id WHERE k.resolved_at IS NULL ORDER BY k.id");
    QList<SyncConflict> result;
    while (st.next()) {
        result << SyncConflict {st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
            fromJsonText(st.text(6)), fromJsonText(st.text(7)), st.integer(8), st.text(9)};
    }
    return result;
}

void SyncIssues::resolve(qint64 conflictId, Resolution how)
{
    m_store.write([&] {
        const auto open = openConflicts();
        const auto it = std::find_if(
            open.cbegin(), open.cend(), [&](const SyncConflict& c) { return c.id == conflictId; });
        if (it == open.cend())
            throw notFound();
        const SyncConflict& conflict = *it;
        // Only a field of a mutable entity the schema names is ever written back.
        const EntitySchema::Field* field = EntitySchema::field(conflict.entity, conflict.field);
        if (how == Resolution::UseMine && field && !EntitySchema::isImmutable(conflict.entity)) {
            RowMeta meta;
            meta.id = conflict.rowId;
            const QByteArray table = EntitySchema::table(conflict.entity).toLatin1();
            RecordWriter(m_store).update(table.constData(), conflict.entity, meta,
                {{conflict.field, conflict.localValue.toVariant()}}, conflict.caseReference);
        }
        m_store.db()
            .prepare(
                "UPDATE sync_conflicts SET resolved_at = ?1, resolved_by = ?2, resolution = ?3 WHERE id = ?4")
            .bindAll({m_store.now(), m_store.actor(),
                how == Resolution::UseMine ? QStringLiteral("mine") : QStringLiteral("server"), conflictId})
            .run();
        AuditLog(m_store).append(QStringLiteral("update"), conflict.entity, conflict.rowId,
            conflict.caseReference,
            QStringLiteral("sync conflict on %1 resolved: %2")
                .arg(conflict.field,
                    how == Resolution::UseMine ? QStringLiteral("local value kept")
                                               : QStringLiteral("server value kept")));
    });
}

QList<QuarantinedChange> SyncIssues::quarantinedChanges()
{
    Statement st
        = m_store.db().prepare("SELECT seq, change_id, entity, row_id, op, last_reason, last_message, "
                               "attempts, created_at FROM outbox WHERE quarantined = 1 ORDER BY seq");
    QList<QuarantinedChange> result;
    SyncRows rows(m_store);
    while (st.next()) {
        QuarantinedChange q {st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), QString(),
            st.text(5), st.text(6), static_cast<int>(st.integer(7)), st.text(8)};
        q.caseReference = rows.caseReference(rows.caseIdOf(q.entity, q.rowId));
        result << q;
    }
    return result;
}

void SyncIssues::release(qint64 outboxSeq)
{
    m_store.write([&] {
        m_store.db()
            .prepare("UPDATE outbox SET quarantined = 0, refusals = 0 WHERE seq = ?1 AND quarantined = 1")
            .bind(1, outboxSeq)
            .run();
        if (m_store.db().changes() == 0)
            throw notFound();
        AuditLog(m_store).append(QStringLiteral("sync"), QStringLiteral("outbox"), QString::number(outboxSeq),
            QString(), QStringLiteral("quarantined change released for the next sync"));
    });
}

QList<ReopenFlag> SyncIssues::reopenFlags()
{
    Statement st = m_store.db().prepare(
        "SELECT r.case_id, coalesce(c.reference, ''), r.server_status, r.raised_at FROM sync_reopen r "
        "LEFT JOIN cases c ON c.id = r.case_id WHERE r.decided_at IS NULL ORDER BY r.raised_at");
    QList<ReopenFlag> result;
    while (st.next())
        result << ReopenFlag {st.text(0), st.text(1), st.text(2), st.text(3)};
    return result;
}

void SyncIssues::clearReopenFlag(const QString& caseId)
{
    m_store.write([&] {
        m_store.db()
            .prepare("UPDATE sync_reopen SET decided_at = ?1, decided_by = ?2 WHERE case_id = ?3 AND "
                     "decided_at IS NULL")
            .bindAll({m_store.now(), m_store.actor(), caseId})
            .run();
        if (m_store.db().changes() == 0)
            throw notFound();
        AuditLog(m_store).append(QStringLiteral("update"), QStringLiteral("case"), caseId,
            SyncRows(m_store).caseReference(caseId), QStringLiteral("reopen decision made"));
    });
}

QList<CaseRemoval> SyncIssues::unacknowledgedRemovals()
{
    Statement st = m_store.db().prepare("SELECT id, case_id, case_reference, reason, removed_at FROM "
                                        "sync_removals WHERE acknowledged_at IS NULL ORDER BY id");
    QList<CaseRemoval> result;
    while (st.next())
        result << CaseRemoval {st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4)};
    return result;
}

void SyncIssues::acknowledgeRemoval(qint64 removalId)
{
    m_store.write([&] {
        m_store.db()
            .prepare("UPDATE sync_removals SET acknowledged_at = ?1, acknowledged_by = ?2 WHERE id = ?3 AND "
                     "acknowledged_at IS NULL")
            .bindAll({m_store.now(), m_store.actor(), removalId})
            .run();
        if (m_store.db().changes() == 0)
            throw notFound();
    });
}

qint64 SyncIssues::pullCursor()
{
    return SyncStateTable(m_store).value(QStringLiteral("pull_cursor"), QStringLiteral("0")).toLongLong();
}

QString SyncIssues::lastSuccessAt()
{
    return SyncStateTable(m_store).value(QStringLiteral("last_success_at"));
}

QString SyncIssues::lastFailureAt()
{
    return SyncStateTable(m_store).value(QStringLiteral("last_failure_at"));
}

QString SyncIssues::lastFailureReason()
{
    return SyncStateTable(m_store).value(QStringLiteral("last_failure_reason"));
}
