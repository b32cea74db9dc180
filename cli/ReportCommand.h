#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;
class PeriodReport;

// casebook-cli report --from D --to D [--json | --pdf FILE]
class ReportCommand
{
    Q_DECLARE_TR_FUNCTIONS(ReportCommand)

public:
    static int run(CliSession& session, const QStringList& arguments);

private:
    static int writePdf(CliSession& session, const PeriodReport& report, const QString& path);
    static void printText(CliSession& session, const QJsonObject& report);
};
