#include "NeedRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariantMap fieldsOf(const CaseNeed& n)
{
    return {{QStringLiteral("case_id"), n.caseId}, {QStringLiteral("need_key"), n.needKey},
        {QStringLiteral("severity"), n.severity}, {QStringLiteral("status"), n.status},
        {QStringLiteral("clutter_rating"), n.clutterRating}, {QStringLiteral("notes"), n.notes}};
}
} // namespace

NeedRepository::NeedRepository(Store& store)
    : m_store(store)
{ }

void NeedRepository::add(CaseNeed& need, const QString& caseReference)
{
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "case_needs", QStringLiteral("need"), need.meta, fieldsOf(need), caseReference, need.needKey);
    });
}

bool NeedRepository::update(CaseNeed& need, const QString& caseReference)
{
    return m_store.write([&] {
        return RecordWriter(m_store).update(
            "case_needs", QStringLiteral("need"), need.meta, fieldsOf(need), caseReference);
    });
}

QList<CaseNeed> NeedRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + RowReader::MetaColumns
        + ", case_id, need_key, severity, status, clutter_rating, notes FROM case_needs WHERE deleted = 0 "
        + where + " ORDER BY created_at";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<CaseNeed> result;
    while (st.next()) {
        CaseNeed n;
        n.meta = RowReader::meta(st);
        n.caseId = st.text(7);
        n.needKey = st.text(8);
        n.severity = st.text(9);
        n.status = st.text(10);
        n.clutterRating = static_cast<int>(st.integer(11));
        n.notes = st.text(12);
        result << n;
    }
    return result;
}

std::optional<CaseNeed> NeedRepository::find(const QString& caseId, const QString& needKey)
{
    const auto found = query("AND case_id = ?1 AND need_key = ?2", {caseId, needKey});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<CaseNeed> NeedRepository::forCase(const QString& caseId)
{
    return query("AND case_id = ?1", {caseId});
}
