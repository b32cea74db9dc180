#include "CaseFacets.h"

#include "Store.h"

CaseFacets::CaseFacets(Store& store)
    : m_store(store)
{ }

QStringList CaseFacets::leadWorkers()
{
    Statement st = m_store.db().prepare("SELECT DISTINCT lead_worker FROM cases WHERE deleted = 0 AND "
                                        "lead_worker <> '' ORDER BY lead_worker COLLATE NOCASE");
    QStringList names;
    while (st.next())
        names << st.text(0);
    return names;
}
