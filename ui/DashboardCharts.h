#pragma once

#include "models/DashboardFigures.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class ChartStyle;
class QAbstractAxis;
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QValueAxis;
class QXYSeries;
struct ReferenceNorm;

// The dashboard's six charts, each drawn from DashboardFigures (core PeriodReport's numbers,
// never counted again here). Every value is in a tooltip, a bar label or the title as
// well as in colour; lines differ in dash as well as colour. The caller owns the chart.
class DashboardCharts
{
    Q_DECLARE_TR_FUNCTIONS(DashboardCharts)

public:
    // A stacked bar per month, one set per referring agency named as in sources(); a bar
    // set's clicked(index) is the month's index in DashboardFigures::months().
    static QChart* referrals(const DashboardFigures& figures, const ChartStyle& style);
    // The referring agencies with their colours, as rich text that wraps (under the chart).
    static QString referralsLegend(const DashboardFigures& figures, const ChartStyle& style);
    static QChart* caseFlow(const DashboardFigures& figures, const ChartStyle& style);
    static QChart* needs(const DashboardFigures& figures, const ChartStyle& style);
    // Baseline and closing means per ONS4 item with the norm of that label drawn across each.
    static QChart* wellbeing(
        const DashboardFigures& figures, const QString& normLabel, const ChartStyle& style);
    static QChart* pamMovement(const DashboardFigures& figures, const ChartStyle& style);
    static QChart* savings(const DashboardFigures& figures, const ChartStyle& style);

    // The norm rows a team can compare against, by label: national ones first.
    static QStringList normLabels(const QList<ReferenceNorm>& norms);
    static QString monthName(const DashboardFigures& figures, int month); // "April 2025"

private:
    static QChart* newChart(const QString& title, const ChartStyle& style);
    struct MonthlyLine
    {
        QString name;
        Qt::PenStyle dash;
        QColor colour;
        std::function<double(const DashboardFigures::Month&)> value;
        std::function<QString(int month, double value)> tip;
    };
    static QBarCategoryAxis* monthAxis(
        QChart* chart, const DashboardFigures& figures, const ChartStyle& style);
    static double addMonthlyLines(QChart* chart, const DashboardFigures& figures,
        const QList<MonthlyLine>& lines, QAbstractAxis* x,
        const std::function<QAbstractAxis*(double most)>& makeY);
    static QBarCategoryAxis* categoryAxis(
        QChart* chart, const QStringList& categories, Qt::Alignment side, const ChartStyle& style);
    static QValueAxis* countAxis(QChart* chart, int max, Qt::Alignment side, const ChartStyle& style);
    static void showTips(QBarSet* set, const QStringList& tips);
    static void showTips(QXYSeries* series, const QStringList& tips);
    static QString pounds(qint64 pence);
};
