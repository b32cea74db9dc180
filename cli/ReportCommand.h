#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;
class PeriodReport;

// casebook-cli report --from D --to D
class ReportCommand
{
    Q_DECLARE_TR_FUNCTIONS(ReportCommand)

public:
    static int run(CliSession& session, const QStringList& arguments);

private:
    static void printText(CliSession& session, const QJsonObject& report);
};
