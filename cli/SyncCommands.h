#pragma once

#include "sync/SyncSignIn.h"

#include <QCoreApplication>
#include <QStringList>

class CliSession;
class CommandParser;
class SyncAccount;

// casebook-cli login|logout|whoami: the laptop's account on the team's sync server
// (docs/SYNC.md, "Client transport and schedule"). The token and who is logged in are kept
// in the encrypted store (SyncAccount); the token is never printed.
class SyncCommands
{
    Q_DECLARE_TR_FUNCTIONS(SyncCommands)

public:
    static int login(CliSession& session, const QStringList& arguments);
    static int logout(CliSession& session, const QStringList& arguments);
    static int whoami(CliSession& session, const QStringList& arguments);

private:
    static void addStoreOption(CommandParser& parser);
    static void applyStoreOption(CliSession& session, const CommandParser& parser);
    // Throws unless nothing waits in the outbox or insist; names the waiting cases.
    static void refuseLeavingChanges(const SyncSignIn::LeftBehind& left, const QString& why, bool insist);
};
