#include "CommandParser.h"

#include "CliError.h"
#include "CliSession.h"
#include "core/Validation.h"

#include <QCoreApplication>

CommandParser::CommandParser(const QString& command, const QString& description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

void CommandParser::option(const QString& name, const QString& valueName, const QString& description)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
}

void CommandParser::flag(const QString& name, const QString& description)
{
    m_parser.addOption(QCommandLineOption(name, description));
}

void CommandParser::positional(const QString& name, const QString& description)
{
    m_parser.addPositionalArgument(name, description);
    m_positionalNames << name;
}

void CommandParser::jsonOption()
{
    flag(QStringLiteral("json"), tr("Print the result as JSON."));
    m_hasJson = true;
}

bool CommandParser::parse(CliSession& session, const QStringList& arguments)
{
    if (!m_parser.parse(QStringList {QStringLiteral("casebook-cli %1").arg(m_command)} + arguments))
        throw CliError(CliError::Usage,
            tr("%1: %2 (see \"casebook-cli %1 --help\")").arg(m_command, m_parser.errorText()));
    if (m_parser.isSet(QStringLiteral("help"))) {
        // helpText()'s usage line names the binary as it was run (a build path, say); the
        // reader (and the man page made from this text) wants the command they typed.
        QString help = m_parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        const qsizetype at = program.isEmpty() ? -1 : help.indexOf(program);
        if (at >= 0 && at < help.indexOf(QLatin1Char('\n')))
            help.replace(at, program.size(), QStringLiteral("casebook-cli ") + m_command);
        session.out() << help;
        return false;
    }
    if (m_parser.positionalArguments().size() > m_positionalNames.size())
        throw CliError(CliError::Usage,
            tr("%1: unexpected argument \"%2\" (see \"casebook-cli %1 --help\")")
                .arg(m_command, m_parser.positionalArguments().at(m_positionalNames.size())));
    return true;
}

QString CommandParser::argument(int index) const
{
    const QStringList args = m_parser.positionalArguments();
    if (index >= args.size() || args.at(index).trimmed().isEmpty())
        throw CliError(CliError::Usage,
            tr("%1: missing %2 (see \"casebook-cli %1 --help\")")
                .arg(m_command, m_positionalNames.value(index)));
    return args.at(index).trimmed();
}

QDate CommandParser::date(
    const QString& name, const QDate& today, const QDate& fallback, bool allowFuture) const
{
    if (!m_parser.isSet(name))
        return fallback;
    const QString text = value(name);
    const QString problem = Validation::date(text, QStringLiteral("--") + name, today, allowFuture);
    if (!problem.isEmpty())
        throw CliError(CliError::InvalidInput, problem);
    return Validation::parseDate(text);
}

int CommandParser::integer(const QString& name, int minimum, int maximum, int fallback) const
{
    if (!m_parser.isSet(name))
        return fallback;
    bool ok = false;
    const int result = value(name).toInt(&ok);
    if (!ok || result < minimum || result > maximum)
        throw CliError(CliError::InvalidInput,
            tr("--%1 must be a whole number from %2 to %3, not \"%4\".")
                .arg(name)
                .arg(minimum)
                .arg(maximum)
                .arg(value(name)));
    return result;
}

double CommandParser::number(const QString& name, double minimum, double maximum, double fallback) const
{
    if (!m_parser.isSet(name))
        return fallback;
    bool ok = false;
    const double result = value(name).toDouble(&ok);
    if (!ok || result < minimum || result > maximum)
        throw CliError(CliError::InvalidInput,
            tr("--%1 must be a number from %2 to %3, not \"%4\".")
                .arg(name)
                .arg(minimum)
                .arg(maximum)
                .arg(value(name)));
    return result;
}
