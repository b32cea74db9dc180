#include "OutboxSummary.h"

#include "Store.h"

OutboxSummary::OutboxSummary(Store& store)
    : m_store(store)
{ }

int OutboxSummary::pendingCount()
{
    return static_cast<int>(m_store.db().scalar("SELECT count(*) FROM outbox"));
}

QStringList OutboxSummary::caseReferences()
{
    // Each entity's case: its own id, its case_id column, or (a person) every case they are on.
    Statement st = m_store.db().prepare(R"sql(
        WITH touched(case_id) AS (
          SELECT o.row_id FROM outbox o WHERE o.entity = 'case'
          UNION SELECT t.case_id FROM outbox o JOIN case_needs t ON t.id = o.row_id WHERE o.entity = 'need'
          UNION SELECT t.case_id FROM outbox o JOIN actions t ON t.id = o.row_id WHERE o.entity = 'action'
          UNION SELECT t.case_id FROM outbox o JOIN notes t ON t.id = o.row_id WHERE o.entity = 'note'
          UNION SELECT t.case_id FROM outbox o JOIN assessments t ON t.id = o.row_id WHERE o.entity = 'assessment'
          UNION SELECT t.case_id FROM outbox o JOIN case_people t ON t.id = o.row_id WHERE o.entity = 'case_person'
          UNION SELECT t.case_id FROM outbox o JOIN case_agencies t ON t.id = o.row_id WHERE o.entity = 'case_agency'
          UNION SELECT t.case_id FROM outbox o JOIN case_people t ON t.person_id = o.row_id WHERE o.entity = 'person')
        SELECT DISTINCT c.reference FROM touched JOIN cases c ON c.id = touched.case_id ORDER BY c.reference)sql");
    QStringList references;
    while (st.next())
        references << st.text(0);
    return references;
}
