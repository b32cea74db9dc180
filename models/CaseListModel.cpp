#include "CaseListModel.h"

#include "DisplayFormat.h"
#include "ModelsLog.h"
#include "ReadWorker.h"
#include "StoreSession.h"
#include "core/Vocabulary.h"
#include "store/CaseRepository.h"
#include "store/StoreError.h"

#include <QFont>
#include <QScopedValueRollback>

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

// What one background read of a new filter brings back: the count and the first page, read
// in one snapshot so they agree.
struct CaseListModel::FirstPage
{
    qint64 total = 0;
    QList<CaseSummary> rows;
};

CaseListModel::CaseListModel(StoreSession* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_reads(new ReadWorker(session, this))
{
    connect(session, &StoreSession::unlocked, this, &CaseListModel::reload);
    connect(session, &StoreSession::locked, this, &CaseListModel::clear);
    connect(session, &StoreSession::caseChanged, this, [this](const QString& id) { refreshCase(id, false); });
    connect(session, &StoreSession::caseAdded, this, [this](const QString& id) { refreshCase(id, true); });
    connect(session, &StoreSession::storeChanged, this, &CaseListModel::reload);
    connect(m_reads, &ReadWorker::failed, this, &CaseListModel::readFailed);
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
    return !parent.isValid() && !m_loading && m_rows.size() < m_total;
}

void CaseListModel::fetchMore(const QModelIndex& parent)
{
    // Views and QAbstractItemModelTester may call this without asking canFetchMore(), even
    // from inside another change's signals, and again while a page is on its way.
    if (!m_session || !m_session->isUnlocked() || m_changing || m_fetching || !canFetchMore(parent))
        return;
    CaseFilter page = m_filter;
    page.offset = static_cast<int>(m_rows.size());
    page.limit = PageSize;
    m_fetching = true;
    m_reads->request<QList<CaseSummary>>([page](Store& reader) { return CaseRepository(reader).list(page); },
        [this, offset = page.offset](const QList<CaseSummary>& rows) { appendPage(offset, rows); });
}

void CaseListModel::appendPage(int offset, const QList<CaseSummary>& loaded)
{
    m_fetching = false;
    if (offset != m_rows.size())
        return; // rows moved since it was asked for; the view will ask again
    if (loaded.isEmpty()) {
        // Cases went away since the count (another writer); stop fetching.
        m_total = m_rows.size();
        emit totalCountChanged(m_total);
        return;
    }
    const QScopedValueRollback<bool> changing(m_changing, true);
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
    if (!m_session || !m_session->isUnlocked()) {
        clear();
        return;
    }
    // The old rows stay on screen until the new ones arrive, then one reset swaps them.
    m_fetching = false;
    setLoading(true);
    CaseFilter first = m_filter;
    first.offset = 0;
    first.limit = PageSize;
    m_reads->request<FirstPage>(
        [first](Store& reader) {
            return reader.snapshot([&] {
                CaseRepository cases(reader);
                const qint64 total = cases.count(first);
                return FirstPage {total, cases.list(first)};
            });
        },
        [this](const FirstPage& page) { applyFirstPage(page); });
}

void CaseListModel::applyFirstPage(const FirstPage& page)
{
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_rows = page.rows;
        m_total = page.total;
        endResetModel();
    }
    setLoading(false);
    emit totalCountChanged(m_total);
}

void CaseListModel::readFailed(const QString& message)
{
    if (m_loading) {
        setLoading(false);
    } else if (m_fetching) {
        m_fetching = false;
        m_total = m_rows.size(); // stop the view asking again and again
        emit totalCountChanged(m_total);
    }
    emit loadFailed(message);
}

void CaseListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void CaseListModel::clear()
{
    m_reads->cancel();
    m_fetching = false;
    setLoading(false);
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

int CaseListModel::sortedPosition(const CaseSummary& summary) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (comesBefore(summary, m_rows.at(row)))
            return row;
    }
    return static_cast<int>(m_rows.size());
}

// Only a change to a case whose place in the filter before is unknown (not loaded, more to
// load) needs a count; that one is read in the background like a page.
void CaseListModel::adjustTotal(std::optional<bool> wasIn, bool isIn)
{
    if (!wasIn) {
        m_reads->request<qint64>(
            [filter = m_filter](Store& reader) { return CaseRepository(reader).count(filter); },
            [this](const qint64& total) {
                if (total != m_total) {
                    m_total = total;
                    emit totalCountChanged(m_total);
                }
            });
        return;
    }
    if (*wasIn == isIn)
        return;
    m_total += isIn ? 1 : -1;
    emit totalCountChanged(m_total);
}

// One case was edited or added: update, move, insert or remove just its row, keeping the
// loaded rows a prefix of the store's order so the next fetchMore's offset stays right.
// The one-row read by id is on this thread, so the change shows at once.
void CaseListModel::refreshCase(const QString& caseId, bool added)
{
    Store* store = m_session ? m_session->store() : nullptr;
    if (!store)
        return;
    if (m_loading) {
        reload(); // the answer on its way may have been read before this change
        return;
    }
    if (m_fetching) {
        m_reads->cancel(); // its offset is about to be wrong; the view asks again
        m_fetching = false;
    }
    const bool allLoaded = m_rows.size() >= m_total;
    const int row = rowForCaseId(caseId);
    CaseFilter filter = m_filter;
    if (!filter.search.trimmed().isEmpty()) {
        // Checking one case against search words reads every match of the words (seconds at
        // 100,000 cases), too long for this thread. A listed case stays listed with its new
        // details; one not listed shows when the search is next run.
        if (row < 0)
            return;
        filter.search.clear();
    }
    std::optional<bool> wasIn;
    if (row >= 0 || added || allLoaded)
        wasIn = row >= 0;
    const QScopedValueRollback<bool> changing(m_changing, true);
    try {
        const std::optional<CaseSummary> found = CaseRepository(*store).summary(filter, caseId);
        // Still between its neighbours: a plain dataChanged. (The last loaded row cannot be
        // checked against the unloaded ones after it; it stays put until the next reload.)
        if (row >= 0 && found) {
            const bool afterPrevious = row == 0 || !comesBefore(*found, m_rows.at(row - 1));
            const bool beforeNext = row + 1 >= m_rows.size() || !comesBefore(m_rows.at(row + 1), *found);
            if (afterPrevious && beforeNext) {
                m_rows[row] = *found;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
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
        adjustTotal(wasIn, found.has_value());
    } catch (const StoreError& e) {
        qCWarning(lcModels) << "case list refresh failed:" << e.message();
        emit loadFailed(e.message());
    }
}
