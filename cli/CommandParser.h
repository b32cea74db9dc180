#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>

class CliSession;

// QCommandLineParser for one subcommand, with the checks every command needs: usage
// errors become CliError(Usage), --help prints and stops, dates and numbers are validated
// with messages that name the option.
class CommandParser
{
    Q_DECLARE_TR_FUNCTIONS(CommandParser)

public:
    CommandParser(const QString& command, const QString& description);

    void option(const QString& name, const QString& valueName, const QString& description);
    void flag(const QString& name, const QString& description);
    void positional(const QString& name, const QString& description);
    void jsonOption();

    // False when --help was asked for (help already printed).
    bool parse(CliSession& session, const QStringList& arguments);

    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_parser.value(name).trimmed(); }
    QStringList values(const QString& name) const { return m_parser.values(name); }
    bool json() const { return m_hasJson && m_parser.isSet(QStringLiteral("json")); }
    // The positional argument at index, or a usage error naming it.
    QString argument(int index) const;
    int argumentCount() const { return static_cast<int>(m_parser.positionalArguments().size()); }

    // Option value as a date (ISO); fallback when the option is absent. Future dates refused
    // unless allowFuture.
    QDate date(
        const QString& name, const QDate& today, const QDate& fallback, bool allowFuture = false) const;
    int integer(const QString& name, int minimum, int maximum, int fallback) const;
    double number(const QString& name, double minimum, double maximum, double fallback) const;

private:
    QCommandLineParser m_parser;
    QString m_command;
    QStringList m_positionalNames;
    bool m_hasJson = false;
};
