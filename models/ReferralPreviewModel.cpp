#include "ReferralPreviewModel.h"

#include "DisplayFormat.h"
#include "core/Vocabulary.h"

namespace {
// Shown as on an NHS card (3 3 4), which is how a worker will check it against a letter.
QString spacedNhsNumber(const QString& digits)
{
    if (digits.size() != 10)
        return digits;
    return QStringLiteral("%1 %2 %3").arg(digits.left(3), digits.mid(3, 3), digits.mid(6));
}

QString needLabels(const QStringList& keys)
{
    QStringList labels;
    for (const QString& key : keys)
        labels << Vocabulary::needs().label(key);
    return labels.join(QStringLiteral(", "));
}

// Rows are one line high so a long file scrolls quickly; a reason's line breaks would be
// clipped there, so the cell shows it on one line and the tooltip has it whole.
QString oneLine(const QString& text)
{
    return QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')).remove(QLatin1Char('\r'));
}
} // namespace

ReferralPreviewModel::ReferralPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

int ReferralPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReferralPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ReferralPreviewModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant ReferralPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayData(index.row(), index.column());
    case SortRole:
        return sortData(index.row(), index.column());
    case Qt::ToolTipRole:
        return toolTipData(index.row(), index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Line)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ReferralPreviewModel::displayData(int row, int column) const
{
    const ReferralRow& r = m_rows.at(row);
    switch (column) {
    case Line:
        return r.line;
    case Reference:
        return reference(row);
    case Name:
        return r.subject.fullName();
    case DateOfBirth:
        return DisplayFormat::date(r.subject.dateOfBirth);
    case NhsNumber:
        return spacedNhsNumber(r.subject.nhsNumber);
    case Postcode:
        return r.subject.postcode;
    case ReferralDate:
        return DisplayFormat::date(r.caseRecord.referralDate);
    case ReferringAgency:
        return r.referringAgencyName;
    case Needs:
        return needLabels(r.needs);
    case Reason:
        return oneLine(r.caseRecord.reason);
    case Consent:
        return Vocabulary::consentStatuses().label(r.caseRecord.consent);
    case Risk:
        return Vocabulary::riskLevels().label(r.caseRecord.risk);
    case Status:
        return Vocabulary::caseStatuses().label(r.caseRecord.status);
    default:
        return {};
    }
}

QVariant ReferralPreviewModel::sortData(int row, int column) const
{
    const ReferralRow& r = m_rows.at(row);
    switch (column) {
    case Line:
        return r.line;
    case DateOfBirth:
        return r.subject.dateOfBirth;
    case ReferralDate:
        return r.caseRecord.referralDate;
    case Consent:
        return r.caseRecord.consent;
    case Risk:
        return Vocabulary::riskLevels().keys().indexOf(r.caseRecord.risk);
    case Status:
        return Vocabulary::caseStatuses().keys().indexOf(r.caseRecord.status);
    case Needs:
        return r.needs.join(QLatin1Char(';'));
    default:
        return displayData(row, column);
    }
}

QVariant ReferralPreviewModel::toolTipData(int row, int column) const
{
    const ReferralRow& r = m_rows.at(row);
    switch (column) {
    case Reference:
        if (m_rows.at(row).caseRecord.reference.isEmpty() && row >= m_assigned.size())
            return tr("Given the next free reference for its referral year when imported");
        return {};
    case Reason:
        return r.caseRecord.reason;
    case Status:
        if (r.caseRecord.status == QLatin1String("closed"))
            return tr("Closed on %1: %2")
                .arg(DisplayFormat::date(r.caseRecord.closedDate),
                    Vocabulary::closureReasons().label(r.caseRecord.closureReason));
        return {};
    default:
        return {};
    }
}

QString ReferralPreviewModel::reference(int row) const
{
    const QString fromFile = m_rows.at(row).caseRecord.reference;
    if (!fromFile.isEmpty())
        return fromFile;
    if (row < m_assigned.size())
        return m_assigned.at(row);
    return tr("next free");
}

QVariant ReferralPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Line:
        return tr("Line");
    case Reference:
        return tr("Reference");
    case Name:
        return tr("Name");
    case DateOfBirth:
        return tr("Date of birth");
    case NhsNumber:
        return tr("NHS number");
    case Postcode:
        return tr("Postcode");
    case ReferralDate:
        return tr("Referred");
    case ReferringAgency:
        return tr("Referring agency");
    case Needs:
        return tr("Needs");
    case Reason:
        return tr("Reason");
    case Consent:
        return tr("Consent");
    case Risk:
        return tr("Risk");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

void ReferralPreviewModel::setRows(QList<ReferralRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_assigned.clear();
    endResetModel();
}

void ReferralPreviewModel::clear()
{
    setRows({});
}

void ReferralPreviewModel::setAssignedReferences(const QStringList& references)
{
    m_assigned = references;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Reference), index(rowCount() - 1, Reference));
}
