#include "DashboardCharts.h"

#include "ChartStyle.h"
#include "core/Ons4.h"
#include "core/Vocabulary.h"
#include "models/DashboardFigures.h"

#include <QAbstractAxis>
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

// Up to a year of months fits as "Apr", "May"...: the axis title names the years. A longer
// period needs the year on each, turned on its side.
QBarCategoryAxis* DashboardCharts::monthAxis(
    QChart* chart, const DashboardFigures& figures, const ChartStyle& style)
{
    const bool longPeriod = figures.months().size() > 12;
    QStringList labels;
    for (const DashboardFigures::Month& month : figures.months())
        labels << QLocale().toString(
            month.period.from(), longPeriod ? QStringLiteral("MMM yy") : QStringLiteral("MMM"));
    QBarCategoryAxis* axis = categoryAxis(chart, labels, Qt::AlignBottom, style);
    if (longPeriod)
        axis->setLabelsAngle(-90);
    const ReportPeriod period = figures.period();
    const QString format = QStringLiteral("MMMM yyyy");
    axis->setTitleText(
        tr("%1 to %2")
            .arg(QLocale().toString(period.from(), format), QLocale().toString(period.to(), format)));
    return axis;
}

// One line per entry across the months, told apart by dash as well as colour, with the
// month's value in a tooltip; both axes attached. Returns the largest value drawn.
double DashboardCharts::addMonthlyLines(QChart* chart, const DashboardFigures& figures,
    const QList<MonthlyLine>& lines, QAbstractAxis* x,
    const std::function<QAbstractAxis*(double most)>& makeY)
{
    double most = 0;
    QList<QLineSeries*> added;
    for (const MonthlyLine& line : lines) {
        auto* series = new QLineSeries;
        series->setName(line.name);
        series->setPen(QPen(line.colour, 2.5, line.dash));
        series->setPointsVisible(true);
        QStringList tips;
        for (int m = 0; m < figures.months().size(); ++m) {
            const double value = line.value(figures.months().at(m));
            series->append(m, value);
            most = std::max(most, value);
            tips << line.tip(m, value);
        }
        showTips(series, tips);
        chart->addSeries(series);
        added << series;
    }
    QAbstractAxis* y = makeY(most);
    for (QLineSeries* series : std::as_const(added)) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return most;
}

QBarCategoryAxis* DashboardCharts::categoryAxis(
    QChart* chart, const QStringList& categories, Qt::Alignment side, const ChartStyle& style)
{
    auto* axis = new QBarCategoryAxis;
    axis->append(categories);
    style.applyAxis(axis);
    axis->setGridLineVisible(false);
    // Qt shortens a label it thinks is cramped to "...", which hides a need or an item's name.
    axis->setTruncateLabels(false);
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
    chart->legend()->hide(); // referralsLegend() is shown under the chart instead
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
    series->attachAxis(monthAxis(chart, figures, style));
    series->attachAxis(countAxis(chart, most, Qt::AlignLeft, style));
    return chart;
}

QChart* DashboardCharts::caseFlow(const DashboardFigures& figures, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Open, closed and declined cases per month"), style);
    const auto count = [&figures](const QString& name) {
        return [&figures, name](int m, double n) {
            return tr("%1, %2: %3").arg(monthName(figures, m), name).arg(qRound(n));
        };
    };
    const QString open = tr("Open at month end");
    const QString closed = tr("Closed");
    const QString declined = tr("Declined");
    const QList<MonthlyLine> lines {
        {open, Qt::SolidLine, style.seriesColour(0),
            [](const DashboardFigures::Month& m) { return double(m.alone.openAtEnd()); }, count(open)},
        {closed, Qt::DashLine, style.seriesColour(1),
            [](const DashboardFigures::Month& m) { return double(m.alone.casesClosed()); }, count(closed)},
        {declined, Qt::DotLine, style.seriesColour(2),
            [](const DashboardFigures::Month& m) { return double(m.alone.declined()); }, count(declined)}};
    addMonthlyLines(chart, figures, lines, monthAxis(chart, figures, style),
        [&](double most) { return countAxis(chart, qRound(most), Qt::AlignLeft, style); });
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

QString DashboardCharts::referralsLegend(const DashboardFigures& figures, const ChartStyle& style)
{
    // A legend that wraps: Qt's own keeps to one line and shortens names to "H...".
    QStringList entries;
    const QStringList sources = figures.sources();
    for (int i = 0; i < sources.size(); ++i) {
        entries << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                       .arg(style.seriesColour(i).name(),
                           sources.at(i).toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    }
    return entries.join(QStringLiteral(" &nbsp; "));
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
        // Four items share a third of the window: the words wrap rather than vanish.
        QString label
            = Ons4::itemLabel(item).toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("<br>"));
        items << (Ons4::higherIsBetter(item) ? label : tr("%1<br>(lower is<br>better)").arg(label));
        *baseline << m.baselineMean;
        *closing << m.closingMean;
        tips << (m.pairs == 0 ? tr("%1: no one had both a baseline and a closing score in this period")
                                    .arg(Ons4::itemLabel(item))
                              : tr("%1: %2 at baseline, %3 at closing (%n people)", nullptr, m.pairs)
                                    .arg(Ons4::itemLabel(item), QLocale().toString(m.baselineMean, 'f', 2),
                                        QLocale().toString(m.closingMean, 'f', 2)));
    }
    for (QBarSet* set : {baseline, closing}) {
        set->setLabelColor(style.textOn(set->color()));
        showTips(set, tips);
    }
    auto* bars = new QBarSeries;
    bars->append({baseline, closing});
    bars->setLabelsVisible(true);
    // Inside the bar's end, so a norm line just above a bar never runs through its value.
    bars->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    bars->setLabelsPrecision(3); // "6.49", as in the tooltip
    bars->setBarWidth(0.8);
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
        line->setName(tr("Norm"));
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
    QChart* chart = newChart(people == 0
            ? tr("PAM level movement: no one with both a baseline and a closing score")
            : tr("PAM level movement: %1 up, %2 same, %3 down").arg(up).arg(people - up - down).arg(down),
        style);
    auto* series = new QStackedBarSeries;
    int most = 0;
    for (int to = 1; to <= 4; ++to) {
        auto* set = new QBarSet(tr("Level %1").arg(to));
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
    x->setTitleText(tr("Level at baseline; colour: level at closing"));
    series->attachAxis(x);
    series->attachAxis(countAxis(chart, most, Qt::AlignLeft, style));
    return chart;
}

QChart* DashboardCharts::savings(const DashboardFigures& figures, const ChartStyle& style)
{
    QChart* chart = newChart(tr("Estimated savings since the period began"), style);
    const QString flatRate = pounds(figures.unitCosts().flatRatePerInterventionPence);
    // Thousands of pounds on the axis: "120" under "£ thousands" reads at a glance, "120000" does not.
    const QList<MonthlyLine> lines {
        {tr("Unit-cost model"), Qt::SolidLine, style.seriesColour(2),
            [](const DashboardFigures::Month& m) {
                return double(m.sinceStart.unitCostModelPence()) / 100000.0;
            },
            [&figures](int m, double thousands) {
                return tr(
                    "To the end of %1: %2 (unit-cost model: fewer GP appointments and A&E attendances after "
                    "support, at the team's unit costs)")
                    .arg(monthName(figures, m), pounds(qRound64(thousands * 100000.0)));
            }},
        {tr("Flat rate, %1 a closed case").arg(flatRate), Qt::DashLine, style.seriesColour(3),
            [](const DashboardFigures::Month& m) { return double(m.sinceStart.flatRatePence()) / 100000.0; },
            [&figures, flatRate](int m, double thousands) {
                return tr("To the end of %1: %2 (flat rate: %3 for each closed case)")
                    .arg(monthName(figures, m), pounds(qRound64(thousands * 100000.0)), flatRate);
            }}};
    addMonthlyLines(chart, figures, lines, monthAxis(chart, figures, style), [&](double most) {
        auto* y = new QValueAxis;
        y->setRange(0, std::max(1.0, most));
        y->applyNiceNumbers();
        // The label format goes through printf as Latin-1, which would mangle "£": the title says it.
        y->setLabelFormat(most < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
        y->setTitleText(tr("£ thousands"));
        style.applyAxis(y);
        chart->addAxis(y, Qt::AlignLeft);
        return y;
    });
    return chart;
}
