#include "PeriodReportDocument.h"

#include "BarChart.h"
#include "PeriodStatistics.h"
#include "ReportHtml.h"
#include "ReportReader.h"
#include "core/Ons4.h"
#include "core/Vocabulary.h"
#include "store/NormRepository.h"
#include "store/StoreSettings.h"

#include <QLocale>
#include <QUrl>

#include <algorithm>

using H = ReportHtml;

namespace {

constexpr int chartWidth = 660; // the body of an A4 page with 15 mm margins is about 680

// Counts, largest first (ties by name), so the board reads the biggest sources first.
QList<QPair<QString, int>> largestFirst(const QMap<QString, int>& counts)
{
    QList<QPair<QString, int>> sorted;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        sorted << qMakePair(it.key(), it.value());
    std::stable_sort(
        sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return sorted;
}

QString share(int part, int whole)
{
    if (whole <= 0)
        return QStringLiteral("–");
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(100.0 * part / whole, 'f', 0)
        + QStringLiteral("%");
}

QString mean(const PeriodReport::Measure& m)
{
    return m.pairs ? QString::number(m.baselineMean, 'f', 2) : QStringLiteral("–");
}

QString closingMean(const PeriodReport::Measure& m)
{
    return m.pairs ? QString::number(m.closingMean, 'f', 2) : QStringLiteral("–");
}

QString change(const PeriodReport::Measure& m)
{
    if (!m.pairs)
        return QStringLiteral("–");
    const double delta = m.closingMean - m.baselineMean;
    return (delta > 0 ? QStringLiteral("+") : QString()) + QString::number(delta, 'f', 2);
}

QString number(qint64 n)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(n);
}

} // namespace

QString PeriodReportDocument::marking()
{
    return tr("OFFICIAL");
}

ReportDocument PeriodReportDocument::build(
    Store& store, const QDate& from, const QDate& to, const QDateTime& printedAt)
{
    const PeriodReport report = PeriodStatistics::compute(store, from, to);
    return build(report, NormRepository(store).list(), StoreSettings(store).unitCosts(),
        ReportReader::forActor(store).shownAs(), printedAt);
}

ReportDocument PeriodReportDocument::build(const PeriodReport& report, const QList<ReferenceNorm>& norms,
    const UnitCosts& costs, const QString& printedBy, const QDateTime& printedAt)
{
    const QString period = QStringLiteral("%1..%2").arg(
        report.from().toString(Qt::ISODate), report.to().toString(Qt::ISODate));
    ReportDocument document(
        {marking(), tr("Period report %1 to %2").arg(H::date(report.from()), H::date(report.to())), printedBy,
            printedAt},
        {QStringLiteral("report"), QString(), QString(), period});
    document.setJobName(tr("Period report %1 to %2").arg(H::date(report.from()), H::date(report.to())));
    document.body().setDefaultStyleSheet(H::stylesheet());
    PeriodReportDocument builder(report, norms, costs, document.body());
    document.body().setHtml(builder.toHtml());
    return document;
}

PeriodReportDocument::PeriodReportDocument(const PeriodReport& report, const QList<ReferenceNorm>& norms,
    const UnitCosts& costs, QTextDocument& body)
    : m_report(report)
    , m_norms(norms)
    , m_costs(costs)
    , m_body(body)
{ }

QString PeriodReportDocument::periodText() const
{
    return tr("%1 to %2").arg(H::date(m_report.from()), H::date(m_report.to()));
}

QString PeriodReportDocument::toHtml()
{
    const QString body = H::heading1(tr("Period report for the partnership board"))
        + H::paragraph(H::bold(periodText()))
        + H::paragraph(H::small(tr("Aggregate figures only: this report holds no personal data. Both days of "
                                   "the period are included.")))
        + headline() + byMonth() + bySource() + needsProfile() + wellbeing() + pamMovement() + serviceUse()
        + definitions();
    return QStringLiteral("<html><body>%1</body></html>").arg(body);
}

QString PeriodReportDocument::chart(const QString& name, const BarChart& chart, int height)
{
    const QString url = QStringLiteral("chart-%1.png").arg(name);
    m_body.addResource(QTextDocument::ImageResource, QUrl(url), chart.render(QSize(chartWidth, height)));
    return H::image(url, chartWidth, height);
}

QString PeriodReportDocument::headline() const
{
    const auto median = m_report.medianDaysToClose();
    const auto box = [](const QString& figure, const QString& label) {
        return QStringLiteral("<span class=\"figure\">%1</span><br/>%2").arg(H::text(figure), H::text(label));
    };
    const QList<QStringList> rows {
        {box(number(m_report.referralsReceived()), tr("Referrals received")),
            box(number(m_report.casesClosed()), tr("Cases closed")),
            box(number(m_report.openAtEnd()), tr("Open on %1").arg(H::date(m_report.to())))},
        {box(number(m_report.declined()), tr("Referrals declined")),
            box(median ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(*median, 'f', 1)
                       : QStringLiteral("–"),
                tr("Median days from referral to closure")),
            box(number(m_report.actionsOverdueAtEnd()),
                tr("Actions overdue on %1").arg(H::date(m_report.to())))}};
    return H::heading2(tr("Headline figures")) + H::table({}, rows, {33, 33, 34});
}

QString PeriodReportDocument::byMonth()
{
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    QStringList months;
    QStringList chartLabels; // month over year, so twelve or more months fit side by side
    QList<double> counts;
    QList<QStringList> rows;
    const QMap<QString, int> byMonth = m_report.referralsByMonth();
    for (auto it = byMonth.cbegin(); it != byMonth.cend(); ++it) {
        const QDate first = QDate::fromString(it.key() + QStringLiteral("-01"), Qt::ISODate);
        months << uk.toString(first, QStringLiteral("MMM yyyy"));
        chartLabels << uk.toString(first, QStringLiteral("MMM")) + QLatin1Char('\n')
                + QString::number(first.year());
        counts << it.value();
        rows << QStringList {H::text(months.last()), H::text(number(it.value()))};
    }
    BarChart columns(BarChart::Orientation::Columns);
    columns.setCategories(chartLabels);
    columns.addSeries(tr("Referrals"), counts);
    return H::heading2(tr("Referrals received by month")) + chart(QStringLiteral("months"), columns, 220)
        + H::table({tr("Month"), tr("Referrals received")}, rows, {50, 50});
}

QString PeriodReportDocument::bySource()
{
    QStringList names;
    QList<double> counts;
    QList<QStringList> rows;
    for (const auto& [agency, count] : largestFirst(m_report.referralsBySource())) {
        names << agency;
        counts << count;
        rows << QStringList {
            H::text(agency), H::text(number(count)), H::text(share(count, m_report.referralsReceived()))};
    }
    QString html = H::heading2(tr("Referrals received by referring agency"));
    if (rows.isEmpty())
        return html + H::paragraph(H::text(tr("No referrals in the period.")));
    BarChart bars(BarChart::Orientation::Bars);
    bars.setCategories(names);
    bars.addSeries(tr("Referrals"), counts);
    return html + chart(QStringLiteral("sources"), bars, bars.suggestedHeight())
        + H::table({tr("Referring agency"), tr("Referrals"), tr("Share")}, rows, {60, 20, 20});
}

QString PeriodReportDocument::needsProfile()
{
    QStringList names;
    QList<double> counts;
    QList<QStringList> rows;
    for (const auto& [need, count] : largestFirst(m_report.needs())) {
        names << Vocabulary::needs().label(need);
        counts << count;
        rows << QStringList {H::text(names.last()), H::text(number(count)),
            H::text(share(count, m_report.referralsReceived()))};
    }
    QString html = H::heading2(tr("Needs profile"))
        + H::paragraph(
            H::small(tr("Needs recorded on the referrals received; a referral can have several.")));
    if (rows.isEmpty())
        return html + H::paragraph(H::text(tr("No needs recorded on the referrals in the period.")));
    BarChart bars(BarChart::Orientation::Bars);
    bars.setCategories(names);
    bars.addSeries(tr("Referrals"), counts);
    return html + chart(QStringLiteral("needs"), bars, bars.suggestedHeight())
        + H::table(
            {tr("Need"), tr("Referrals with this need"), tr("Share of referrals")}, rows, {50, 25, 25});
}

QString PeriodReportDocument::wellbeing()
{
    // One column per published norm (national first, then regional and local rows).
    QStringList normLabels;
    QHash<QString, QHash<int, double>> normValues;
    for (const ReferenceNorm& n : m_norms) {
        if (!normLabels.contains(n.label))
            normLabels << n.label;
        normValues[n.label].insert(n.item, n.value);
    }
    QStringList headers {
        tr("ONS4 item"), tr("Baseline mean"), tr("Closing mean"), tr("Change"), tr("People")};
    for (const QString& label : normLabels)
        headers << label;
    QStringList items;
    QList<double> before;
    QList<double> after;
    QList<double> reference;
    QList<QStringList> rows;
    for (int item = 0; item < Ons4::itemCount; ++item) {
        const PeriodReport::Measure m = m_report.wellbeing(item);
        items << Ons4::itemLabel(item);
        before << m.baselineMean;
        after << m.closingMean;
        if (!normLabels.isEmpty())
            reference << normValues.value(normLabels.first()).value(item);
        const QString label = Ons4::higherIsBetter(item)
            ? Ons4::itemLabel(item)
            : tr("%1 (lower is better)").arg(Ons4::itemLabel(item));
        QStringList row {H::text(label), H::text(mean(m)), H::text(closingMean(m)), H::text(change(m)),
            H::text(number(m.pairs))};
        for (const QString& normLabel : normLabels) {
            const auto values = normValues.value(normLabel);
            row << H::text(
                values.contains(item) ? QString::number(values.value(item), 'f', 2) : QStringLiteral("–"));
        }
        rows << row;
    }
    BarChart columns(BarChart::Orientation::Columns);
    columns.setCategories(items);
    columns.addSeries(tr("Baseline"), before);
    columns.addSeries(tr("Closing"), after);
    if (!normLabels.isEmpty())
        columns.setReference(normLabels.first(), reference);
    columns.setMaximum(10);
    columns.setDecimals(2);
    return H::heading2(tr("Wellbeing (ONS4): baseline and closing"))
        + H::paragraph(
            H::small(tr("Mean scores from 0 to 10 of the people whose closing assessment falls in "
                        "the period and who had a baseline; for anxiety a fall is an improvement.")))
        + chart(QStringLiteral("wellbeing"), columns, 230) + H::table(headers, rows);
}

QString PeriodReportDocument::pamMovement()
{
    const PeriodReport::PamMovement movement = m_report.pamMovement();
    QStringList headers {tr("Baseline level")};
    for (int to = 1; to <= 4; ++to)
        headers << tr("Closing level %1").arg(to);
    headers << tr("People");
    QList<QStringList> rows;
    QList<double> atBaseline(4, 0);
    QList<double> atClosing(4, 0);
    for (int from = 1; from <= 4; ++from) {
        QStringList row {H::bold(tr("Level %1").arg(from))};
        int total = 0;
        for (int to = 1; to <= 4; ++to) {
            const int people = movement.at(size_t(from)).at(size_t(to));
            row << H::text(number(people));
            total += people;
            atBaseline[from - 1] += people;
            atClosing[to - 1] += people;
        }
        rows << (row << H::text(number(total)));
    }
    const PeriodReport::Measure pam = m_report.pam();
    BarChart columns(BarChart::Orientation::Columns);
    columns.setCategories({tr("Level 1"), tr("Level 2"), tr("Level 3"), tr("Level 4")});
    columns.addSeries(tr("People at baseline"), atBaseline);
    columns.addSeries(tr("People at closing"), atClosing);
    return H::heading2(tr("Patient Activation Measure: level movement"))
        + H::paragraph(
            H::text(tr("%1 people had a baseline and a closing PAM; %2 of them moved up at least one "
                       "level. Mean score %3 at baseline, %4 at closing.")
                        .arg(pam.pairs)
                        .arg(m_report.pamImprovedLevel())
                        .arg(mean(pam), closingMean(pam))))
        + chart(QStringLiteral("pam"), columns, 200) + H::table(headers, rows, {24, 16, 16, 16, 16, 12});
}

QString PeriodReportDocument::serviceUse() const
{
    const PeriodReport::ServiceUse use = m_report.serviceUse();
    const QList<QStringList> useRows {
        {H::text(tr("GP appointments")), H::text(number(use.gpBefore)), H::text(number(use.gpAfter)),
            H::text(number(use.gpBefore - use.gpAfter))},
        {H::text(tr("A&E attendances")), H::text(number(use.aeBefore)), H::text(number(use.aeAfter)),
            H::text(number(use.aeBefore - use.aeAfter))}};
    const QList<QStringList> savingsRows {
        {H::bold(tr("Unit-cost model")),
            H::text(tr("Reduction in GP appointments × %1 plus reduction in A&E attendances × %2")
                        .arg(H::money(m_costs.gpAppointmentPence), H::money(m_costs.aeAttendancePence))),
            H::bold(H::money(m_report.unitCostModelPence()))},
        {H::bold(tr("Flat rate per intervention")),
            H::text(tr("%1 cases closed × %2 per intervention (the council's published figure)")
                        .arg(number(m_report.casesClosed()), H::money(m_costs.flatRatePerInterventionPence))),
            H::bold(H::money(m_report.flatRatePence()))}};
    return H::heading2(tr("Service use and estimated savings"))
        + H::paragraph(H::small(tr("Totals over the %1 people with service use recorded at baseline and at "
                                   "closing, each for the same length of time before and after support.")
                                    .arg(use.pairs)))
        + H::table({tr("Service"), tr("Before support"), tr("After support"), tr("Reduction")}, useRows,
            {40, 20, 20, 20})
        + H::paragraph(QString())
        + H::table(
            {tr("Estimate"), tr("How it is worked out"), tr("Estimated saving")}, savingsRows, {25, 55, 20})
        + H::paragraph(H::small(tr("The two estimates are alternative models of the same savings: quote one "
                                   "and say which, never their sum.")));
}

QString PeriodReportDocument::definitions() const
{
    return H::heading2(tr("How the figures are counted"))
        + H::paragraph(H::small(tr(
            "Referrals received: referral date in the period. Cases closed and referrals declined: closed or "
            "declined in the period. Open at the end: referred by the last day and neither closed nor "
            "declined by then. Actions overdue: on cases open at the end, actions due before the last day "
            "and not done by it. Outcomes: people whose latest closing assessment falls in the period, "
            "compared with their baseline. The figures are the same as casebook-cli report gives for the "
            "period.")));
}
