#include "DashboardFigures.h"

#include <algorithm>

DashboardFigures DashboardFigures::compute(const QList<ReportCase>& cases, const ReportPeriod& period,
    const UnitCosts& costs, const QList<ReferenceNorm>& norms)
{
    DashboardFigures figures;
    figures.m_period = period;
    figures.m_costs = costs;
    figures.m_norms = norms;
    figures.m_report = PeriodReport::compute(cases, period.from(), period.to(), costs);
    for (const ReportPeriod& month : period.months()) {
        figures.m_months << Month {month, PeriodReport::compute(cases, month.from(), month.to(), costs),
            PeriodReport::compute(cases, period.from(), month.to(), costs)};
    }
    return figures;
}

QStringList DashboardFigures::sources() const
{
    const QMap<QString, int> bySource = m_report.referralsBySource();
    QStringList names = bySource.keys();
    std::stable_sort(names.begin(), names.end(),
        [&bySource](const QString& a, const QString& b) { return bySource.value(a) > bySource.value(b); });
    return names;
}
