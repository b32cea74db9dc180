#include "DashboardCharts.h"

#include "ChartStyle.h"
#include "core/Ons4.h"
#include "core/Vocabulary.h"
#include "models/DashboardFigures.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <functional>

QChart* DashboardCharts::newChart(const QString& title, const ChartStyle& style)
{
    auto* chart = new QChart;
    style.apply(chart);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QString DashboardCharts::monthName(const DashboardFigures& figures, int month)
{
    return QLocale().toString(figures.months().value(month).period.from(), QStringLiteral("MMMM yyyy"));
}

QStringList DashboardCharts::monthLabels(const DashboardFigures& figures)
{
    QStringList labels;
    for (const DashboardFigures::Month& month : figures.months())
        labels << QLocale().toString(month.period.from(), QStringLiteral("MMM yy"));
    return labels;
}

QBarCategoryAxis* DashboardCharts::categoryAxis(
    QChart* chart, const QStringList& categories, Qt::Alignment side, const ChartStyle& style)
{
    auto* axis = new QBarCategoryAxis;
    axis->append(categories);
    style.applyAxis(axis);
    axis->setGridLineVisible(false);
    chart->addAxis(axis, side);
    return axis;
}

// Counts of people and cases: whole numbers on the axis, a tick every one to five steps.
QValueAxis* DashboardCharts::countAxis(QChart* chart, int max, Qt::Alignment side, const ChartStyle& style)
{
    auto* axis = new QValueAxis;
    const int step = std::max(1, (max + 4) / 5);
    axis->setRange(0, std::max(step, (max + step - 1) / step * step));
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat(QStringLiteral("%d"));
    style.applyAxis(axis);
    chart->addAxis(axis, side);
    return axis;
}

void DashboardCharts::showTips(QBarSet* set, const QStringList& tips)
{
    QObject::connect(set, &QBarSet::hovered, set, [tips](bool over, int index) {
        if (over)
            QToolTip::showText(QCursor::pos(), tips.value(index));
        else
            QToolTip::hideText();
    });
}

void DashboardCharts::showTips(QXYSeries* series, const QStringList& tips)
{
    QObject::connect(series, &QXYSeries::hovered, series, [tips](const QPointF& point, bool over) {
        if (over)
            QToolTip::showText(QCursor::pos(), tips.value(qRound(point.x())));
        else
            QToolTip::hideText();
    });
}

QString DashboardCharts::pounds(qint64 pence)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom)
        .toCurrencyString(double(pence) / 100.0, QStringLiteral("£"), 0);
}

QChart* DashboardCharts::referrals(const DashboardFigures& figures, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Referrals received per month, by referring agency"), style);
    auto* series = new QStackedBarSeries;
    const QStringList sources = figures.sources();
    for (int i = 0; i < sources.size(); ++i) {
        auto* set = new QBarSet(sources.at(i));
        set->setColor(style.seriesColour(i));
        set->setBorderColor(style.background());
        QStringList tips;
        for (int m = 0; m < figures.months().size(); ++m) {
            const int n = figures.months().at(m).alone.referralsBySource().value(sources.at(i));
            *set << n;
            tips << tr("%1, %2: %n referral(s). Click to list them.", nullptr, n)
                        .arg(sources.at(i), monthName(figures, m));
        }
        showTips(set, tips);
        series->append(set);
    }
    chart->addSeries(series);
    int most = 0;
    for (const DashboardFigures::Month& month : figures.months())
        most = std::max(most, month.alone.referralsReceived());
    series->attachAxis(categoryAxis(chart, monthLabels(figures), Qt::AlignBottom, style));
    series->attachAxis(countAxis(chart, most, Qt::AlignLeft, style));
    return chart;
}

QChart* DashboardCharts::caseFlow(const DashboardFigures& figures, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Open, closed and declined cases per month"), style);
    struct Line
    {
        QString name;
        Qt::PenStyle dash;
        std::function<int(const PeriodReport&)> count;
    };
    const QList<Line> lines {{tr("Open at the month's end"), Qt::SolidLine, &PeriodReport::openAtEnd},
        {tr("Closed in the month"), Qt::DashLine, &PeriodReport::casesClosed},
        {tr("Declined in the month"), Qt::DotLine, &PeriodReport::declined}};
    QBarCategoryAxis* x = categoryAxis(chart, monthLabels(figures), Qt::AlignBottom, style);
    int most = 0;
    QList<QLineSeries*> added;
    for (int i = 0; i < lines.size(); ++i) {
        auto* series = new QLineSeries;
        series->setName(lines.at(i).name);
        series->setPen(QPen(style.seriesColour(i), 2.5, lines.at(i).dash));
        series->setPointsVisible(true);
        QStringList tips;
        for (int m = 0; m < figures.months().size(); ++m) {
            const int n = lines.at(i).count(figures.months().at(m).alone);
            series->append(m, n);
            most = std::max(most, n);
            tips << tr("%1: %2 %3").arg(monthName(figures, m), lines.at(i).name.toLower()).arg(n);
        }
        showTips(series, tips);
        chart->addSeries(series);
        added << series;
    }
    QValueAxis* y = countAxis(chart, most, Qt::AlignLeft, style);
    for (QLineSeries* series : std::as_const(added)) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

QChart* DashboardCharts::needs(const DashboardFigures& figures, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Needs of the referrals received"), style);
    chart->legend()->hide();
    QList<QPair<int, QString>> counts;
    const QMap<QString, int> needs = figures.report().needs();
    for (auto it = needs.cbegin(); it != needs.cend(); ++it)
        counts << qMakePair(it.value(), Vocabulary::needs().label(it.key()));
    // Horizontal bars are drawn from the bottom up: ascending puts the commonest need on top.
    std::sort(counts.begin(), counts.end());
    auto* set = new QBarSet(tr("Referrals"));
    set->setColor(style.seriesColour(0));
    set->setLabelColor(style.text());
    QStringList labels;
    QStringList tips;
    for (const auto& [n, label] : std::as_const(counts)) {
        *set << n;
        labels << label;
        tips << tr("%1: %n referral(s)", nullptr, n).arg(label);
    }
    showTips(set, tips);
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    series->attachAxis(categoryAxis(chart, labels, Qt::AlignLeft, style));
    // Room past the longest bar for its label.
    const int most = counts.isEmpty() ? 0 : counts.last().first;
    series->attachAxis(countAxis(chart, most + std::max(1, most / 8), Qt::AlignBottom, style));
    return chart;
}

QStringList DashboardCharts::normLabels(const QList<ReferenceNorm>& norms)
{
    QStringList national;
    QStringList others;
    for (const ReferenceNorm& norm : norms) {
        QStringList& into = norm.scope == QLatin1String("national") ? national : others;
        if (!national.contains(norm.label) && !others.contains(norm.label))
            into << norm.label;
    }
    return national + others;
}

QChart* DashboardCharts::wellbeing(
    const DashboardFigures& figures, const QString& normLabel, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Wellbeing (ONS4): mean score at baseline and at closing"), style);
    auto* baseline = new QBarSet(tr("Baseline"));
    auto* closing = new QBarSet(tr("Closing"));
    baseline->setColor(style.seriesColour(4));
    closing->setColor(style.seriesColour(0));
    QStringList items;
    QStringList tips;
    for (int item = 0; item < Ons4::itemCount; ++item) {
        const PeriodReport::Measure m = figures.report().wellbeing(item);
        items << (Ons4::higherIsBetter(item) ? Ons4::itemLabel(item)
                                             : tr("%1 (lower is better)").arg(Ons4::itemLabel(item)));
        *baseline << m.baselineMean;
        *closing << m.closingMean;
        tips << (m.pairs == 0 ? tr("%1: no one had both a baseline and a closing score in this period")
                                    .arg(Ons4::itemLabel(item))
                              : tr("%1: %2 at baseline, %3 at closing (%n people)", nullptr, m.pairs)
                                    .arg(Ons4::itemLabel(item), QLocale().toString(m.baselineMean, 'f', 2),
                                        QLocale().toString(m.closingMean, 'f', 2)));
    }
    for (QBarSet* set : {baseline, closing}) {
        set->setLabelColor(style.text());
        showTips(set, tips);
    }
    auto* bars = new QBarSeries;
    bars->append({baseline, closing});
    bars->setLabelsVisible(true);
    bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    bars->setLabelsPrecision(3);
    chart->addSeries(bars);
    QBarCategoryAxis* x = categoryAxis(chart, items, Qt::AlignBottom, style);
    auto* y = new QValueAxis;
    y->setRange(0, 10);
    y->setTickCount(6);
    y->setLabelFormat(QStringLiteral("%d"));
    style.applyAxis(y);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);
    // The norm as a short line across each item's pair of bars, in the text colour.
    for (const ReferenceNorm& norm : figures.norms()) {
        if (norm.label != normLabel || norm.item < 0 || norm.item >= Ons4::itemCount)
            continue;
        auto* line = new QLineSeries;
        line->setName(tr("Norm: %1").arg(norm.label));
        line->setPen(QPen(style.text(), 3, Qt::DashLine));
        line->append(norm.item - 0.45, norm.value);
        line->append(norm.item + 0.45, norm.value);
        QObject::connect(line, &QXYSeries::hovered, line, [norm](const QPointF&, bool over) {
            if (over)
                QToolTip::showText(QCursor::pos(),
                    tr("%1, %2: %3")
                        .arg(Ons4::itemLabel(norm.item), norm.label, QLocale().toString(norm.value, 'f', 2)));
        });
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        // One legend entry stands for the four lines.
        const QList<QLegendMarker*> markers = chart->legend()->markers(line);
        const bool first = chart->series().size() == 2;
        for (QLegendMarker* marker : markers)
            marker->setVisible(first);
    }
    return chart;
}

QChart* DashboardCharts::pamMovement(const DashboardFigures& figures, const ChartStyle& style)
{
    const PeriodReport& report = figures.report();
    const PeriodReport::PamMovement moves = report.pamMovement();
    int people = 0;
    int down = 0;
    for (int from = 1; from <= 4; ++from) {
        for (int to = 1; to <= 4; ++to) {
            people += moves.at(size_t(from)).at(size_t(to));
            down += to < from ? moves.at(size_t(from)).at(size_t(to)) : 0;
        }
    }
    const int up = report.pamImprovedLevel();
    QChart* chart = newChart(
        tr("PAM level at baseline and at closing: %1 up, %2 same, %3 down (%n people)", nullptr, people)
            .arg(up)
            .arg(people - up - down)
            .arg(down),
        style);
    auto* series = new QStackedBarSeries;
    int most = 0;
    for (int to = 1; to <= 4; ++to) {
        auto* set = new QBarSet(tr("Closing level %1").arg(to));
        set->setColor(style.levelColour(to));
        set->setBorderColor(style.background());
        QStringList tips;
        for (int from = 1; from <= 4; ++from) {
            const int n = moves.at(size_t(from)).at(size_t(to));
            *set << n;
            tips << tr("Level %1 at baseline, level %2 at closing: %n people", nullptr, n).arg(from).arg(to);
        }
        showTips(set, tips);
        series->append(set);
    }
    for (int from = 1; from <= 4; ++from) {
        int atLevel = 0;
        for (int to = 1; to <= 4; ++to)
            atLevel += moves.at(size_t(from)).at(size_t(to));
        most = std::max(most, atLevel);
    }
    chart->addSeries(series);
    QStringList levels;
    for (int from = 1; from <= 4; ++from)
        levels << tr("Level %1").arg(from);
    QBarCategoryAxis* x = categoryAxis(chart, levels, Qt::AlignBottom, style);
    x->setTitleText(tr("Level at baseline"));
    series->attachAxis(x);
    series->attachAxis(countAxis(chart, most, Qt::AlignLeft, style));
    return chart;
}

QChart* DashboardCharts::savings(const DashboardFigures& figures, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Estimated savings since the period began"), style);
    const UnitCosts costs = figures.unitCosts();
    struct Line
    {
        QString name;
        Qt::PenStyle dash;
        std::function<qint64(const PeriodReport&)> pence;
    };
    const QList<Line> lines {
        {tr("Unit-cost model (fewer GP and A&E visits)"), Qt::SolidLine, &PeriodReport::unitCostModelPence},
        {tr("Flat rate (%1 per closed case)").arg(pounds(costs.flatRatePerInterventionPence)), Qt::DashLine,
            &PeriodReport::flatRatePence}};
    QBarCategoryAxis* x = categoryAxis(chart, monthLabels(figures), Qt::AlignBottom, style);
    qint64 most = 0;
    QList<QLineSeries*> added;
    for (int i = 0; i < lines.size(); ++i) {
        auto* series = new QLineSeries;
        series->setName(lines.at(i).name);
        series->setPen(QPen(style.seriesColour(i == 0 ? 2 : 3), 2.5, lines.at(i).dash));
        series->setPointsVisible(true);
        QStringList tips;
        for (int m = 0; m < figures.months().size(); ++m) {
            const qint64 pence = lines.at(i).pence(figures.months().at(m).sinceStart);
            // Thousands of pounds on the axis: "£120k" reads at a glance, "120000" does not.
            series->append(m, double(pence) / 100000.0);
            most = std::max(most, pence);
            tips << tr("To the end of %1: %2 (%3)")
                        .arg(monthName(figures, m), pounds(pence), lines.at(i).name);
        }
        showTips(series, tips);
        chart->addSeries(series);
        added << series;
    }
    auto* y = new QValueAxis;
    y->setRange(0, std::max(1.0, double(most) / 100000.0));
    y->applyNiceNumbers();
    y->setLabelFormat(most < 1000000 ? QStringLiteral("£%.1fk") : QStringLiteral("£%.0fk"));
    style.applyAxis(y);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* series : std::as_const(added)) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}
