#include "ScreenshotTour.h"

#include "CaseDetailsDialog.h"
#include "CaseWorkspace.h"
#include "ImportDialog.h"
#include "MainWindow.h"
#include "NewCaseDialog.h"
#include "SignInDialog.h"
#include "SyncIssuesDialog.h"
#include "models/CaseListModel.h"
#include "models/StoreSession.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
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
