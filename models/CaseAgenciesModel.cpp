#include "CaseAgenciesModel.h"

#include "core/Vocabulary.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"

#include <algorithm>

CaseAgenciesModel::CaseAgenciesModel(StoreSession* session, QObject* parent)
    : CaseDetailModel(session, parent)
{ }

bool CaseAgenciesModel::involves(const QString& agencyId) const
{
    return std::any_of(
        m_rows.cbegin(), m_rows.cend(), [&](const Row& row) { return row.involvement.agencyId == agencyId; });
}

void CaseAgenciesModel::load(Store& store, const QString& caseId)
{
    AgencyRepository agencies(store);
    for (const CaseAgency& involvement : CaseRepository(store).agencies(caseId))
        m_rows << Row {involvement, agencies.get(involvement.agencyId).value_or(Agency {})};
}

QVariant CaseAgenciesModel::cellData(int row, int column, int role) const
{
    const Row& r = m_rows.at(row);
    if (role == IdRole)
        return r.involvement.meta.id;
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Name:
        return r.agency.name;
    case Kind:
        return role == SortRole
            ? QVariant(static_cast<int>(Vocabulary::agencyKinds().keys().indexOf(r.agency.kind)))
            : QVariant(Vocabulary::agencyKinds().label(r.agency.kind));
    case Contact:
        // An empty contact is a gap someone should fill, so it says so rather than showing blank.
        if (role == SortRole)
            return r.involvement.contact;
        return r.involvement.contact.isEmpty() ? tr("No contact recorded") : r.involvement.contact;
    default:
        return {};
    }
}

QString CaseAgenciesModel::columnTitle(int column) const
{
    switch (column) {
    case Name:
        return tr("Agency");
    case Kind:
        return tr("Kind");
    case Contact:
        return tr("Contact for this case");
    default:
        return {};
    }
}
