#pragma once

// One worker's laptop in an integration test: its own encrypted store, driven through the
// built casebook-cli (CliHarness), signed in to a ServerProcess.

#include "CliHarness.h"

class ServerProcess;

class Laptop : public CliHarness
{
public:
    explicit Laptop(const QString& dir, const QString& username);

    const QString& username() const { return m_username; }
    // casebook-cli --store ... arguments, with input on stdin.
    CliResult runWithInput(const QStringList& arguments, const QByteArray& input) const;
    // init, then login to the server with its pinned fingerprint.
    CliResult initAndLogin(const ServerProcess& server) const;
    // sync --json.
    CliResult sync() const;
    // A new case; returns its reference, or empty (with a warning) on failure.
    QString addCase(const QString& reason) const;

private:
    QString m_username;
};
