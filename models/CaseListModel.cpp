#include "CaseListModel.h"

#include "DisplayFormat.h"
#include "ModelsLog.h"
#include "StoreSession.h"
#include "core/Vocabulary.h"
#include "store/CaseRepository.h"
#include "store/StoreError.h"

#include <QFont>
#include <QScopedValueRollback>

#include <limits>

namespace {
// True when a comes before b in the store's order (referral_date DESC, reference DESC). An
// unset date sorts last, as SQL's NULL does under DESC; QDate() is less than every date.
bool comesBefore(const CaseSummary& a, const CaseSummary& b)
{
    if (a.referralDate != b.referralDate)
        return a.referralDate > b.referralDate;
    return a.reference > b.reference;
}

int vocabularyOrder(const Vocabulary& vocabulary, const QString& key)
{
    return static_cast<int>(vocabulary.keys().indexOf(key));
}
} // namespace

CaseListModel::CaseListModel(StoreSession* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    connect(session, &StoreSession::unlocked, this, &CaseListModel::reload);
    connect(session, &StoreSession::locked, this, &CaseListModel::clear);
    connect(session, &StoreSession::caseChanged, this, &CaseListModel::refreshCase);
    connect(session, &StoreSession::caseAdded, this, &CaseListModel::refreshCase);
    if (session->isUnlocked())
        reload();
}

int CaseListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CaseListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags CaseListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Read-only: edits go through the workspace's editors and the repositories.
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant CaseListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaseSummary& s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(s, index.column());
    case SortRole:
        return sortData(s, index.column());
    case Qt::ToolTipRole:
        return toolTipData(s, index.column());
    case CaseIdRole:
        return s.id;
    case CaseReferenceRole:
        return s.reference;
    case Qt::TextAlignmentRole:
        if (index.column() == OpenActions)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::FontRole:
        // Weight, not colour: it survives dark palettes and is paired with the text itself.
        if ((index.column() == Risk && s.risk == QLatin1String("high"))
            || (index.column() == Overdue && s.overdueActions > 0)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant CaseListModel::displayData(const CaseSummary& s, int column) const
{
    switch (column) {
    case Reference:
        return s.reference;
    case Subject:
        return s.subjectName;
    case Status:
        return Vocabulary::caseStatuses().label(s.status);
    case Risk:
        return Vocabulary::riskLevels().label(s.risk);
    case LeadWorker:
        return s.leadWorker;
    case ReferralDate:
        return DisplayFormat::date(s.referralDate);
    case NextReview:
        return DisplayFormat::date(s.reviewDate);
    case OpenActions:
        return QString::number(s.openActions);
    case Overdue:
        return s.overdueActions > 0 ? tr("%n overdue", nullptr, s.overdueActions) : QString();
    default:
        return {};
    }
}

QVariant CaseListModel::sortData(const CaseSummary& s, int column) const
{
    switch (column) {
    case Reference:
        return s.reference;
    case Subject:
        return s.subjectName;
    case Status:
        return vocabularyOrder(Vocabulary::caseStatuses(), s.status);
    case Risk:
        return vocabularyOrder(Vocabulary::riskLevels(), s.risk);
    case LeadWorker:
        return s.leadWorker;
    case ReferralDate:
        return s.referralDate;
    case NextReview:
        return s.reviewDate;
    case OpenActions:
        return s.openActions;
    case Overdue:
        return s.overdueActions;
    default:
        return {};
    }
}

QVariant CaseListModel::toolTipData(const CaseSummary& s, int column) const
{
    switch (column) {
    case Reference:
        return s.referringAgency.isEmpty() ? QVariant()
                                           : QVariant(tr("Referred by %1").arg(s.referringAgency));
    case Risk:
        return s.risk == QLatin1String("high") ? QVariant(tr("High risk")) : QVariant();
    case NextReview:
        return s.reviewDate.isValid() ? QVariant() : QVariant(tr("No review date set"));
    case Overdue:
        return s.overdueActions > 0
            ? QVariant(tr("%n open action(s) past the due date", nullptr, s.overdueActions))
            : QVariant();
    default:
        return {};
    }
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Reference:
        return tr("Reference");
    case Subject:
        return tr("Subject");
    case Status:
        return tr("Status");
    case Risk:
        return tr("Risk");
    case LeadWorker:
        return tr("Lead worker");
    case ReferralDate:
        return tr("Referred");
    case NextReview:
        return tr("Next review");
    case OpenActions:
        return tr("Open actions");
    case Overdue:
        return tr("Overdue");
    default:
        return {};
    }
}

bool CaseListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void CaseListModel::fetchMore(const QModelIndex& parent)
{
    Store* store = m_session ? m_session->store() : nullptr;
    // Views and QAbstractItemModelTester may call this without asking canFetchMore(), even
    // from inside another change's signals; a page appended then would corrupt that change.
    if (!store || m_changing || !canFetchMore(parent))
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    CaseFilter page = m_filter;
    page.offset = static_cast<int>(m_rows.size());
    page.limit = PageSize;
    QList<CaseSummary> loaded;
    try {
        loaded = CaseRepository(*store).list(page);
    } catch (const StoreError& e) {
        qCWarning(lcModels) << "case list page failed:" << e.message();
        m_total = m_rows.size(); // stop the view asking again and again
        emit loadFailed(e.message());
        return;
    }
    if (loaded.isEmpty()) {
        // Cases went away since the count (another writer); stop fetching.
        m_total = m_rows.size();
        emit totalCountChanged(m_total);
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + static_cast<int>(loaded.size()) - 1);
    m_rows.append(loaded);
    endInsertRows();
}

void CaseListModel::setFilter(const CaseFilter& filter)
{
    m_filter = filter;
    m_filter.offset = 0;
    m_filter.limit = PageSize;
    reload();
}

void CaseListModel::reload()
{
    // A synchronous first page: SQLCipher gives us one connection and a page of 200
    // summaries reads in milliseconds even over 100,000 cases, so a worker thread would buy
    // little and cost a second unlocked connection.
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    Store* store = m_session ? m_session->store() : nullptr;
    if (store) {
        try {
            m_total = CaseRepository(*store).count(m_filter);
            CaseFilter page = m_filter;
            page.offset = 0;
            page.limit = PageSize;
            m_rows = CaseRepository(*store).list(page);
        } catch (const StoreError& e) {
            qCWarning(lcModels) << "case list failed:" << e.message();
            m_rows.clear();
            m_total = 0;
            endResetModel();
            emit totalCountChanged(m_total);
            emit loadFailed(e.message());
            return;
        }
    }
    endResetModel();
    emit totalCountChanged(m_total);
}

void CaseListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    endResetModel();
    emit totalCountChanged(m_total);
}

QString CaseListModel::caseIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int CaseListModel::rowForCaseId(const QString& caseId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == caseId)
            return row;
    }
    return -1;
}

std::optional<CaseSummary> CaseListModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}

std::optional<CaseSummary> CaseListModel::findUnderFilter(const QString& caseId)
{
    Store* store = m_session ? m_session->store() : nullptr;
    if (!store)
        return std::nullopt;
    CaseRepository cases(*store);
    const auto record = cases.get(caseId);
    if (!record)
        return std::nullopt; // deleted: its row goes
    // The store has no "by id" list query, so narrow the current filter with the number part
    // of the reference as one more search word: a handful of candidates, in which the case
    // is found exactly when it matches the filter.
    CaseFilter narrowed = m_filter;
    const QString number = record->reference.section(QLatin1Char('-'), -1);
    narrowed.search = m_filter.search + QLatin1Char(' ') + (number.isEmpty() ? record->reference : number);
    narrowed.offset = 0;
    narrowed.limit = std::numeric_limits<int>::max();
    const QList<CaseSummary> candidates = cases.list(narrowed);
    for (const CaseSummary& s : candidates) {
        if (s.id == caseId)
            return s;
    }
    return std::nullopt;
}

int CaseListModel::sortedPosition(const CaseSummary& summary) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (comesBefore(summary, m_rows.at(row)))
            return row;
    }
    return static_cast<int>(m_rows.size());
}

void CaseListModel::recount()
{
    Store* store = m_session ? m_session->store() : nullptr;
    if (!store)
        return;
    const qint64 total = CaseRepository(*store).count(m_filter);
    if (total != m_total) {
        m_total = total;
        emit totalCountChanged(m_total);
    }
}

// One case was edited or added: update, move, insert or remove just its row, keeping the
// loaded rows a prefix of the store's order so the next fetchMore's offset stays right.
void CaseListModel::refreshCase(const QString& caseId)
{
    if (!m_session || !m_session->isUnlocked())
        return;
    const bool allLoaded = m_rows.size() >= m_total;
    const int row = rowForCaseId(caseId);
    const QScopedValueRollback<bool> changing(m_changing, true);
    try {
        const std::optional<CaseSummary> found = findUnderFilter(caseId);
        // Still between its neighbours: a plain dataChanged. (The last loaded row cannot be
        // checked against the unloaded ones after it; it stays put until the next reload.)
        if (row >= 0 && found) {
            const bool afterPrevious = row == 0 || !comesBefore(*found, m_rows.at(row - 1));
            const bool beforeNext = row + 1 >= m_rows.size() || !comesBefore(m_rows.at(row + 1), *found);
            if (afterPrevious && beforeNext) {
                m_rows[row] = *found;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                recount();
                return;
            }
        }
        if (row >= 0) {
            // No longer under the filter (or moved): take it out, then place it again below.
            beginRemoveRows(QModelIndex(), row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        if (found) {
            const int position = sortedPosition(*found);
            // Past the loaded rows with more still in the store: the page that holds it will
            // bring it when the view scrolls there.
            if (position < m_rows.size() || allLoaded) {
                beginInsertRows(QModelIndex(), position, position);
                m_rows.insert(position, *found);
                endInsertRows();
            }
        }
        recount();
    } catch (const StoreError& e) {
        qCWarning(lcModels) << "case list refresh failed:" << e.message();
        emit loadFailed(e.message());
    }
}
