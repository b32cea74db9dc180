#include "ReferralImporter.h"

#include "AgencyRepository.h"
#include "AuditLog.h"
#include "CaseRepository.h"
#include "NeedRepository.h"
#include "PersonRepository.h"
#include "Store.h"
#include "core/CaseReference.h"

#include <QHash>
#include <QSet>

#include <algorithm>

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
        for (const ReferralRow& row : std::as_const(rows)) {
            const QString& reference = row.caseRecord.reference;
            if (!reference.isEmpty() && cases.referenceExists(reference))
                throw StoreError(StoreError::Code::Invalid,
                    tr("line %1: reference %2 is already in the store").arg(row.line).arg(reference));
        }
        assignReferences(rows);
        for (ReferralRow& row : rows) {
            addReferral(row);
            references << row.caseRecord.reference;
        }
        AuditLog(m_store).append(QStringLiteral("import"), QStringLiteral("referrals"), QString(), QString(),
            tr("%n referral(s) from %1", nullptr, static_cast<int>(rows.size())).arg(sourceName));
        return references;
    });
}

void ReferralImporter::assignReferences(QList<ReferralRow>& rows)
{
    // Rows without a reference are numbered on from the highest of their referral year, in the
    // store or in the file, as CaseRepository::add would. Asking the store row by row would
    // read the year's references once per row: minutes for a big file.
    QSet<QString> taken;
    QHash<int, int> nextNumber; // year -> the next number to try
    for (const ReferralRow& row : std::as_const(rows)) {
        taken.insert(row.caseRecord.reference);
        int year = 0;
        int number = 0;
        if (CaseReference::parse(row.caseRecord.reference, &year, &number))
            nextNumber[year] = std::max(nextNumber.value(year), number + 1);
    }
    CaseRepository cases(m_store);
    QSet<int> asked; // years whose highest stored number is known
    for (ReferralRow& row : rows) {
        CaseRecord& record = row.caseRecord;
        if (!record.reference.isEmpty())
            continue;
        const int year
            = record.referralDate.isValid() ? record.referralDate.year() : m_store.now().date().year();
        if (!asked.contains(year)) {
            int number = 1;
            CaseReference::parse(cases.nextReference(year), nullptr, &number);
            nextNumber[year] = std::max(nextNumber.value(year), number);
            asked.insert(year);
        }
        QString candidate;
        do
            candidate = CaseReference::format(year, nextNumber[year]++);
        while (taken.contains(candidate) || cases.referenceExists(candidate));
        record.reference = candidate;
        taken.insert(candidate);
    }
}
