#include "AssessmentRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariant optionalInt(int value)
{
    return value < 0 ? QVariant() : QVariant(value);
}

int intOrMissing(const Statement& st, int column)
{
    return st.isNull(column) ? -1 : static_cast<int>(st.integer(column));
}
} // namespace

AssessmentRepository::AssessmentRepository(Store& store)
    : m_store(store)
{ }

void AssessmentRepository::add(Assessment& a, const QString& caseReference)
{
    const QVariantMap fields {{QStringLiteral("case_id"), a.caseId}, {QStringLiteral("kind"), a.kind},
        {QStringLiteral("stage"), a.stage}, {QStringLiteral("assessed_on"), a.assessedOn},
        {QStringLiteral("ons4_1"), optionalInt(a.ons4[0])},
        {QStringLiteral("ons4_2"), optionalInt(a.ons4[1])},
        {QStringLiteral("ons4_3"), optionalInt(a.ons4[2])},
        {QStringLiteral("ons4_4"), optionalInt(a.ons4[3])},
        {QStringLiteral("pam_score"), a.pamScore < 0 ? QVariant() : QVariant(a.pamScore)},
        {QStringLiteral("gp_appointments"), optionalInt(a.gpAppointments)},
        {QStringLiteral("ae_attendances"), optionalInt(a.aeAttendances)},
        {QStringLiteral("period_months"), a.periodMonths > 0 ? QVariant(a.periodMonths) : QVariant()}};
    m_store.write([&] {
        RecordWriter(m_store).insert("assessments", QStringLiteral("assessment"), a.meta, fields,
            caseReference, a.kind + QLatin1Char(' ') + a.stage);
    });
}

QList<Assessment> AssessmentRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + RowReader::MetaColumns
        + ", case_id, kind, stage, assessed_on, ons4_1, ons4_2, ons4_3, ons4_4, pam_score, gp_appointments, "
          "ae_attendances, period_months FROM assessments WHERE deleted = 0 "
        + where + " ORDER BY assessed_on, created_at";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<Assessment> result;
    while (st.next()) {
        Assessment a;
        a.meta = RowReader::meta(st);
        a.caseId = st.text(7);
        a.kind = st.text(8);
        a.stage = st.text(9);
        a.assessedOn = st.date(10);
        for (int i = 0; i < 4; ++i)
            a.ons4[static_cast<size_t>(i)] = intOrMissing(st, 11 + i);
        a.pamScore = st.isNull(15) ? -1 : st.real(15);
        a.gpAppointments = intOrMissing(st, 16);
        a.aeAttendances = intOrMissing(st, 17);
        a.periodMonths = st.isNull(18) ? 0 : static_cast<int>(st.integer(18));
        result << a;
    }
    return result;
}

QList<Assessment> AssessmentRepository::forCase(const QString& caseId)
{
    return query("AND case_id = ?1", {caseId});
}

QList<Assessment> AssessmentRepository::all()
{
    return query("", {});
}
