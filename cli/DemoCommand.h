#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;
class Store;

// casebook-cli demo: fills a new store with a year of clearly fictional PIVOT casework so a
// newcomer (or a screenshot, or a benchmark) sees a populated app.
class DemoCommand
{
    Q_DECLARE_TR_FUNCTIONS(DemoCommand)

public:
    static int run(CliSession& session, const QStringList& arguments);
    // Adds `cases` fictional cases with referrals spread over the year before `today`.
    static void populate(Store& store, int cases, quint32 seed, const QDate& today);
};
