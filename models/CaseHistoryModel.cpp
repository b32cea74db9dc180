#include "CaseHistoryModel.h"

#include "DisplayFormat.h"
#include "core/Vocabulary.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"

CaseHistoryModel::CaseHistoryModel(StoreSession* session, QObject* parent)
    : CaseDetailModel(session, parent)
{ }

void CaseHistoryModel::load(Store& store, const QString& caseId)
{
    // The log is keyed by case reference (what an auditor asks about), not by id.
    const auto record = CaseRepository(store).get(caseId);
    if (record)
        m_entries = AuditLog(store).entries(record->reference);
}

QString CaseHistoryModel::recordLabel(const QString& entity)
{
    if (entity == QLatin1String("case"))
        return tr("Case");
    if (entity == QLatin1String("case_person"))
        return tr("Linked person");
    if (entity == QLatin1String("case_agency"))
        return tr("Involved agency");
    if (entity == QLatin1String("person"))
        return tr("Person");
    if (entity == QLatin1String("need"))
        return tr("Need");
    if (entity == QLatin1String("action"))
        return tr("Action");
    if (entity == QLatin1String("note"))
        return tr("Note");
    if (entity == QLatin1String("assessment"))
        return tr("Assessment");
    return entity;
}

QVariant CaseHistoryModel::cellData(int row, int column, int role) const
{
    const AuditEntry& e = m_entries.at(row);
    switch (role) {
    case IdRole:
        return e.sequence;
    case Qt::DisplayRole:
        switch (column) {
        case When:
            return DisplayFormat::dateTime(e.at);
        case Who:
            return e.actor;
        case What:
            return Vocabulary::auditActions().label(e.action);
        case Record:
            return recordLabel(e.entity);
        case Detail:
            return e.detail;
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case When:
            return e.at;
        case Who:
            return e.actor;
        case What:
            return e.action;
        case Record:
            return e.entity;
        case Detail:
            return e.detail;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == When)
            return e.at.toLocalTime().toString(Qt::ISODate);
        return {};
    default:
        return {};
    }
}

QString CaseHistoryModel::columnTitle(int column) const
{
    switch (column) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case What:
        return tr("What");
    case Record:
        return tr("Record");
    case Detail:
        return tr("Detail");
    default:
        return {};
    }
}
