#include "../report/PdfText.h"
#include "UiTestSupport.h"
#include "models/CaseListModel.h"
#include "models/DashboardData.h"
#include "store/AgencyRepository.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "tests/models/ModelTestSupport.h"
#include "ui/AppSettings.h"
#include "ui/DashboardPage.h"
#include "ui/DocumentOutput.h"
#include "ui/MainWindow.h"
#include "ui/PeriodPicker.h"

#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTest>

#include <algorithm>

// The dashboard in the main window over a store whose figures are known by construction:
// the headline for a period, choosing another, a referrals bar listing exactly its cases, a
// wrong custom period explained, the CSV export and its audit entry, refresh and lock.
class TestDashboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheFiguresOfAKnownStore();
    void choosingAPeriodUpdates();
    void clickingABarListsExactlyItsCases();
    void invalidCustomPeriodIsExplained();
    void exportWritesTheFiguresAndAudits();
    void exportFailureSaysWhy();
    void boardReportSavesAsPdfAndAudits();
    void refreshesAfterAnEditAndClearsOnLock();
    void reachedByKeyboard();

private:
    void addCase(const QDate& referral, const QString& agencyId,
        const QString& status = QStringLiteral("open"), const QDate& closed = QDate());
    void showDashboard();
    QStackedBarSeries* referralsSeries() const;
    QBarSet* barSet(const QString& label) const;
    QString headline(DashboardPage::Headline which) const { return m_window->dashboard()->headline(which); }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Store> m_builder;
};

void TestDashboard::initTestCase()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
}

void TestDashboard::addCase(
    const QDate& referral, const QString& agencyId, const QString& status, const QDate& closed)
{
    ModelTestSupport::addReferral(*m_builder, referral, agencyId, status, closed);
}

// The financial year 2024-25: the youth service refers three cases in June 2024 (one closes
// 40 days later), the housing team two in June and one in January 2025 (closed 10 days
// later). One case from March 2024 and one from April 2025 lie outside the year.
void TestDashboard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(QStringLiteral("dashboard.store"));
    m_builder = UiTestSupport::createStore(path);
    Agency youth;
    youth.name = QStringLiteral("Youth Service");
    AgencyRepository(*m_builder).add(youth);
    Agency housing;
    housing.name = QStringLiteral("Housing Team");
    AgencyRepository(*m_builder).add(housing);
    addCase(QDate(2024, 3, 31), youth.meta.id);
    addCase(QDate(2024, 6, 3), youth.meta.id, QStringLiteral("closed"), QDate(2024, 7, 13));
    addCase(QDate(2024, 6, 10), youth.meta.id);
    addCase(QDate(2024, 6, 30), youth.meta.id);
    addCase(QDate(2024, 6, 12), housing.meta.id);
    addCase(QDate(2024, 6, 20), housing.meta.id);
    addCase(QDate(2025, 1, 5), housing.meta.id, QStringLiteral("closed"), QDate(2025, 1, 15));
    addCase(QDate(2025, 4, 1), housing.meta.id);
    m_builder.reset();

    m_settings = std::make_unique<AppSettings>();
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(path);
    m_window = std::make_unique<MainWindow>(*m_session, *m_settings);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(8));
    // "Today" is 10 May 2025, so last financial year is April 2024 to March 2025.
    m_window->dashboard()->periodPicker()->setToday(QDate(2025, 5, 10));
}

void TestDashboard::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestDashboard::showDashboard()
{
    m_window->views()->setCurrentWidget(m_window->dashboard());
    PeriodPicker* picker = m_window->dashboard()->periodPicker();
    picker->choosePreset(ReportPeriod::Preset::LastFinancialYear);
    QTRY_VERIFY(m_window->dashboard()->data()->hasFigures() && !m_window->dashboard()->data()->isLoading());
    QTRY_COMPARE(m_window->dashboard()->data()->figures().period(),
        ReportPeriod(QDate(2024, 4, 1), QDate(2025, 3, 31)));
}

QStackedBarSeries* TestDashboard::referralsSeries() const
{
    QChart* chart = m_window->dashboard()->chartView(DashboardPage::Chart::Referrals)->chart();
    return qobject_cast<QStackedBarSeries*>(chart->series().value(0));
}

QBarSet* TestDashboard::barSet(const QString& label) const
{
    QStackedBarSeries* series = referralsSeries();
    const QList<QBarSet*> sets = series ? series->barSets() : QList<QBarSet*>();
    const auto found
        = std::find_if(sets.cbegin(), sets.cend(), [&label](QBarSet* set) { return set->label() == label; });
    return found == sets.cend() ? nullptr : *found;
}

void TestDashboard::showsTheFiguresOfAKnownStore()
{
    showDashboard();
    using H = DashboardPage::Headline;
    QCOMPARE(headline(H::Received), QStringLiteral("6"));
    QCOMPARE(headline(H::Closed), QStringLiteral("2"));
    QCOMPARE(headline(H::OpenAtEnd), QStringLiteral("5")); // March 2024's and four of June's
    QCOMPARE(headline(H::Declined), QStringLiteral("0"));
    QCOMPARE(headline(H::MedianDays), QStringLiteral("25")); // 40 and 10 days
    QCOMPARE(headline(H::Overdue), QStringLiteral("0"));
    QVERIFY(m_window->dashboard()->status().contains(QLatin1String("1 Apr 2024")));
    // Referrals stacked by agency, one bar per month from April to March.
    QBarSet* youth = barSet(QStringLiteral("Youth Service"));
    QBarSet* housing = barSet(QStringLiteral("Housing Team"));
    QVERIFY(youth);
    QVERIFY(housing);
    QCOMPARE(referralsSeries()->barSets().size(), 2);
    QCOMPARE(youth->count(), 12);
    QCOMPARE(youth->at(2), 3.0); // June
    QCOMPARE(housing->at(2), 2.0);
    QCOMPARE(housing->at(9), 1.0); // January
    QCOMPARE(youth->at(0) + youth->at(9) + housing->at(0), 0.0);
    // Every chart drawn, each with a title that says what it shows.
    for (int i = 0; i < int(DashboardPage::Chart::Count); ++i) {
        QChart* chart = m_window->dashboard()->chartView(DashboardPage::Chart(i))->chart();
        QVERIFY2(!chart->series().isEmpty(), qPrintable(QString::number(i)));
        QVERIFY(!chart->title().isEmpty());
    }
    QVERIFY(UiTestSupport::saveShot(*m_window, QStringLiteral("dashboard-known-store")));
}

void TestDashboard::choosingAPeriodUpdates()
{
    showDashboard();
    PeriodPicker* picker = m_window->dashboard()->periodPicker();
    // June 2024 alone, as two dates.
    picker->choosePreset(ReportPeriod::Preset::Custom);
    QVERIFY(picker->fromEdit()->isEnabled());
    picker->fromEdit()->setDate(QDate(2024, 6, 1));
    picker->toEdit()->setDate(QDate(2024, 6, 30));
    QTRY_COMPARE(m_window->dashboard()->data()->figures().period(),
        ReportPeriod(QDate(2024, 6, 1), QDate(2024, 6, 30)));
    QTRY_COMPARE(headline(DashboardPage::Headline::Received), QStringLiteral("5"));
    QCOMPARE(headline(DashboardPage::Headline::Closed), QStringLiteral("0"));
    QCOMPARE(headline(DashboardPage::Headline::MedianDays), QStringLiteral("none closed"));
    QCOMPARE(barSet(QStringLiteral("Youth Service"))->count(), 1);
    // This month (May 2025): the April 2025 referral is not in it.
    picker->choosePreset(ReportPeriod::Preset::ThisMonth);
    QVERIFY(!picker->fromEdit()->isEnabled());
    QTRY_COMPARE(m_window->dashboard()->data()->figures().period(),
        ReportPeriod(QDate(2025, 5, 1), QDate(2025, 5, 10)));
    QCOMPARE(headline(DashboardPage::Headline::Received), QStringLiteral("0"));
    QCOMPARE(headline(DashboardPage::Headline::OpenAtEnd), QStringLiteral("6"));
    // The choice is remembered for next time.
    QCOMPARE(m_settings->value(AppSettings::Key::DashboardPeriod).toString(), QStringLiteral("this-month"));
}

void TestDashboard::clickingABarListsExactlyItsCases()
{
    showDashboard();
    QBarSet* youth = barSet(QStringLiteral("Youth Service"));
    QVERIFY(youth);
    emit youth->clicked(2); // June 2024
    QCOMPARE(m_window->views()->currentIndex(), 0); // the Cases view
    QVERIFY(m_window->dashboardFilterText().contains(QLatin1String("Youth Service")));
    QVERIFY(m_window->dashboardFilterText().contains(QLatin1String("30 Jun 2024")));
    CaseListModel* cases = m_window->caseListModel();
    QTRY_COMPARE(cases->totalCount(), qint64(3));
    QTRY_COMPARE(cases->rowCount(), 3);
    QStringList dates;
    for (int row = 0; row < cases->rowCount(); ++row) {
        const std::optional<CaseSummary> summary = cases->summaryAt(row);
        QCOMPARE(summary->referringAgency, QStringLiteral("Youth Service"));
        dates << summary->referralDate.toString(Qt::ISODate);
    }
    QCOMPARE(dates,
        QStringList(
            {QStringLiteral("2024-06-30"), QStringLiteral("2024-06-10"), QStringLiteral("2024-06-03")}));
    // The other agency's bar in another month, through the slot the bars reach.
    m_window->dashboard()->showReferralCases(9, QStringLiteral("Housing Team"));
    QTRY_COMPARE(cases->totalCount(), qint64(1));
    QTRY_COMPARE(cases->summaryAt(0)->referralDate, QDate(2025, 1, 5));
    // Clear filters gives every case back and says nothing about the dashboard any more.
    const QList<QAction*> actions = m_window->actions();
    const auto clear = std::find_if(actions.cbegin(), actions.cend(),
        [](QAction* a) { return a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F); });
    QVERIFY(clear != actions.cend());
    (*clear)->trigger();
    QCOMPARE(m_window->dashboardFilterText(), QString());
    QTRY_COMPARE(cases->totalCount(), qint64(8));
}

void TestDashboard::invalidCustomPeriodIsExplained()
{
    showDashboard();
    PeriodPicker* picker = m_window->dashboard()->periodPicker();
    picker->choosePreset(ReportPeriod::Preset::Custom);
    picker->toEdit()->setDate(QDate(2024, 5, 1));
    picker->fromEdit()->setDate(QDate(2024, 6, 1));
    QStringList shown;
    for (QLabel* label : picker->findChildren<QLabel*>()) {
        if (label->isVisible() && label->accessibleName() == QLatin1String("Problem with the period"))
            shown << label->text();
    }
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.first().contains(QLatin1String("after its last day")), qPrintable(shown.first()));
    // The figures on screen stay those of the last good period (1 April to 1 May, on the way
    // to the wrong one), and the status line says which period that is.
    QTRY_COMPARE(m_window->dashboard()->data()->figures().period(),
        ReportPeriod(QDate(2024, 4, 1), QDate(2024, 5, 1)));
    QCOMPARE(headline(DashboardPage::Headline::Received), QStringLiteral("0"));
    QVERIFY(m_window->dashboard()->status().contains(QLatin1String("1 May 2024")));
    // Put right, the message goes and the period is counted.
    picker->toEdit()->setDate(QDate(2024, 6, 30));
    QVERIFY(picker->problem().isEmpty());
    QTRY_COMPARE(headline(DashboardPage::Headline::Received), QStringLiteral("5"));
    shown.clear();
    for (QLabel* label : picker->findChildren<QLabel*>()) {
        if (label->isVisible() && label->accessibleName() == QLatin1String("Problem with the period"))
            shown << label->text();
    }
    QVERIFY(shown.isEmpty());
}

void TestDashboard::exportWritesTheFiguresAndAudits()
{
    showDashboard();
    const QString path = m_dir->filePath(QStringLiteral("figures.csv"));
    const qint64 audited = AuditLog(*m_session->store()).count();
    DashboardPage::setNextSaveFileForTesting(QString()); // cancelled: nothing written or audited
    m_window->dashboard()->exportButton()->click();
    QVERIFY(!QFile::exists(path));
    QCOMPARE(AuditLog(*m_session->store()).count(), audited);
    DashboardPage::setNextSaveFileForTesting(path);
    m_window->dashboard()->exportButton()->click();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.mid(0, 3),
        QStringList({QStringLiteral("section,key,value"), QStringLiteral("period,from,2024-04-01"),
            QStringLiteral("period,to,2025-03-31")}));
    for (const char* row : {"headline,referrals_received,6", "headline,cases_closed,2",
             "headline,open_at_end,5", "headline,median_days_to_close,25", "referrals_by_month,2024-06,5",
             "referrals_by_month,2025-01,1", "referrals_by_source,Housing Team,3",
             "referrals_by_source,Youth Service,3"})
        QVERIFY2(lines.contains(QLatin1String(row)), row);
    QCOMPARE(AuditLog(*m_session->store()).count(), audited + 1);
    const AuditEntry entry = AuditLog(*m_session->store()).entries().first();
    QCOMPARE(entry.action, QStringLiteral("export"));
    QCOMPARE(entry.detail, QStringLiteral("figures 2024-04-01..2025-03-31 to CSV"));
    QVERIFY(m_window->dashboard()->status().startsWith(QLatin1String("Saved the figures")));
}

void TestDashboard::exportFailureSaysWhy()
{
    showDashboard();
    const qint64 audited = AuditLog(*m_session->store()).count();
    DashboardPage::setNextSaveFileForTesting(m_dir->filePath(QStringLiteral("missing/figures.csv")));
    m_window->dashboard()->exportButton()->click();
    QVERIFY2(m_window->dashboard()->status().contains(QLatin1String("could not be saved")),
        qPrintable(m_window->dashboard()->status()));
    QCOMPARE(AuditLog(*m_session->store()).count(), audited);
}

// The board report of the period on screen, as a PDF: the same figures, marked OFFICIAL,
// audited as an export; a cancelled save writes and audits nothing.
void TestDashboard::boardReportSavesAsPdfAndAudits()
{
    showDashboard();
    const QString path = m_dir->filePath(QStringLiteral("board.pdf"));
    const qint64 audited = AuditLog(*m_session->store()).count();
    DocumentOutput::setNextPdfPathForTesting(QString());
    m_window->dashboard()->savePdfButton()->click();
    QVERIFY(!QFile::exists(path));
    QCOMPARE(AuditLog(*m_session->store()).count(), audited);
    DocumentOutput::setNextPdfPathForTesting(path);
    m_window->dashboard()->savePdfButton()->click();
    QVERIFY2(QFile::exists(path), qPrintable(m_window->dashboard()->status()));
    QString problem;
    const QString text = PdfText::read(path, &problem);
    QVERIFY2(!text.isEmpty(), qPrintable(problem));
    QVERIFY(text.contains(QStringLiteral("OFFICIAL")));
    QVERIFY(!text.contains(QStringLiteral("OFFICIAL-SENSITIVE")));
    QVERIFY(text.contains(QStringLiteral("Housing Team")));
    QCOMPARE(AuditLog(*m_session->store()).count(), audited + 1);
    QCOMPARE(AuditLog(*m_session->store()).entries().first().action, QStringLiteral("export"));
    QVERIFY(m_window->dashboard()->status().startsWith(QLatin1String("Saved the board report")));
}

void TestDashboard::refreshesAfterAnEditAndClearsOnLock()
{
    showDashboard();
    CaseRecord c;
    c.referralDate = QDate(2024, 8, 8);
    c.status = QStringLiteral("open");
    c.reason = QStringLiteral("Referred for support");
    CaseRepository(*m_session->store()).add(c);
    m_session->notifyCaseAdded(c.meta.id);
    QTRY_COMPARE(headline(DashboardPage::Headline::Received), QStringLiteral("7"));
    QVERIFY(barSet(PeriodReport::tr("Not recorded")));
    m_session->lock();
    QCOMPARE(headline(DashboardPage::Headline::Received), QStringLiteral("–"));
    QVERIFY(!m_window->dashboard()->data()->hasFigures());
    QVERIFY(m_window->dashboard()->chartView(DashboardPage::Chart::Referrals)->chart()->series().isEmpty());
    QVERIFY(!m_window->dashboard()->exportButton()->isEnabled());
}

void TestDashboard::reachedByKeyboard()
{
    m_window->activateWindow();
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(m_window->views()->currentWidget(), m_window->dashboard());
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->views()->currentIndex(), 0);
    QCOMPARE(m_window->views()->tabText(1), QStringLiteral("Dashboard"));
}

QTEST_MAIN(TestDashboard)
#include "TestDashboard.moc"
