#pragma once

#include "store/CaseFilter.h"
#include "store/CaseSummary.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

#include <optional>

class ReadWorker;
class StoreSession;

// The case list: CaseRepository::list under a CaseFilter, loaded in pages of PageSize as the
// view scrolls (canFetchMore/fetchMore), so 100,000 cases cost one page of memory and one
// page of query. Order is the store's: newest referral first, then reference.
// The count and the pages are read on a ReadWorker (its own thread and connection): at
// 100,000 cases a count or a search takes longer than a frame. A new filter keeps the old
// rows until the new ones arrive in one reset; an answer for a filter since replaced, or
// arriving after a lock, is dropped. One edited case is still refreshed here and now, as
// one dataChanged, insert or remove (a single-row read by id).
class CaseListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Reference,
        Subject,
        Status,
        Risk,
        LeadWorker,
        ReferralDate,
        NextReview,
        OpenActions,
        Overdue,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw values: QDate, int, lifecycle order for status and risk
        CaseIdRole,
        CaseReferenceRole,
    };
    static constexpr int PageSize = 200;

    explicit CaseListModel(StoreSession* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    // No override of sort(): the order comes from the store (referral date, newest first)
    // and only a loaded page is in memory, so sorting here would reorder a fragment.

    void setFilter(const CaseFilter& filter); // limit and offset are the model's own
    CaseFilter filter() const { return m_filter; }
    qint64 totalCount() const { return m_total; } // matching cases, loaded or not
    // A new filter's first page (and count) is being read.
    bool isLoading() const { return m_loading; }

    QString caseIdAt(int row) const;
    int rowForCaseId(const QString& caseId) const;
    std::optional<CaseSummary> summaryAt(int row) const;

    void reload();

signals:
    void totalCountChanged(qint64 total);
    void loadFailed(const QString& message);
    void loadingChanged(bool loading);

private:
    struct FirstPage;
    void clear();
    void setLoading(bool loading);
    void applyFirstPage(const FirstPage& page);
    void appendPage(int offset, const QList<CaseSummary>& rows);
    void readFailed(const QString& message);
    void refreshCase(const QString& caseId, bool added);
    void adjustTotal(std::optional<bool> wasIn, bool isIn);
    int sortedPosition(const CaseSummary& summary) const;
    QVariant displayData(const CaseSummary& s, int column) const;
    QVariant sortData(const CaseSummary& s, int column) const;
    QVariant toolTipData(const CaseSummary& s, int column) const;

    QPointer<StoreSession> m_session;
    ReadWorker* m_reads;
    CaseFilter m_filter;
    QList<CaseSummary> m_rows;
    qint64 m_total = 0;
    bool m_changing = false; // inside a reset or a single-case update
    bool m_loading = false; // a first page is on its way
    bool m_fetching = false; // a further page is on its way
};
