#include "cli/CliRunner.h"

#include <QGuiApplication>

#include <memory>

namespace {

// Creating a QGuiApplication looks for a Flatpak marker in XDG_RUNTIME_DIR, which a cron
// job or a server session does not have; Qt then warns on stderr although nothing is wrong,
// and scripts read stderr for the one line a failure prints. Only that warning is dropped.
QtMessageHandler previousHandler = nullptr;

void quietRuntimeDirWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    previousHandler(type, context, message);
}

std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[])
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (!CliRunner::needsGui(arguments))
        return std::make_unique<QCoreApplication>(argc, argv);
    // Documents need fonts, so a QGuiApplication; the CLI never opens a window, so it runs on
    // the offscreen platform unless told otherwise and works without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    previousHandler = qInstallMessageHandler(quietRuntimeDirWarning);
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    qInstallMessageHandler(previousHandler);
    return app;
}

} // namespace

int main(int argc, char* argv[])
{
    const auto app = makeApplication(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PivotCasebook"));
    QCoreApplication::setApplicationName(QStringLiteral("casebook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));
    return CliRunner::run(QCoreApplication::arguments().mid(1));
}
