#include "ReportRepository.h"

#include "ActionRepository.h"
#include "AssessmentRepository.h"
#include "Store.h"

#include <QHash>

ReportRepository::ReportRepository(Store& store)
    : m_store(store)
{ }

QList<ReportCase> ReportRepository::casesUpTo(const QDate& to)
{
    Statement st = m_store.db().prepare(
        "SELECT c.id, c.reference, c.status, c.referral_date, c.closed_date, c.status_date, ag.name, "
        "(SELECT group_concat(n.need_key, ';') FROM case_needs n WHERE n.case_id = c.id AND n.deleted = 0) "
        "FROM cases c LEFT JOIN agencies ag ON ag.id = c.referring_agency_id "
        "WHERE c.deleted = 0 AND c.referral_date <= ?1 ORDER BY c.referral_date");
    st.bind(1, to);
    QList<ReportCase> cases;
    QHash<QString, qsizetype> indexById;
    while (st.next()) {
        ReportCase c;
        c.reference = st.text(1);
        c.status = st.text(2);
        c.referralDate = st.date(3);
        c.closedDate = st.date(4);
        if (c.status == QLatin1String("declined"))
            c.declinedDate = st.date(5);
        c.referringAgency = st.text(6);
        c.needs = st.text(7).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        indexById.insert(st.text(0), cases.size());
        cases << c;
    }
    // Two bulk reads instead of a query per case: reports run over thousands of cases.
    for (const Assessment& a : AssessmentRepository(m_store).all()) {
        if (const auto it = indexById.constFind(a.caseId); it != indexById.cend())
            cases[*it].assessments << a;
    }
    Statement actions = m_store.db().prepare(
        "SELECT case_id, id, status, due_date, completed_date FROM actions WHERE deleted = 0");
    while (actions.next()) {
        if (const auto it = indexById.constFind(actions.text(0)); it != indexById.cend()) {
            CaseAction a;
            a.caseId = actions.text(0);
            a.meta.id = actions.text(1);
            a.status = actions.text(2);
            a.dueDate = actions.date(3);
            a.completedDate = actions.date(4);
            cases[*it].actions << a;
        }
    }
    return cases;
}
