#include "AuditLog.h"

#include "Store.h"

AuditLog::AuditLog(Store& store)
    : m_store(store)
{ }

void AuditLog::append(const QString& action, const QString& entity, const QString& entityId,
    const QString& caseReference, const QString& detail)
{
    Statement st = m_store.db().prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, "
                                        "case_reference, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bindAll({m_store.now(), m_store.actor(), action, entity, entityId, caseReference, detail}).run();
}

QList<AuditEntry> AuditLog::entries(const QString& caseReference, int limit)
{
    Statement st = m_store.db().prepare(
        "SELECT seq, at, actor, action, entity, entity_id, case_reference, detail FROM audit_log "
        "WHERE ?1 = '' OR case_reference = ?1 ORDER BY seq DESC LIMIT ?2");
    st.bind(1, caseReference.isNull() ? QStringLiteral("") : caseReference).bind(2, limit);
    QList<AuditEntry> result;
    while (st.next()) {
        AuditEntry e;
        e.sequence = st.integer(0);
        e.at = st.dateTime(1);
        e.actor = st.text(2);
        e.action = st.text(3);
        e.entity = st.text(4);
        e.entityId = st.text(5);
        e.caseReference = st.text(6);
        e.detail = st.text(7);
        result << e;
    }
    return result;
}

qint64 AuditLog::count()
{
    return m_store.db().scalar("SELECT count(*) FROM audit_log");
}
