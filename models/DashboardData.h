#pragma once

#include "DashboardFigures.h"
#include "core/ReportPeriod.h"
#include "store/CaseFilter.h"

#include <QObject>
#include <QString>

#include <optional>

class QTimer;
class ReadWorker;
class StoreSession;

// The dashboard's figures for the chosen period: the store's report inputs are read and
// counted on a ReadWorker (its own thread and connection; at 10,000 cases this is more than
// a frame), and figuresReady follows. While the dashboard is showing, a change to the store
// (an edit, an import, a sync) counts again once the burst settles; while it is hidden the
// figures are only marked stale and counted when it shows. Cleared on lock.
class DashboardData : public QObject
{
    Q_OBJECT

public:
    explicit DashboardData(StoreSession* session, QObject* parent = nullptr);

    // Counts the period's figures (an invalid period clears them instead).
    void setPeriod(const ReportPeriod& period);
    ReportPeriod period() const { return m_period; }
    // The dashboard is on screen (counted at once when stale) or not (changes wait).
    void setShowing(bool showing);
    void refresh();

    bool hasFigures() const { return m_figures.has_value(); }
    // Valid only while hasFigures().
    const DashboardFigures& figures() const { return *m_figures; }
    bool isLoading() const { return m_loading; }

    // The cases one bar of "referrals per month" counted: referred in that month of the
    // period by that source (a name from DashboardFigures::sources()).
    std::optional<CaseFilter> referralsFilter(int month, const QString& source) const;
    // Writes the period's figures (PeriodFiguresCsv) to path and audits the export with the
    // period. Empty on success, otherwise why not, fit to show.
    QString exportCsv(const QString& path);

signals:
    void figuresReady();
    void cleared();
    void loadingChanged(bool loading);
    void failed(const QString& message);

private:
    void clear();
    void setLoading(bool loading);
    void storeChanged();

    StoreSession* m_session;
    ReadWorker* m_reads;
    QTimer* m_settle;
    ReportPeriod m_period;
    std::optional<DashboardFigures> m_figures;
    bool m_showing = true;
    bool m_stale = false;
    bool m_loading = false;
};
