#include "ActionsModel.h"

#include "DisplayFormat.h"
#include "core/Vocabulary.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"

#include <QFont>

#include <utility>

ActionsModel::ActionsModel(StoreSession* session, QObject* parent)
    : CaseDetailModel(session, parent)
{ }

void ActionsModel::setToday(const QDate& today)
{
    m_today = today;
    reload();
}

void ActionsModel::load(Store& store, const QString& caseId)
{
    m_actions = ActionRepository(store).forCase(caseId);
    for (const CaseAction& a : std::as_const(m_actions)) {
        if (!a.agencyId.isEmpty() && !m_agencyNames.contains(a.agencyId)) {
            const auto agency = AgencyRepository(store).get(a.agencyId);
            m_agencyNames.insert(a.agencyId, agency ? agency->name : QString());
        }
    }
}

void ActionsModel::clearRows()
{
    m_actions.clear();
    m_agencyNames.clear();
}

QVariant ActionsModel::cellData(int row, int column, int role) const
{
    const CaseAction& a = m_actions.at(row);
    const bool overdue = a.isOverdue(today());
    switch (role) {
    case IdRole:
        return a.meta.id;
    case OverdueRole:
        return overdue;
    case Qt::DisplayRole:
        switch (column) {
        case What:
            return a.description;
        case Agency:
            return m_agencyNames.value(a.agencyId);
        case Owner:
            return a.owner;
        case Due:
            return DisplayFormat::date(a.dueDate);
        case Status:
            return Vocabulary::actionStatuses().label(a.status);
        case Overdue:
            return overdue ? tr("Overdue") : QString();
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case What:
            return a.description;
        case Agency:
            return m_agencyNames.value(a.agencyId);
        case Owner:
            return a.owner;
        case Due:
            return a.dueDate;
        case Status:
            return static_cast<int>(Vocabulary::actionStatuses().keys().indexOf(a.status));
        case Overdue:
            return overdue;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == Overdue && overdue)
            return tr("Due %1, still open").arg(DisplayFormat::date(a.dueDate));
        if (column == Status && a.completedDate.isValid())
            return a.outcome.isEmpty()
                ? tr("Completed %1").arg(DisplayFormat::date(a.completedDate))
                : tr("Completed %1: %2").arg(DisplayFormat::date(a.completedDate), a.outcome);
        if (column == What && !a.description.isEmpty())
            return a.description;
        return {};
    case Qt::FontRole:
        if (column == Overdue && overdue) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QString ActionsModel::columnTitle(int column) const
{
    switch (column) {
    case What:
        return tr("Action");
    case Agency:
        return tr("Agency");
    case Owner:
        return tr("Owner");
    case Due:
        return tr("Due");
    case Status:
        return tr("Status");
    case Overdue:
        return tr("Overdue");
    default:
        return {};
    }
}
