#pragma once

#include "store/CaseFilter.h"
#include "store/CaseSummary.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

#include <optional>

class StoreSession;

// The case list: CaseRepository::list under a CaseFilter, loaded in pages of PageSize as the
// view scrolls (canFetchMore/fetchMore), so 100,000 cases cost one page of memory and one
// page of query. Order is the store's: newest referral first, then reference.
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

    QString caseIdAt(int row) const;
    int rowForCaseId(const QString& caseId) const;
    std::optional<CaseSummary> summaryAt(int row) const;

    void reload();

signals:
    void totalCountChanged(qint64 total);
    void loadFailed(const QString& message);

private:
    void clear();
    void refreshCase(const QString& caseId);
    std::optional<CaseSummary> findUnderFilter(const QString& caseId);
    int sortedPosition(const CaseSummary& summary) const;
    void recount();
    QVariant displayData(const CaseSummary& s, int column) const;
    QVariant sortData(const CaseSummary& s, int column) const;
    QVariant toolTipData(const CaseSummary& s, int column) const;

    QPointer<StoreSession> m_session;
    CaseFilter m_filter;
    QList<CaseSummary> m_rows;
    qint64 m_total = 0;
    bool m_changing = false; // inside a reset or a single-case update
};
