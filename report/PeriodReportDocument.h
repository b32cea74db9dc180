#pragma once

#include "ReportDocument.h"
#include "core/PeriodReport.h"
#include "core/ReferenceNorm.h"
#include "core/UnitCosts.h"

#include <QCoreApplication>

class BarChart;
class Store;

// The period report for the partnership board: headline figures, referrals by month and by
// referring agency, the needs profile, wellbeing change per ONS4 item against the reference
// norms, PAM level movement, service use and both savings estimates (labelled), with bar
// charts as images. Aggregate figures only, no personal data: marked OFFICIAL.
class PeriodReportDocument
{
    Q_DECLARE_TR_FUNCTIONS(PeriodReportDocument)

public:
    static QString marking(); // "OFFICIAL"

    // Figures from the store (PeriodStatistics: the same as `casebook-cli report`), the
    // store's reference norms and unit costs; printed by the store's actor. Throws StoreError.
    static ReportDocument build(Store& store, const QDate& from, const QDate& to,
        const QDateTime& printedAt = QDateTime::currentDateTime());
    // From figures already worked out (the dashboard holds them): reads nothing.
    static ReportDocument build(const PeriodReport& report, const QList<ReferenceNorm>& norms,
        const UnitCosts& costs, const QString& printedBy, const QDateTime& printedAt);

private:
    PeriodReportDocument(const PeriodReport& report, const QList<ReferenceNorm>& norms,
        const UnitCosts& costs, QTextDocument& body);
    QString toHtml();
    QString headline() const;
    QString byMonth();
    QString bySource();
    QString needsProfile();
    QString wellbeing();
    QString pamMovement();
    QString serviceUse() const;
    QString definitions() const;
    QString chart(const QString& name, const BarChart& chart, int height);
    QString periodText() const;

    const PeriodReport& m_report;
    QList<ReferenceNorm> m_norms;
    UnitCosts m_costs;
    QTextDocument& m_body; // chart images are added to it as resources
};
