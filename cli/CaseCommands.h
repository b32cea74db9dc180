#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;
class CommandParser;
struct CaseRecord;
struct Person;

// casebook-cli case add|list|show|update|status
class CaseCommands
{
    Q_DECLARE_TR_FUNCTIONS(CaseCommands)

public:
    static int run(CliSession& session, const QStringList& arguments);
    // The case with that reference, or CliError(NotFound).
    static CaseRecord require(CliSession& session, const QString& reference);

private:
    static int add(CliSession& session, const QStringList& arguments);
    static int list(CliSession& session, const QStringList& arguments);
    static int show(CliSession& session, const QStringList& arguments);
    static int update(CliSession& session, const QStringList& arguments);
    static int status(CliSession& session, const QStringList& arguments);

    static void addPersonOptions(CommandParser& parser, const QString& prefix);
    // Reads the person options with that prefix into person; returns the problems found.
    static QStringList readPerson(
        const CommandParser& parser, const QString& prefix, const QDate& today, Person& person);
    static void printCase(CliSession& session, const CaseRecord& record);
};
