#pragma once

#include <QString>

#include <exception>

// A command's failure: the one line printed on stderr and the process exit code.
class CliError : public std::exception
{
public:
    // Exit codes are part of the CLI's contract (docs/CLI.md); scripts rely on them.
    enum ExitCode {
        Failure = 1,
        Usage = 2,
        WrongPassphrase = 3,
        NotFound = 4,
        InvalidInput = 5,
        StoreProblem = 6,
    };

    CliError(ExitCode code, QString message)
        : m_code(code)
        , m_message(std::move(message))
    { }

    ExitCode code() const { return m_code; }
    const QString& message() const { return m_message; }
    const char* what() const noexcept override { return "CliError"; }

private:
    ExitCode m_code;
    QString m_message;
};
