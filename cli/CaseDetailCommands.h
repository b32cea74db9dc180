#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;

// casebook-cli need|action|note|assess: the work recorded on a case.
class CaseDetailCommands
{
    Q_DECLARE_TR_FUNCTIONS(CaseDetailCommands)

public:
    static int need(CliSession& session, const QStringList& arguments);
    static int action(CliSession& session, const QStringList& arguments);
    static int note(CliSession& session, const QStringList& arguments);
    static int assess(CliSession& session, const QStringList& arguments);

private:
    static int needAddOrUpdate(CliSession& session, const QStringList& arguments, bool adding);
    static int actionAdd(CliSession& session, const QStringList& arguments);
    static int actionDone(CliSession& session, const QStringList& arguments);
    static int noteAdd(CliSession& session, const QStringList& arguments);
};
