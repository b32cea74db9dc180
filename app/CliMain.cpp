#include "cli/CliRunner.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PivotCasebook"));
    QCoreApplication::setApplicationName(QStringLiteral("casebook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));
    return CliRunner::run(QCoreApplication::arguments().mid(1));
}
