#include "ActionRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariantMap fieldsOf(const CaseAction& a)
{
    return {{QStringLiteral("case_id"), a.caseId}, {QStringLiteral("description"), a.description},
        {QStringLiteral("agency_id"), a.agencyId.isEmpty() ? QVariant() : a.agencyId},
        {QStringLiteral("owner"), a.owner}, {QStringLiteral("due_date"), a.dueDate},
        {QStringLiteral("status"), a.status}, {QStringLiteral("completed_date"), a.completedDate},
        {QStringLiteral("outcome"), a.outcome}};
}
} // namespace

ActionRepository::ActionRepository(Store& store)
    : m_store(store)
{ }

void ActionRepository::add(CaseAction& action, const QString& caseReference)
{
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "actions", QStringLiteral("action"), action.meta, fieldsOf(action), caseReference);
    });
}

bool ActionRepository::update(CaseAction& action, const QString& caseReference)
{
    return m_store.write([&] {
        return RecordWriter(m_store).update(
            "actions", QStringLiteral("action"), action.meta, fieldsOf(action), caseReference);
    });
}

QList<CaseAction> ActionRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + RowReader::MetaColumns
        + ", case_id, description, agency_id, owner, due_date, status, completed_date, outcome FROM actions "
          "WHERE deleted = 0 "
        + where + " ORDER BY due_date IS NULL, due_date, created_at";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<CaseAction> result;
    while (st.next()) {
        CaseAction a;
        a.meta = RowReader::meta(st);
        a.caseId = st.text(7);
        a.description = st.text(8);
        a.agencyId = st.text(9);
        a.owner = st.text(10);
        a.dueDate = st.date(11);
        a.status = st.text(12);
        a.completedDate = st.date(13);
        a.outcome = st.text(14);
        result << a;
    }
    return result;
}

std::optional<CaseAction> ActionRepository::get(const QString& id)
{
    const auto found = query("AND id = ?1", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<CaseAction> ActionRepository::forCase(const QString& caseId)
{
    return query("AND case_id = ?1", {caseId});
}
