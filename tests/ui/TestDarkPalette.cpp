#include "UiTestSupport.h"
#include "cli/DemoCommand.h"
#include "models/CaseListModel.h"
#include "models/DashboardData.h"
#include "models/StoreSession.h"
#include "store/KeyDerivation.h"
#include "store/Store.h"
#include "ui/AppSettings.h"
#include "ui/CaseDetailsDialog.h"
#include "ui/CaseWorkspace.h"
#include "ui/DashboardPage.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotTour.h"
#include "ui/SignInDialog.h"
#include "ui/SyncIssuesDialog.h"

#include <QAbstractAxis>
#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

// A worker whose desktop uses a dark theme gets the same app: every text the windows show
// keeps a readable contrast (WCAG AA, 4.5:1) against what is behind it. Colours the app
// chooses itself (problem lines) must follow the palette, never assume a light one.
class TestDarkPalette : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void mainWindowReadable();
    void caseDetailsProblemsReadable();
    void syncDialogsReadable();
    void dashboardReadable();

private:
    static double luminance(const QColor& colour);
    static double contrast(const QColor& a, const QColor& b);
    static QStringList unreadable(QWidget* top);
    void unlockAndOpenCase();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

double TestDarkPalette::luminance(const QColor& colour)
{
    const auto channel
        = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF());
}

double TestDarkPalette::contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QStringList TestDarkPalette::unreadable(QWidget* top)
{
    QStringList found;
    QList<QWidget*> widgets = top->findChildren<QWidget*>();
    widgets << top;
    for (QWidget* widget : std::as_const(widgets)) {
        const bool hasText = qobject_cast<QLabel*>(widget) || qobject_cast<QAbstractButton*>(widget)
            || qobject_cast<QLineEdit*>(widget);
        if (!hasText || !widget->isVisible() || !widget->isEnabled())
            continue;
        const QPalette& p = widget->palette();
        const QColor fore = p.color(widget->foregroundRole());
        const QColor back = widget->autoFillBackground() || qobject_cast<QLineEdit*>(widget)
            ? p.color(widget->backgroundRole())
            : widget->window()->palette().color(QPalette::Window);
        const double ratio = contrast(fore, back);
        if (ratio < 4.5)
            found << QStringLiteral("%1 \"%2\": %3:1")
                         .arg(
                             QString::fromLatin1(widget->metaObject()->className()), widget->accessibleName())
                         .arg(ratio, 0, 'f', 1);
    }
    return found;
}

void TestDarkPalette::initTestCase()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(ScreenshotTour::darkPalette());
}

void TestDarkPalette::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<AppSettings>();
    m_session = UiTestSupport::demoSession(m_dir->filePath(QStringLiteral("dark.store")), 30, 5);
    m_window = std::make_unique<MainWindow>(*m_session, *m_settings);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDarkPalette::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestDarkPalette::unlockAndOpenCase()
{
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(30));
    // A case with an overdue action, so the highlighted rows are on screen too.
    int row = 0;
    for (int i = 0; i < m_window->caseListModel()->rowCount(); ++i) {
        if (m_window->caseListModel()->summaryAt(i)->overdueActions > 0) {
            row = i;
            break;
        }
    }
    m_window->caseTable()->selectRow(row);
    QVERIFY(!m_window->workspace()->caseId().isEmpty());
}

void TestDarkPalette::mainWindowReadable()
{
    QVERIFY(UiTestSupport::saveShot(*m_window, QStringLiteral("dark-unlock")));
    QCOMPARE(unreadable(m_window.get()), QStringList());
    unlockAndOpenCase();
    QTabWidget* tabs = m_window->workspace()->tabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QTest::qWait(20);
        QVERIFY2(unreadable(m_window.get()).isEmpty(), qPrintable(unreadable(m_window.get()).join(u'\n')));
    }
    tabs->setCurrentIndex(2); // actions, with the overdue one
    QVERIFY(UiTestSupport::saveShot(*m_window, QStringLiteral("dark-actions")));
}

void TestDarkPalette::caseDetailsProblemsReadable()
{
    unlockAndOpenCase();
    CaseDetailsDialog dialog(*m_session, m_window->workspace()->caseId(), nullptr, m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* nhs = qobject_cast<QLineEdit*>(dialog.field(CaseDetailsDialog::Field::NhsNumber));
    QVERIFY(nhs);
    nhs->setText(QStringLiteral("1234567890"));
    QVERIFY(!dialog.save().isEmpty());
    QLabel* problem = dialog.problemLabel(CaseDetailsDialog::Field::NhsNumber);
    QVERIFY(problem->isVisible());
    QVERIFY2(unreadable(&dialog).isEmpty(), qPrintable(unreadable(&dialog).join(u'\n')));
    QVERIFY(UiTestSupport::saveShot(dialog, QStringLiteral("dark-case-details-problems")));
}

void TestDarkPalette::syncDialogsReadable()
{
    unlockAndOpenCase();
    SignInDialog signIn(*m_session, m_window.get());
    signIn.show();
    QVERIFY(QTest::qWaitForWindowExposed(&signIn));
    signIn.serverField()->setText(QStringLiteral("http://not-https.example"));
    signIn.signInButton()->click(); // refused at once: a problem line on screen
    QVERIFY(!signIn.problem().isEmpty());
    QVERIFY2(unreadable(&signIn).isEmpty(), qPrintable(unreadable(&signIn).join(u'\n')));
    QVERIFY(UiTestSupport::saveShot(signIn, QStringLiteral("dark-sign-in-problem")));
    SyncIssuesDialog issues(*m_session, m_window.get());
    issues.show();
    QVERIFY(QTest::qWaitForWindowExposed(&issues));
    issues.keepServerButton()->click(); // nothing chosen: says so
    QVERIFY(!issues.problem().isEmpty());
    QVERIFY2(unreadable(&issues).isEmpty(), qPrintable(unreadable(&issues).join(u'\n')));
    QVERIFY(UiTestSupport::saveShot(issues, QStringLiteral("dark-sync-problems")));
}

void TestDarkPalette::dashboardReadable()
{
    unlockAndOpenCase();
    DashboardPage* dashboard = m_window->dashboard();
    m_window->views()->setCurrentWidget(dashboard);
    QTRY_VERIFY(dashboard->data()->hasFigures());
    QTest::qWait(50);
    QVERIFY2(unreadable(m_window.get()).isEmpty(), qPrintable(unreadable(m_window.get()).join(u'\n')));
    // The charts are drawn in the palette: dark behind, and every title, axis label and legend
    // entry readable against it.
    QStringList faint;
    for (int i = 0; i < int(DashboardPage::Chart::Count); ++i) {
        QChart* chart = dashboard->chartView(DashboardPage::Chart(i))->chart();
        const QColor back = chart->backgroundBrush().color();
        QVERIFY(luminance(back) < 0.1);
        const auto check = [&](const QColor& fore, const QString& what) {
            if (contrast(fore, back) < 4.5)
                faint << QStringLiteral("%1 %2: %3:1")
                             .arg(chart->title(), what)
                             .arg(contrast(fore, back), 0, 'f', 1);
        };
        check(chart->titleBrush().color(), QStringLiteral("title"));
        check(chart->legend()->labelColor(), QStringLiteral("legend"));
        for (QAbstractAxis* axis : chart->axes())
            check(axis->labelsColor(), QStringLiteral("axis labels"));
    }
    QVERIFY2(faint.isEmpty(), qPrintable(faint.join(u'\n')));
    QVERIFY(UiTestSupport::saveShot(*m_window, QStringLiteral("dark-dashboard")));
}

QTEST_MAIN(TestDarkPalette)
#include "TestDarkPalette.moc"
