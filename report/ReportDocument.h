#pragma once

#include <QDateTime>
#include <QFont>
#include <QString>
#include <QTextDocument>

#include <memory>

// A document ready to print: the body as a QTextDocument (laid out by DocumentPrinter to
// whatever page it is printed on) and what goes on every page around it. Built by
// CaseSummaryDocument and PeriodReportDocument; printed, previewed or saved as PDF by
// DocumentPrinter. Move-only (it owns the QTextDocument and its chart images).
class ReportDocument
{
public:
    // Printed at the top and bottom of every page.
    struct Furniture
    {
        QString marking; // protective marking, e.g. "OFFICIAL-SENSITIVE"
        QString title; // e.g. "Case summary PVT-2025-0042: Alex Example"
        QString printedBy; // who printed it, as shown
        QDateTime printedAt;
    };
    // What the audit entry for a print or an export names (never personal data).
    struct AuditSubject
    {
        QString entity; // "case" or "report"
        QString entityId; // the case's id, or empty
        QString caseReference; // or empty
        QString detail; // e.g. "case summary: subject,needs" or "2024-04-01..2025-03-31"
    };

    ReportDocument(Furniture furniture, AuditSubject audit);
    ReportDocument(ReportDocument&&) noexcept;
    ReportDocument& operator=(ReportDocument&&) noexcept;
    ~ReportDocument();

    // The body's default font: 10 pt sans serif, no ligatures.
    static QFont documentFont();

    QTextDocument& body() { return *m_body; }
    const QTextDocument& body() const { return *m_body; }
    const Furniture& furniture() const { return m_furniture; }
    const AuditSubject& audit() const { return m_audit; }
    // A short title for the PDF's metadata and a print job name: no personal data.
    QString jobName() const { return m_jobName; }
    void setJobName(const QString& name) { m_jobName = name; }

private:
    std::unique_ptr<QTextDocument> m_body;
    Furniture m_furniture;
    AuditSubject m_audit;
    QString m_jobName;
};
