#include "PassphraseReader.h"

#include "CliError.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("PassphraseReader", text);
}
} // namespace

QByteArray PassphraseReader::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw CliError(
            CliError::Usage, tr("Cannot read the passphrase file %1: %2").arg(path, file.errorString()));
    QByteArray line = file.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        throw CliError(CliError::Usage, tr("The passphrase file %1 is empty.").arg(path));
    return line;
}

QByteArray PassphraseReader::fromEnvironment()
{
    return qgetenv("CASEBOOK_PASSPHRASE");
}

QByteArray PassphraseReader::prompt(const QString& question)
{
    if (!isatty(STDIN_FILENO))
        throw CliError(CliError::Usage,
            tr("No passphrase given: use --passphrase-file, CASEBOOK_PASSPHRASE, or run in a terminal."));
    fputs(question.toLocal8Bit().constData(), stderr);
    fflush(stderr);
    termios old {};
    tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    QByteArray line;
    for (int c = getchar(); c != EOF && c != '\n'; c = getchar())
        line.append(static_cast<char>(c));
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    fputc('\n', stderr);
    return line;
}

QByteArray PassphraseReader::fromStdin(const QString& what)
{
    QFile in;
    QByteArray line;
    if (in.open(stdin, QIODevice::ReadOnly))
        line = in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        throw CliError(CliError::Usage, tr("No %1 on standard input.").arg(what));
    return line;
}

bool PassphraseReader::hasTerminal()
{
    return isatty(STDIN_FILENO) != 0;
}
