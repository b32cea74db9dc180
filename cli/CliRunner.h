#pragma once

#include <QCoreApplication>
#include <QStringList>

// casebook-cli's entry point: global options, then one command. Turns every failure into
// one line on stderr and a documented exit code (docs/CLI.md).
class CliRunner
{
    Q_DECLARE_TR_FUNCTIONS(CliRunner)

public:
    // arguments excludes the program name.
    static int run(const QStringList& arguments);

private:
    static QString usage();
};
