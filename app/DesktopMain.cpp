#include "models/StoreSession.h"
#include "ui/AppSettings.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotTour.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PivotCasebook"));
    QApplication::setApplicationName(QStringLiteral("casebook"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pivot Casebook"));
    QApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Pivot Casebook: case work for PIVOT teams."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
        QApplication::translate("main", "Open this store file."), QStringLiteral("PATH"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QApplication::translate("main",
            "Unlock with CASEBOOK_PASSPHRASE, save each main screen as a PNG in DIR, "
            "and quit."),
        QStringLiteral("DIR"));
    parser.addOptions({storeOption, screenshotOption});
    parser.process(app);

    AppSettings settings;
    StoreSession session;
    const QString path = parser.isSet(storeOption) ? parser.value(storeOption) : settings.storePath();
    if (!path.isEmpty())
        session.setStorePath(path);
    MainWindow window(session, settings);
    window.resize(1280, 800);
    window.showStartPage();
    window.show();
    if (parser.isSet(screenshotOption))
        return ScreenshotTour::run(window, session, parser.value(screenshotOption)) ? 0 : 1;
    return QApplication::exec();
}
