#include "CliRunner.h"

#include "AdminCommands.h"
#include "CaseCommands.h"
#include "CaseDetailCommands.h"
#include "CliError.h"
#include "CliSession.h"
#include "DemoCommand.h"
#include "ImportCommand.h"
#include "ReportCommand.h"
#include "SummaryCommand.h"
#include "SyncCommands.h"
#include "SyncRunCommand.h"
#include "store/StoreError.h"

#include <QCommandLineParser>

#include <algorithm>
#include <functional>
#include <map>

namespace {
int exitCodeFor(StoreError::Code code)
{
    switch (code) {
    case StoreError::Code::WrongPassphrase:
    case StoreError::Code::NotAStore: // docs/CLI.md: 3 is a wrong passphrase or not a store
    case StoreError::Code::PlaintextDatabase:
        return CliError::WrongPassphrase;
    case StoreError::Code::NotFound:
        return CliError::NotFound;
    case StoreError::Code::Invalid:
        return CliError::InvalidInput;
    default:
        return CliError::StoreProblem;
    }
}

using Command = std::function<int(CliSession&, const QStringList&)>;

const std::map<QString, Command>& commands()
{
    static const std::map<QString, Command> table {
        {QStringLiteral("init"), AdminCommands::init},
        {QStringLiteral("passwd"), AdminCommands::passwd},
        {QStringLiteral("import"), ImportCommand::run},
        {QStringLiteral("case"), CaseCommands::run},
        {QStringLiteral("need"), CaseDetailCommands::need},
        {QStringLiteral("action"), CaseDetailCommands::action},
        {QStringLiteral("note"), CaseDetailCommands::note},
        {QStringLiteral("assess"), CaseDetailCommands::assess},
        {QStringLiteral("report"), ReportCommand::run},
        {QStringLiteral("summary"), SummaryCommand::run},
        {QStringLiteral("search"), AdminCommands::search},
        {QStringLiteral("audit"), AdminCommands::audit},
        {QStringLiteral("export"), AdminCommands::exportCsv},
        {QStringLiteral("settings"), AdminCommands::settings},
        {QStringLiteral("agency"), AdminCommands::agency},
        {QStringLiteral("demo"), DemoCommand::run},
        {QStringLiteral("login"), SyncCommands::login},
        {QStringLiteral("logout"), SyncCommands::logout},
        {QStringLiteral("whoami"), SyncCommands::whoami},
        {QStringLiteral("sync"), SyncRunCommand::run},
    };
    return table;
}
} // namespace

QString CliRunner::usage()
{
    return tr(
        "Usage: casebook-cli [--store PATH] [--passphrase-file FILE] [--user NAME] COMMAND ...\n"
        "\n"
        "Pivot Casebook without a window: the same encrypted store as the desktop app.\n"
        "The passphrase comes from --passphrase-file, else CASEBOOK_PASSPHRASE, else a prompt.\n"
        "\n"
        "Options (before the command):\n"
        "  --store PATH                  the store (default\n"
        "                                ~/.local/share/PivotCasebook/casebook/casebook.store)\n"
        "  --passphrase-file FILE        read the passphrase from the first line of FILE\n"
        "  --user NAME                   who is acting, stamped on every change and audit entry\n"
        "                                (default CASEBOOK_USER, else the login name)\n"
        "  --version                     print the version\n"
        "  -h, --help                    this text\n"
        "\n"
        "Commands:\n"
        "  init                          create a new encrypted store\n"
        "  passwd                        change the store's passphrase\n"
        "  import referrals FILE.csv     import referrals (all or nothing)\n"
        "  case add|list|show|update|status\n"
        "  need add|update REF NEED      needs on a case\n"
        "  action add REF | done ID      agreed actions\n"
        "  note add REF                  contact records (never edited; corrections link)\n"
        "  assess REF ons4|pam|service-use   outcome measures\n"
        "  report --from D --to D [--pdf FILE]   the period report (PDF for the board: audited)\n"
        "  summary REF --pdf FILE [--sections LIST]   a case summary as PDF (audited)\n"
        "  search TEXT                   full-text search\n"
        "  audit [--case REF]            the audit log\n"
        "  export csv FILE               every case as CSV (unencrypted; audited)\n"
        "  settings get [KEY] | set KEY VALUE\n"
        "  agency add NAME | list\n"
        "  demo [--cases N]              a new store of fictional casework, to try things out\n"
        "  login --server URL --user U   log in to the team's sync server (shows its fingerprint)\n"
        "  logout | whoami               forget the sign-in | ask the server who this laptop is\n"
        "  sync [conflicts|quarantined|reopen|removed]   sync now | what a sync left for you\n"
        "\n"
        "\"casebook-cli COMMAND --help\" describes each command. Listing and report commands take --json.\n"
        "Exit codes: 0 success, 1 failure, 2 usage, 3 wrong passphrase, 4 not found, 5 invalid input,\n"
        "6 store problem.\n");
}

bool CliRunner::needsGui(const QStringList& arguments)
{
    const QStringList withValue {
        QStringLiteral("--store"), QStringLiteral("--passphrase-file"), QStringLiteral("--user")};
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (withValue.contains(argument)) {
            ++i;
            continue;
        }
        if (argument.startsWith(QLatin1Char('-')))
            continue;
        const QStringList rest = arguments.mid(i + 1);
        const bool pdf = rest.contains(QStringLiteral("--pdf"))
            || std::any_of(rest.cbegin(), rest.cend(),
                [](const QString& a) { return a.startsWith(QStringLiteral("--pdf=")); });
        return argument == QLatin1String("summary") || (argument == QLatin1String("report") && pdf);
    }
    return false;
}

int CliRunner::run(const QStringList& arguments)
{
    CliSession session;
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption storeOption(QStringLiteral("store"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption passphraseOption(
        QStringLiteral("passphrase-file"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption userOption(QStringLiteral("user"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption helpOption(QStringList {QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption versionOption(QStringLiteral("version"));
    parser.addOptions({storeOption, passphraseOption, userOption, helpOption, versionOption});
    try {
        if (!parser.parse(QStringList {QStringLiteral("casebook-cli")} + arguments))
            throw CliError(CliError::Usage, tr("%1 (see \"casebook-cli --help\")").arg(parser.errorText()));
        if (parser.isSet(versionOption)) {
            session.out() << QStringLiteral("casebook-cli %1").arg(QCoreApplication::applicationVersion())
                          << Qt::endl;
            return 0;
        }
        const QStringList rest = parser.positionalArguments();
        if (parser.isSet(helpOption) || rest.isEmpty() || rest.first() == QLatin1String("help")) {
            session.out() << usage();
            return rest.isEmpty() && !parser.isSet(helpOption) ? CliError::Usage : 0;
        }
        const auto command = commands().find(rest.first());
        if (command == commands().end())
            throw CliError(CliError::Usage,
                tr("Unknown command \"%1\" (see \"casebook-cli --help\")").arg(rest.first()));
        session.storePath = parser.value(storeOption);
        session.passphraseFile = parser.value(passphraseOption);
        session.user = parser.value(userOption);
        return command->second(session, rest.mid(1));
    } catch (const CliError& e) {
        session.out().flush();
        session.err() << QStringLiteral("casebook-cli: ") << e.message() << Qt::endl;
        return e.code();
    } catch (const StoreError& e) {
        session.out().flush();
        session.err() << QStringLiteral("casebook-cli: ") << e.message() << Qt::endl;
        return exitCodeFor(e.code());
    }
}
