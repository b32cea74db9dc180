#include "PeriodReport.h"

#include "PamLevel.h"
#include "SavingsCalculator.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>

PeriodReport PeriodReport::compute(
    const QList<ReportCase>& cases, const QDate& from, const QDate& to, const UnitCosts& costs)
{
    PeriodReport report;
    report.m_from = from;
    report.m_to = to;
    report.fillMonths();
    for (const ReportCase& c : cases)
        report.countCase(c);
    report.computeMedian(cases);
    report.computeOutcomes(cases);
    const ServiceUse& use = report.m_serviceUse;
    report.m_unitCostModelPence
        = SavingsCalculator::unitCostModelPence(use.gpBefore, use.gpAfter, use.aeBefore, use.aeAfter, costs);
    report.m_flatRatePence = SavingsCalculator::flatRatePence(report.m_closed, costs);
    return report;
}

// Every month of the range is listed, so a month with no referrals shows as a zero rather
// than a gap a reader might take for missing data.
void PeriodReport::fillMonths()
{
    if (!m_from.isValid() || !m_to.isValid())
        return;
    for (QDate month(m_from.year(), m_from.month(), 1); month <= m_to; month = month.addMonths(1))
        m_byMonth.insert(month.toString(QStringLiteral("yyyy-MM")), 0);
}

void PeriodReport::countCase(const ReportCase& c)
{
    if (inPeriod(c.referralDate)) {
        ++m_received;
        ++m_byMonth[c.referralDate.toString(QStringLiteral("yyyy-MM"))];
        countNeedsAndSource(c);
    }
    if (inPeriod(c.closedDate))
        ++m_closed;
    if (inPeriod(c.declinedDate))
        ++m_declined;
    // A case closed or declined after the end date was still open on it.
    const bool openAtEnd = byEnd(c.referralDate) && !byEnd(c.closedDate) && !byEnd(c.declinedDate);
    if (openAtEnd)
        ++m_openAtEnd;
    // Overdue only matters on live cases. An action done after the end date was still
    // outstanding on it, so the report for a past period does not change afterwards.
    for (const CaseAction& action : c.actions) {
        const bool outstandingAtEnd = action.status == QLatin1String("open")
            || (action.status == QLatin1String("done") && action.completedDate.isValid()
                && action.completedDate > m_to);
        if (openAtEnd && !action.meta.deleted && outstandingAtEnd && action.dueDate.isValid()
            && action.dueDate < m_to)
            ++m_actionsOverdue;
    }
}

void PeriodReport::countNeedsAndSource(const ReportCase& c)
{
    const QString source = c.referringAgency.isEmpty() ? tr("Not recorded") : c.referringAgency;
    ++m_bySource[source];
    QStringList needs = c.needs;
    needs.removeDuplicates();
    for (const QString& need : needs)
        ++m_needs[need];
}

void PeriodReport::computeMedian(const QList<ReportCase>& cases)
{
    QList<qint64> days;
    for (const ReportCase& c : cases) {
        if (inPeriod(c.closedDate) && c.referralDate.isValid())
            days << c.referralDate.daysTo(c.closedDate);
    }
    if (days.isEmpty())
        return;
    std::sort(days.begin(), days.end());
    const qsizetype mid = days.size() / 2;
    m_medianDaysToClose = days.size() % 2 ? double(days.at(mid)) : (days.at(mid - 1) + days.at(mid)) / 2.0;
}

const Assessment* PeriodReport::latest(
    const ReportCase& c, const QString& kind, const QString& stage, const QDate& notAfter)
{
    const Assessment* found = nullptr;
    for (const Assessment& a : c.assessments) {
        if (a.meta.deleted || a.kind != kind || a.stage != stage || !a.assessedOn.isValid()
            || a.assessedOn > notAfter)
            continue;
        if (!found || a.assessedOn >= found->assessedOn)
            found = &a;
    }
    return found;
}

bool PeriodReport::cohortPair(
    const ReportCase& c, const QString& kind, const Assessment** baseline, const Assessment** closing) const
{
    *closing = latest(c, kind, QStringLiteral("closing"), m_to);
    if (!*closing || (*closing)->assessedOn < m_from)
        return false;
    *baseline = latest(c, kind, QStringLiteral("baseline"), (*closing)->assessedOn);
    return *baseline != nullptr;
}

void PeriodReport::computeOutcomes(const QList<ReportCase>& cases)
{
    Ons4Scores onsBefore;
    Ons4Scores onsAfter;
    QList<double> pamBefore;
    QList<double> pamAfter;
    for (const ReportCase& c : cases) {
        addOns4(c, onsBefore, onsAfter);
        addPam(c, pamBefore, pamAfter);
        addServiceUse(c);
    }
    for (size_t item = 0; item < onsBefore.size(); ++item)
        m_wellbeing[item] = measure(onsBefore[item], onsAfter[item]);
    m_pam = measure(pamBefore, pamAfter);
}

static bool isOns4Score(int score)
{
    return score >= 0 && score <= 10;
}

void PeriodReport::addOns4(const ReportCase& c, Ons4Scores& before, Ons4Scores& after) const
{
    const Assessment* b = nullptr;
    const Assessment* e = nullptr;
    if (!cohortPair(c, QStringLiteral("ons4"), &b, &e))
        return;
    for (size_t item = 0; item < before.size(); ++item) {
        if (isOns4Score(b->ons4[item]) && isOns4Score(e->ons4[item])) {
            before[item] << b->ons4[item];
            after[item] << e->ons4[item];
        }
    }
}

void PeriodReport::addPam(const ReportCase& c, QList<double>& before, QList<double>& after)
{
    const Assessment* b = nullptr;
    const Assessment* e = nullptr;
    if (!cohortPair(c, QStringLiteral("pam"), &b, &e))
        return;
    // levelFor() is 0 for a score that was never recorded.
    const int levelBefore = PamLevel::levelFor(b->pamScore);
    const int levelAfter = PamLevel::levelFor(e->pamScore);
    if (levelBefore == 0 || levelAfter == 0)
        return;
    before << b->pamScore;
    after << e->pamScore;
    ++m_pamMovement.at(size_t(levelBefore)).at(size_t(levelAfter));
    if (levelAfter > levelBefore)
        ++m_pamImprovedLevel;
}

void PeriodReport::addServiceUse(const ReportCase& c)
{
    const Assessment* b = nullptr;
    const Assessment* e = nullptr;
    if (!cohortPair(c, QStringLiteral("service-use"), &b, &e))
        return;
    if (b->gpAppointments < 0 || b->aeAttendances < 0 || e->gpAppointments < 0 || e->aeAttendances < 0)
        return;
    m_serviceUse.gpBefore += b->gpAppointments;
    m_serviceUse.gpAfter += e->gpAppointments;
    m_serviceUse.aeBefore += b->aeAttendances;
    m_serviceUse.aeAfter += e->aeAttendances;
    ++m_serviceUse.pairs;
}

static double roundedMean(const QList<double>& values)
{
    double sum = 0;
    for (double v : values)
        sum += v;
    return std::round(sum / double(values.size()) * 100.0) / 100.0;
}

PeriodReport::Measure PeriodReport::measure(const QList<double>& before, const QList<double>& after)
{
    Measure m;
    m.pairs = int(before.size());
    if (m.pairs > 0) {
        m.baselineMean = roundedMean(before);
        m.closingMean = roundedMean(after);
    }
    return m;
}

QJsonObject PeriodReport::measureJson(const Measure& m)
{
    const QJsonValue null(QJsonValue::Null);
    return {{QStringLiteral("baseline_mean"), m.pairs ? QJsonValue(m.baselineMean) : null},
        {QStringLiteral("closing_mean"), m.pairs ? QJsonValue(m.closingMean) : null},
        {QStringLiteral("pairs"), m.pairs}};
}

static QJsonObject countsJson(const QMap<QString, int>& counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

// {"1": {"1": n, "2": n, ...}, ...}: baseline level -> closing level -> people.
QJsonObject PeriodReport::pamMovementJson() const
{
    QJsonObject rows;
    for (int from = 1; from <= 4; ++from) {
        QJsonObject row;
        for (int to = 1; to <= 4; ++to)
            row.insert(QString::number(to), m_pamMovement.at(size_t(from)).at(size_t(to)));
        rows.insert(QString::number(from), row);
    }
    return rows;
}

QJsonObject PeriodReport::toJson() const
{
    QJsonObject wellbeingJson;
    for (int item = 0; item < Ons4::itemCount; ++item)
        wellbeingJson.insert(Ons4::itemKey(item), measureJson(wellbeing(item)));
    QJsonObject pamJson = measureJson(m_pam);
    pamJson.insert(QStringLiteral("improved_level"), m_pamImprovedLevel);
    pamJson.insert(QStringLiteral("level_movement"), pamMovementJson());
    const QJsonObject serviceUseJson {{QStringLiteral("gp_before"), m_serviceUse.gpBefore},
        {QStringLiteral("gp_after"), m_serviceUse.gpAfter},
        {QStringLiteral("ae_before"), m_serviceUse.aeBefore},
        {QStringLiteral("ae_after"), m_serviceUse.aeAfter}, {QStringLiteral("pairs"), m_serviceUse.pairs}};
    const QJsonObject savings {{QStringLiteral("unit_cost_model"), double(m_unitCostModelPence) / 100.0},
        {QStringLiteral("flat_rate"), double(m_flatRatePence) / 100.0}};
    return {{QStringLiteral("from"), m_from.toString(Qt::ISODate)},
        {QStringLiteral("to"), m_to.toString(Qt::ISODate)},
        {QStringLiteral("referrals_received"), m_received}, {QStringLiteral("cases_closed"), m_closed},
        {QStringLiteral("open_at_end"), m_openAtEnd}, {QStringLiteral("declined"), m_declined},
        {QStringLiteral("referrals_by_source"), countsJson(m_bySource)},
        {QStringLiteral("referrals_by_month"), countsJson(m_byMonth)},
        {QStringLiteral("needs"), countsJson(m_needs)},
        {QStringLiteral("median_days_to_close"),
            m_medianDaysToClose ? QJsonValue(*m_medianDaysToClose) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("actions_overdue_at_end"), m_actionsOverdue},
        {QStringLiteral("wellbeing"), wellbeingJson}, {QStringLiteral("pam"), pamJson},
        {QStringLiteral("service_use"), serviceUseJson}, {QStringLiteral("estimated_savings_gbp"), savings}};
}
