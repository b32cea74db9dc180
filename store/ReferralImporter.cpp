#include "ReferralImporter.h"

#include "AgencyRepository.h"
#include "AuditLog.h"
#include "CaseRepository.h"
#include "NeedRepository.h"
#include "PersonRepository.h"
#include "Store.h"

ReferralImporter::ReferralImporter(Store& store)
    : m_store(store)
{ }

void ReferralImporter::addReferral(ReferralRow& row)
{
    m_store.write([&] {
        CaseRecord& record = row.caseRecord;
        record.referringAgencyId = AgencyRepository(m_store).findOrCreate(row.referringAgencyName).meta.id;
        CaseRepository cases(m_store);
        cases.add(record);
        PersonRepository(m_store).add(row.subject, record.reference);
        CasePerson link;
        link.caseId = record.meta.id;
        link.personId = row.subject.meta.id;
        cases.linkPerson(link, record.reference);
        for (const QString& key : std::as_const(row.needs)) {
            CaseNeed need;
            need.caseId = record.meta.id;
            need.needKey = key;
            NeedRepository(m_store).add(need, record.reference);
        }
    });
}

QStringList ReferralImporter::import(QList<ReferralRow> rows, const QString& sourceName)
{
    return m_store.write([&] {
        QStringList references;
        CaseRepository cases(m_store);
        for (ReferralRow& row : rows) {
            CaseRecord& record = row.caseRecord;
            if (!record.reference.isEmpty() && cases.referenceExists(record.reference))
                throw StoreError(StoreError::Code::Invalid,
                    tr("line %1: reference %2 is already in the store").arg(row.line).arg(record.reference));
            addReferral(row);
            references << record.reference;
        }
        AuditLog(m_store).append(QStringLiteral("import"), QStringLiteral("referrals"), QString(), QString(),
            tr("%n referral(s) from %1", nullptr, static_cast<int>(rows.size())).arg(sourceName));
        return references;
    });
}
