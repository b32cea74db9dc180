#include "NeedsModel.h"

#include "core/Vocabulary.h"
#include "store/NeedRepository.h"

NeedsModel::NeedsModel(StoreSession* session, QObject* parent)
    : CaseDetailModel(session, parent)
{ }

void NeedsModel::load(Store& store, const QString& caseId)
{
    m_needs = NeedRepository(store).forCase(caseId);
}

QVariant NeedsModel::cellData(int row, int column, int role) const
{
    const CaseNeed& n = m_needs.at(row);
    if (role == IdRole)
        return n.meta.id;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Need:
            return Vocabulary::needs().label(n.needKey);
        case Severity:
            return Vocabulary::severities().label(n.severity);
        case Status:
            return Vocabulary::needStatuses().label(n.status);
        case ClutterRating:
            // The Clutter Image Rating only applies to hoarding; 0 means not recorded.
            return n.clutterRating > 0 ? tr("%1 of 9").arg(n.clutterRating) : QString();
        case Notes:
            return n.notes;
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case Need:
            return Vocabulary::needs().label(n.needKey);
        case Severity:
            return static_cast<int>(Vocabulary::severities().keys().indexOf(n.severity));
        case Status:
            return static_cast<int>(Vocabulary::needStatuses().keys().indexOf(n.status));
        case ClutterRating:
            return n.clutterRating;
        case Notes:
            return n.notes;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && column == Notes && !n.notes.isEmpty())
        return n.notes;
    return {};
}

QString NeedsModel::columnTitle(int column) const
{
    switch (column) {
    case Need:
        return tr("Need");
    case Severity:
        return tr("Severity");
    case Status:
        return tr("Status");
    case ClutterRating:
        return tr("Clutter rating");
    case Notes:
        return tr("Notes");
    default:
        return {};
    }
}
