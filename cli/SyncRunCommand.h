#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;
struct SyncSummary;

// casebook-cli sync: one whole sync with the team's server (push, pull, consistency check),
// and what it leaves for a worker: conflicts, changes the server refused, cases closed
// elsewhere and changed here, cases the server no longer shares (docs/SYNC.md).
class SyncRunCommand
{
    Q_DECLARE_TR_FUNCTIONS(SyncRunCommand)

public:
    static int run(CliSession& session, const QStringList& arguments);

private:
    static int syncNow(CliSession& session, const QStringList& arguments);
    static int conflicts(CliSession& session, const QStringList& arguments);
    static int resolve(CliSession& session, const QStringList& arguments);
    static int quarantined(CliSession& session, const QStringList& arguments);
    static int release(CliSession& session, const QStringList& arguments);
    static int reopen(CliSession& session, const QStringList& arguments);
    static int removed(CliSession& session, const QStringList& arguments);
    static void printSummary(CliSession& session, const SyncSummary& summary, bool json);
};
