#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;

// casebook-cli import referrals FILE.csv
class ImportCommand
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommand)

public:
    static int run(CliSession& session, const QStringList& arguments);
};
