#include "DashboardPage.h"

#include "AppSettings.h"
#include "ChartStyle.h"
#include "DashboardCharts.h"
#include "DocumentOutput.h"
#include "PeriodPicker.h"
#include "models/DashboardData.h"
#include "models/StoreSession.h"
#include "report/DocumentPrinter.h"
#include "report/PeriodReportDocument.h"
#include "store/StoreError.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

namespace {
std::optional<QString> nextSaveFile;
} // namespace

DashboardPage::DashboardPage(StoreSession& session, AppSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_data(new DashboardData(&session, this))
{
    // Hidden until its tab is chosen: changes to the store wait until then.
    m_data->setShowing(false);
    m_picker = new PeriodPicker(settings, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buildTopRow());
    layout->addLayout(buildHeadline());
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* charts = new QWidget(scroll);
    charts->setLayout(buildCharts());
    scroll->setWidget(charts);
    layout->addWidget(scroll, 1);

    connect(m_picker, &PeriodPicker::periodChosen, m_data, &DashboardData::setPeriod);
    connect(m_data, &DashboardData::figuresReady, this, &DashboardPage::showFigures);
    connect(m_data, &DashboardData::cleared, this, &DashboardPage::clearFigures);
    connect(m_data, &DashboardData::loadingChanged, this, [this](bool loading) {
        if (loading)
            setStatus(tr("Counting the figures for %1...").arg(m_data->period().label()));
    });
    connect(m_data, &DashboardData::failed, this, &DashboardPage::setStatus);
    connect(m_norm, &QComboBox::currentIndexChanged, this, &DashboardPage::redrawWellbeing);
    m_data->setPeriod(m_picker->period());
    clearFigures();
}

void DashboardPage::setNextSaveFileForTesting(const QString& path)
{
    nextSaveFile = path;
}

QLayout* DashboardPage::buildTopRow()
{
    auto* row = new QHBoxLayout;
    row->addWidget(m_picker);
    auto* normLabel = new QLabel(tr("Compare &wellbeing with:"), this);
    m_norm = new QComboBox(this);
    m_norm->setAccessibleName(tr("Wellbeing norm"));
    m_norm->setToolTip(tr("The reference norms drawn across the wellbeing chart (Settings lists them)"));
    m_norm->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    normLabel->setBuddy(m_norm);
    row->addSpacing(12);
    row->addWidget(normLabel, 0, Qt::AlignTop);
    row->addWidget(m_norm, 0, Qt::AlignTop);
    row->addStretch(1);
    m_export = new QPushButton(tr("E&xport figures as CSV..."), this);
    m_export->setAccessibleName(tr("Export figures as CSV"));
    m_export->setToolTip(tr("Save the period's counts and averages for a spreadsheet (no names or case "
                            "details)"));
    connect(m_export, &QPushButton::clicked, this, &DashboardPage::exportCsv);
    row->addWidget(m_export, 0, Qt::AlignTop);
    m_print = new QPushButton(tr("Print &board report..."), this);
    m_print->setAccessibleName(tr("Print the board report"));
    m_print->setToolTip(tr("Preview and print the period report for the partnership board"));
    connect(m_print, &QPushButton::clicked, this, &DashboardPage::printBoardReport);
    row->addWidget(m_print, 0, Qt::AlignTop);
    m_savePdf = new QPushButton(tr("Save board report as P&DF..."), this);
    m_savePdf->setAccessibleName(tr("Save the board report as PDF"));
    m_savePdf->setToolTip(tr("Write the period report for the partnership board to a PDF file"));
    connect(m_savePdf, &QPushButton::clicked, this, &DashboardPage::saveBoardReportPdf);
    row->addWidget(m_savePdf, 0, Qt::AlignTop);
    return row;
}

QLayout* DashboardPage::buildHeadline()
{
    auto* column = new QVBoxLayout;
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Dashboard status"));
    m_status->setWordWrap(true);
    column->addWidget(m_status);
    auto* row = new QHBoxLayout;
    const QStringList captions {tr("referrals received"), tr("cases closed"), tr("open at the end"),
        tr("declined"), tr("median days to close"), tr("actions overdue at the end")};
    for (size_t i = 0; i < m_headline.size(); ++i) {
        auto* value = new QLabel(this);
        QFont big = value->font();
        big.setBold(true);
        big.setPointSizeF(big.pointSizeF() * 1.6);
        value->setFont(big);
        value->setAccessibleName(captions.at(int(i)));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* caption = new QLabel(captions.at(int(i)), this);
        auto* tile = new QVBoxLayout;
        tile->setSpacing(0);
        tile->addWidget(value);
        tile->addWidget(caption);
        row->addLayout(tile);
        row->addSpacing(24);
        m_headline.at(i) = value;
    }
    row->addStretch(1);
    column->addLayout(row);
    return column;
}

QGridLayout* DashboardPage::buildCharts()
{
    auto* grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    const QStringList names {tr("Referrals per month by referring agency (click a bar to list its cases)"),
        tr("Open, closed and declined cases per month"), tr("Needs profile"),
        tr("Wellbeing at baseline and closing against the norm"), tr("PAM level movement"),
        tr("Cumulative estimated savings")};
    for (size_t i = 0; i < m_views.size(); ++i) {
        auto* view = new QChartView(this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setAccessibleName(names.at(int(i)));
        view->setMinimumSize(360, 260);
        view->setFrameShape(QFrame::NoFrame);
        m_views.at(i) = view;
        auto* cell = new QVBoxLayout;
        cell->setSpacing(0);
        cell->addWidget(view, 1);
        grid->addLayout(cell, int(i) / 3, int(i) % 3);
    }
    m_referralsLegend = new QLabel(this);
    m_referralsLegend->setWordWrap(true);
    m_referralsLegend->setAccessibleName(tr("Referring agencies in the chart"));
    m_referralsLegend->setContentsMargins(8, 0, 8, 4);
    qobject_cast<QVBoxLayout*>(grid->itemAtPosition(0, 0)->layout())->addWidget(m_referralsLegend);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);
    return grid;
}

QString DashboardPage::headline(Headline which) const
{
    return m_headline.at(size_t(which))->text();
}

QString DashboardPage::status() const
{
    return m_status->text();
}

void DashboardPage::setStatus(const QString& text)
{
    m_status->setText(text);
}

void DashboardPage::showFigures()
{
    const PeriodReport& r = m_data->figures().report();
    const QLocale locale;
    const std::optional<double> median = r.medianDaysToClose();
    const QStringList values {locale.toString(r.referralsReceived()), locale.toString(r.casesClosed()),
        locale.toString(r.openAtEnd()), locale.toString(r.declined()),
        median ? locale.toString(*median, 'f', std::fmod(*median, 1.0) == 0 ? 0 : 1) : tr("none closed"),
        locale.toString(r.actionsOverdueAtEnd())};
    for (size_t i = 0; i < m_headline.size(); ++i)
        m_headline.at(i)->setText(values.at(int(i)));
    setStatus(tr("Figures for %1. Savings are estimates: the unit-cost model from GP and A&E use before and "
                 "after support, and the team's flat rate per closed case.")
                  .arg(m_data->figures().period().label()));
    m_export->setEnabled(true);
    fillNorms();
    redraw();
}

void DashboardPage::clearFigures()
{
    for (QLabel* value : m_headline)
        value->setText(QStringLiteral("–"));
    m_export->setEnabled(false);
    const QString problem = m_picker->problem();
    setStatus(!problem.isEmpty()
            ? tr("Choose a usable period to see its figures.")
            : (m_session.isUnlocked() ? QString() : tr("Unlock the store to see the figures.")));
    m_referralsLegend->clear();
    for (QChartView* view : m_views) {
        QChart* old = view->chart();
        view->setChart(new QChart);
        ChartStyle(palette()).apply(view->chart());
        delete old;
    }
}

void DashboardPage::fillNorms()
{
    const QString current = m_norm->currentText();
    const QSignalBlocker quiet(m_norm);
    m_norm->clear();
    m_norm->addItems(DashboardCharts::normLabels(m_data->figures().norms()));
    m_norm->setCurrentIndex(std::max(0, m_norm->findText(current)));
}

void DashboardPage::redraw()
{
    if (!m_data->hasFigures())
        return;
    const DashboardFigures& f = m_data->figures();
    const ChartStyle style(palette());
    const std::array<QChart*, size_t(Chart::Count)> charts {DashboardCharts::referrals(f, style),
        DashboardCharts::caseFlow(f, style), DashboardCharts::needs(f, style),
        DashboardCharts::wellbeing(f, m_norm->currentText(), style), DashboardCharts::pamMovement(f, style),
        DashboardCharts::savings(f, style)};
    m_referralsLegend->setText(DashboardCharts::referralsLegend(f, style));
    for (size_t i = 0; i < charts.size(); ++i) {
        // A chart view does not delete the chart it is given a replacement for.
        QChart* old = m_views.at(i)->chart();
        m_views.at(i)->setChart(charts.at(i));
        delete old;
    }
    connectReferralBars();
}

void DashboardPage::redrawWellbeing()
{
    if (!m_data->hasFigures())
        return;
    QChartView* view = chartView(Chart::Wellbeing);
    QChart* old = view->chart();
    view->setChart(
        DashboardCharts::wellbeing(m_data->figures(), m_norm->currentText(), ChartStyle(palette())));
    delete old;
}

void DashboardPage::connectReferralBars()
{
    auto* series = qobject_cast<QStackedBarSeries*>(chartView(Chart::Referrals)->chart()->series().value(0));
    if (!series)
        return;
    for (QBarSet* set : series->barSets()) {
        connect(
            set, &QBarSet::clicked, this, [this, set](int month) { showReferralCases(month, set->label()); });
    }
}

void DashboardPage::showReferralCases(int month, const QString& source)
{
    const std::optional<CaseFilter> filter = m_data->referralsFilter(month, source);
    if (!filter)
        return;
    const QString period = m_data->figures().months().at(month).period.label();
    const QString description = filter->referringAgencyName->isEmpty()
        ? tr("Cases referred %1 with no referring agency recorded").arg(period)
        : tr("Cases referred by %1, %2").arg(source, period);
    emit casesRequested(*filter, description);
}

QString DashboardPage::chooseSaveFile()
{
    if (nextSaveFile) {
        QString path = *nextSaveFile;
        nextSaveFile.reset();
        return path;
    }
    const ReportPeriod period = m_data->figures().period();
    const QString name = tr("casebook-figures-%1-to-%2.csv")
                             .arg(period.from().toString(Qt::ISODate), period.to().toString(Qt::ISODate));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileDialog::getSaveFileName(
        this, tr("Export figures as CSV"), QDir(folder).filePath(name), tr("CSV files (*.csv)"));
}

void DashboardPage::exportCsv()
{
    if (!m_data->hasFigures()) {
        setStatus(tr("There are no figures to export yet: wait for the dashboard to finish counting."));
        return;
    }
    const QString path = chooseSaveFile();
    if (path.isEmpty())
        return;
    const QString problem = m_data->exportCsv(path);
    const QString message = problem.isEmpty()
        ? tr("Saved the figures for %1 to %2.")
              .arg(m_data->figures().period().label(), QDir::toNativeSeparators(path))
        : problem;
    setStatus(message);
    emit statusMessage(message);
}

std::optional<ReportDocument> DashboardPage::boardReport()
{
    const ReportPeriod period = m_picker->period();
    Store* store = m_session.store();
    if (!store || !period.isValid()) {
        setStatus(store ? m_picker->problem() : tr("Unlock the store first."));
        return std::nullopt;
    }
    try {
        return PeriodReportDocument::build(*store, period.from(), period.to());
    } catch (const StoreError& error) {
        setStatus(tr("The board report could not be made: %1").arg(error.message()));
        return std::nullopt;
    }
}

void DashboardPage::printBoardReport()
{
    std::optional<ReportDocument> report = boardReport();
    if (report
        && DocumentOutput::previewAndPrint(*report, *m_session.store(),
            tr("Print preview: board report for %1").arg(m_picker->period().label()), this))
        setStatus(tr("Sent the board report for %1 to the printer.").arg(m_picker->period().label()));
}

void DashboardPage::saveBoardReportPdf()
{
    std::optional<ReportDocument> report = boardReport();
    if (!report)
        return;
    const ReportPeriod period = m_picker->period();
    const QString path = DocumentOutput::choosePdfPath(
        tr("Board report %1 to %2.pdf")
            .arg(period.from().toString(Qt::ISODate), period.to().toString(Qt::ISODate)),
        tr("Save board report as PDF"), this);
    if (path.isEmpty())
        return;
    const QString problem = DocumentPrinter::writePdf(*report, path, *m_session.store());
    const QString message = problem.isEmpty()
        ? tr("Saved the board report for %1 to %2.").arg(period.label(), QDir::toNativeSeparators(path))
        : problem;
    setStatus(message);
    emit statusMessage(message);
}

void DashboardPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_picker->recalculate(); // "this month" moves on at midnight
    m_data->setShowing(true);
}

void DashboardPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_data->setShowing(false);
}

void DashboardPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // A desktop switched to a dark theme (or back) gets charts drawn in its colours.
    if (event->type() == QEvent::PaletteChange && m_views.back())
        m_data->hasFigures() ? redraw() : clearFigures();
}
