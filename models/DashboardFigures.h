#pragma once

#include "core/PeriodReport.h"
#include "core/ReferenceNorm.h"
#include "core/ReportPeriod.h"
#include "core/UnitCosts.h"

#include <QList>
#include <QStringList>

// Everything the dashboard draws for one period, all of it from core PeriodReport (the one
// implementation the CLI and printed reports use): the whole period, each month alone, and
// the period from its start to each month's end (cumulative figures such as savings, whose
// last point is the whole period's figure). Plain values, so it is built on a worker thread.
class DashboardFigures
{
public:
    struct Month
    {
        ReportPeriod period; // the calendar month, cut to the dashboard's period
        PeriodReport alone; // this month's figures
        PeriodReport sinceStart; // the period's first day to this month's last
    };

    static DashboardFigures compute(const QList<ReportCase>& cases, const ReportPeriod& period,
        const UnitCosts& costs, const QList<ReferenceNorm>& norms);

    ReportPeriod period() const { return m_period; }
    const PeriodReport& report() const { return m_report; }
    const QList<Month>& months() const { return m_months; }
    const QList<ReferenceNorm>& norms() const { return m_norms; }
    UnitCosts unitCosts() const { return m_costs; }
    // Referring agencies with referrals in the period, most referrals first (then by name).
    QStringList sources() const;

private:
    ReportPeriod m_period;
    PeriodReport m_report;
    QList<Month> m_months;
    QList<ReferenceNorm> m_norms;
    UnitCosts m_costs;
};
