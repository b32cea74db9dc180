#pragma once

#include "report/ReportDocument.h"
#include "store/CaseFilter.h"

#include <QString>
#include <QWidget>

#include <array>
#include <optional>

class AppSettings;
class DashboardData;
class PeriodPicker;
class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class StoreSession;

// The outcomes dashboard: a period picker, the headline figures in words, and six charts of
// the same figures (core PeriodReport, counted off the GUI thread by DashboardData). A bar of
// "referrals per month" asks for the cases it counted (casesRequested); "Export figures as
// CSV..." saves the period's figures for a spreadsheet. Follows the palette, dark included.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    enum class Chart { Referrals, CaseFlow, Needs, Wellbeing, PamMovement, Savings, Count };
    enum class Headline { Received, Closed, OpenAtEnd, Declined, MedianDays, Overdue, Count };

    DashboardPage(StoreSession& session, AppSettings& settings, QWidget* parent = nullptr);

    DashboardData* data() const { return m_data; }
    PeriodPicker* periodPicker() const { return m_picker; }
    QChartView* chartView(Chart chart) const { return m_views.at(size_t(chart)); }
    QComboBox* normBox() const { return m_norm; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* printButton() const { return m_print; }
    QPushButton* savePdfButton() const { return m_savePdf; }
    QString headline(Headline which) const; // the figure as shown, e.g. "55"
    QString status() const; // "Counting...", the period shown, or what went wrong

    // What the next "Export figures as CSV..." saves to, instead of asking (tests only); an
    // empty path is a cancelled dialog.
    static void setNextSaveFileForTesting(const QString& path);

public slots:
    void exportCsv();
    // The board's period report for the chosen period: print preview, or a PDF (both audited).
    void printBoardReport();
    void saveBoardReportPdf();
    // The slot each referrals bar's clicked(index) reaches: the month's cases from source.
    void showReferralCases(int month, const QString& source);

signals:
    // Show these cases in the case list; description says which, in words.
    void casesRequested(const CaseFilter& filter, const QString& description);
    void statusMessage(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QLayout* buildTopRow();
    QLayout* buildHeadline();
    QGridLayout* buildCharts();
    void redraw();
    void redrawWellbeing();
    void connectReferralBars();
    void fillNorms();
    void showFigures();
    void clearFigures();
    void setStatus(const QString& text);
    QString chooseSaveFile();
    std::optional<ReportDocument> boardReport();

    StoreSession& m_session;
    DashboardData* m_data;
    PeriodPicker* m_picker = nullptr;
    QComboBox* m_norm = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_print = nullptr;
    QPushButton* m_savePdf = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_referralsLegend = nullptr;
    std::array<QLabel*, size_t(Headline::Count)> m_headline {};
    std::array<QChartView*, size_t(Chart::Count)> m_views {};
};
