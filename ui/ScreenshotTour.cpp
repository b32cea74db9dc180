#include "ScreenshotTour.h"

#include "CaseDetailsDialog.h"
#include "CaseWorkspace.h"
#include "DashboardPage.h"
#include "ImportDialog.h"
#include "MainWindow.h"
#include "NewCaseDialog.h"
#include "SignInDialog.h"
#include "SyncIssuesDialog.h"
#include "models/CaseListModel.h"
#include "models/DashboardData.h"
#include "models/StoreSession.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace {
// Lets layouts and lazy loading settle before a grab.
void settle(int msecs)
{
    QEventLoop loop;
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
}

bool save(MainWindow& window, const QString& directory, const QString& name)
{
    settle(150);
    const QString path = QDir(directory).filePath(name + QStringLiteral(".png"));
    const bool ok = window.grab().save(path);
    fprintf(stderr, "%s %s\n", ok ? "saved" : "could not save", qPrintable(path));
    return ok;
}

// The dashboard once its figures are counted, in the palette the app has and then in a
// dark one (the Fusion style, as a dark desktop would draw it), restored afterwards.
bool saveDashboard(MainWindow& window, const QString& directory)
{
    DashboardPage* dashboard = window.dashboard();
    window.views()->setCurrentWidget(dashboard);
    for (int waited = 0; !dashboard->data()->hasFigures() && waited < 10000; waited += 50)
        settle(50);
    bool ok = save(window, directory, QStringLiteral("dashboard"));
    const QPalette light = QApplication::palette();
    QStyle* style = QApplication::style();
    const QString styleName = style ? style->name() : QString();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(ScreenshotTour::darkPalette());
    ok &= save(window, directory, QStringLiteral("dashboard-dark"));
    QApplication::setStyle(QStyleFactory::create(styleName));
    QApplication::setPalette(light);
    // A click on the last month's biggest agency: the list of exactly those cases.
    const DashboardFigures& figures = dashboard->data()->figures();
    if (!figures.sources().isEmpty()) {
        dashboard->showReferralCases(int(figures.months().size()) - 1, figures.sources().first());
        ok &= save(window, directory, QStringLiteral("cases-from-dashboard"));
    }
    window.views()->setCurrentIndex(0);
    return ok;
}

bool saveDialog(QDialog& dialog, const QString& directory, const QString& name)
{
    dialog.show();
    settle(150);
    const QString path = QDir(directory).filePath(name + QStringLiteral(".png"));
    const bool ok = dialog.grab().save(path);
    fprintf(stderr, "%s %s\n", ok ? "saved" : "could not save", qPrintable(path));
    return ok;
}
} // namespace

bool ScreenshotTour::run(MainWindow& window, StoreSession& session, const QString& directory)
{
    QDir().mkpath(directory);
    settle(200);
    bool ok = save(
        window, directory, session.storeExists() ? QStringLiteral("unlock") : QStringLiteral("welcome"));
    if (!session.storeExists())
        return ok;
    const QString problem = session.unlock(qgetenv("CASEBOOK_PASSPHRASE"), QStringLiteral("screenshot"));
    if (!problem.isEmpty()) {
        fprintf(stderr, "%s\n", qPrintable(problem));
        return false;
    }
    settle(200);
    window.caseTable()->selectRow(0);
    ok &= save(window, directory, QStringLiteral("cases"));
    const QStringList names {QStringLiteral("overview"), QStringLiteral("needs"), QStringLiteral("actions"),
        QStringLiteral("notes"), QStringLiteral("outcomes"), QStringLiteral("history")};
    QTabWidget* tabs = window.workspace()->tabs();
    for (int i = 1; i < tabs->count() && i < names.size(); ++i) {
        tabs->setCurrentIndex(i);
        ok &= save(window, directory, QStringLiteral("case-") + names.at(i));
    }
    ok &= saveDashboard(window, directory);
    {
        NewCaseDialog dialog(session, &window);
        ok &= saveDialog(dialog, directory, QStringLiteral("new-referral"));
    }
    {
        CaseDetailsDialog dialog(session, window.workspace()->caseId(), nullptr, &window);
        ok &= saveDialog(dialog, directory, QStringLiteral("case-details"));
    }
    {
        ImportDialog dialog(session, &window);
        ok &= saveDialog(dialog, directory, QStringLiteral("import"));
    }
    {
        SignInDialog dialog(session, &window);
        ok &= saveDialog(dialog, directory, QStringLiteral("sync-sign-in"));
    }
    {
        SyncIssuesDialog dialog(session, &window);
        ok &= saveDialog(dialog, directory, QStringLiteral("sync-problems"));
    }
    session.lock();
    ok &= save(window, directory, QStringLiteral("locked"));
    return ok;
}

QPalette ScreenshotTour::darkPalette()
{
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1b, 0x1e, 0x20);
    const QColor text(0xfc, 0xfc, 0xfc);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8a, 0x8e, 0x92));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8a, 0x8e, 0x92));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8a, 0x8e, 0x92));
    return p;
}
