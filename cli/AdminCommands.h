#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;

// casebook-cli init|passwd|search|audit|export|settings|agency
class AdminCommands
{
    Q_DECLARE_TR_FUNCTIONS(AdminCommands)

public:
    static int init(CliSession& session, const QStringList& arguments);
    static int passwd(CliSession& session, const QStringList& arguments);
    static int search(CliSession& session, const QStringList& arguments);
    static int audit(CliSession& session, const QStringList& arguments);
    static int exportCsv(CliSession& session, const QStringList& arguments);
    static int settings(CliSession& session, const QStringList& arguments);
    static int agency(CliSession& session, const QStringList& arguments);
};
