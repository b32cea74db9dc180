#pragma once

#include "Ons4.h"
#include "ReportCase.h"
#include "UnitCosts.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>

#include <array>
#include <optional>

// The team lead's figures for a date range (both ends included), computed from plain inputs.
//
// Counting rules:
// - received: referral date in [from, to]; by source and needs profile count these.
// - closed: closed date in [from, to]; declined: declined date in [from, to].
// - open at end: referred on or before `to`, and neither closed nor declined on or before it.
// - outcome cohort, per measure: the case's latest closing assessment of that kind dated on or
//   before `to` is dated on or after `from`, and there is a baseline of that kind dated on or
//   before it (the latest such baseline is used). Each measure also needs the values present
//   at both stages: an ONS4 item left unanswered drops out of that item only.
class PeriodReport
{
    Q_DECLARE_TR_FUNCTIONS(PeriodReport)

public:
    struct Measure
    {
        double baselineMean = 0; // arithmetic means rounded to 2 decimals; 0 when pairs == 0
        double closingMean = 0;
        int pairs = 0;
    };
    struct ServiceUse
    {
        int gpBefore = 0;
        int gpAfter = 0;
        int aeBefore = 0;
        int aeAfter = 0;
        int pairs = 0;
    };

    static PeriodReport compute(
        const QList<ReportCase>& cases, const QDate& from, const QDate& to, const UnitCosts& costs);

    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    int referralsReceived() const { return m_received; }
    int casesClosed() const { return m_closed; }
    int openAtEnd() const { return m_openAtEnd; }
    int declined() const { return m_declined; }
    QMap<QString, int> referralsBySource() const { return m_bySource; }
    QMap<QString, int> referralsByMonth() const { return m_byMonth; } // "yyyy-MM", every month
    QMap<QString, int> needs() const { return m_needs; }
    std::optional<double> medianDaysToClose() const { return m_medianDaysToClose; }
    int actionsOverdueAtEnd() const { return m_actionsOverdue; }
    Measure wellbeing(int item) const { return m_wellbeing.at(static_cast<size_t>(item)); }
    Measure pam() const { return m_pam; }
    int pamImprovedLevel() const { return m_pamImprovedLevel; }
    // People in the PAM cohort moving from baseline level (row, 1-4) to closing level (column,
    // 1-4); index 0 is unused so the levels read as themselves.
    using PamMovement = std::array<std::array<int, 5>, 5>;
    PamMovement pamMovement() const { return m_pamMovement; }
    ServiceUse serviceUse() const { return m_serviceUse; }
    qint64 unitCostModelPence() const { return m_unitCostModelPence; }
    qint64 flatRatePence() const { return m_flatRatePence; }

    QJsonObject toJson() const;

private:
    void countCase(const ReportCase& c);
    void countNeedsAndSource(const ReportCase& c);
    void computeMedian(const QList<ReportCase>& cases);
    using Ons4Scores = std::array<QList<double>, Ons4::itemCount>;
    void computeOutcomes(const QList<ReportCase>& cases);
    void addOns4(const ReportCase& c, Ons4Scores& before, Ons4Scores& after) const;
    void addPam(const ReportCase& c, QList<double>& before, QList<double>& after);
    void addServiceUse(const ReportCase& c);
    bool cohortPair(const ReportCase& c, const QString& kind, const Assessment** baseline,
        const Assessment** closing) const;
    void fillMonths();
    bool inPeriod(const QDate& date) const { return date.isValid() && date >= m_from && date <= m_to; }
    bool byEnd(const QDate& date) const { return date.isValid() && date <= m_to; }
    static const Assessment* latest(
        const ReportCase& c, const QString& kind, const QString& stage, const QDate& notAfter);

    static Measure measure(const QList<double>& before, const QList<double>& after);
    static QJsonObject measureJson(const Measure& m);
    QJsonObject pamMovementJson() const;

    QDate m_from;
    QDate m_to;
    int m_received = 0;
    int m_closed = 0;
    int m_openAtEnd = 0;
    int m_declined = 0;
    QMap<QString, int> m_bySource;
    QMap<QString, int> m_byMonth;
    QMap<QString, int> m_needs;
    std::optional<double> m_medianDaysToClose;
    int m_actionsOverdue = 0;
    std::array<Measure, Ons4::itemCount> m_wellbeing {};
    Measure m_pam;
    int m_pamImprovedLevel = 0;
    PamMovement m_pamMovement {};
    ServiceUse m_serviceUse;
    qint64 m_unitCostModelPence = 0;
    qint64 m_flatRatePence = 0;
};
