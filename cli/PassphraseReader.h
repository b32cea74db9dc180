#pragma once

#include <QByteArray>
#include <QString>

// Where a passphrase comes from, in order: a file named on the command line, the
// CASEBOOK_PASSPHRASE environment variable, or a prompt on the terminal with echo off.
class PassphraseReader
{
public:
    static QByteArray fromFile(const QString& path); // first line, without the newline
    static QByteArray fromEnvironment(); // empty when unset
    static QByteArray prompt(const QString& question); // throws CliError without a terminal
    // The first line of standard input, without the newline (a password piped by a script);
    // throws CliError when it is empty.
    static QByteArray fromStdin(const QString& what);
    static bool hasTerminal();
};
