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
    // True when the command draws a document (summary, report --pdf): those need fonts, so
    // main() creates a QGuiApplication for them and a QCoreApplication for everything else.
    static bool needsGui(const QStringList& arguments);

private:
    static QString usage();
};
