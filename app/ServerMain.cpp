// casebook-server: the sync server (serve: SyncService::open(dataDir) handed to an
// HttpServer) and its administration commands (docs/SYNC.md, README "Running the sync
// server").
#include "server/ServerAdmin.h"
#include "server/ServerKeyFile.h"
#include "server/SqlCipherServerStorage.h"
#include "server/SyncService.h"
#include "server/http/HttpServer.h"
#include "server/http/TlsCertificate.h"
#include "store/StoreError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace {
constexpr int exitOk = 0;
constexpr int exitFailed = 1;
constexpr int exitUsage = 2;

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString& message)
{
    err() << "casebook-server: " << message << Qt::endl;
    return exitFailed;
}

const QString usage = QStringLiteral(R"(Usage: casebook-server <command> [options]

The Pivot Casebook sync server's administration. Every command takes --data DIR, the
server's data directory (made by init), and --help for its own options.

Commands:
  init --data DIR                  create the data directory, its key, its store and a
                                   self-signed TLS certificate (tls.crt, tls.key)
  team add --data DIR --name N     add a team
  user add --data DIR --username U --display-name N --team T --role R [--agency ID]
                                   add a user (password from the terminal, or --password-stdin)
  user list --data DIR             list users
  user disable --data DIR U        stop a user signing in or syncing (user enable undoes it)
  agency add --data DIR --name N --kind K
                                   add an agency (synced to every team)
  device list --data DIR [--user U]
                                   list devices (one per sign-in)
  device revoke --data DIR ID [--wipe]
                                   revoke a device's token; --wipe also tells it to erase its data

  serve --data DIR [--listen ADDRESS:PORT] [--cert FILE --key FILE] [--threads N]
                                   answer the laptops over HTTPS until SIGTERM or Ctrl+C

  --version                        print the version
)");

QCommandLineOption dataOption()
{
    return QCommandLineOption(QStringLiteral("data"),
        QStringLiteral("The server's data directory (server.db, server.key)."), QStringLiteral("DIR"));
}

// One parser per command, so each command's --help lists exactly its options.
struct Command
{
    QCommandLineParser parser;

    Command(const QString& description, const QList<QCommandLineOption>& options)
    {
        parser.setApplicationDescription(description);
        parser.addHelpOption();
        parser.addOption(dataOption());
        parser.addOptions(options);
    }
    // Parses; prints help and exits for --help; false (usage printed) on a bad command line.
    bool parse(const QStringList& arguments, int positionals)
    {
        if (!parser.parse(arguments)) {
            err() << parser.errorText() << Qt::endl;
            return false;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            // helpText() names the binary's path; the reader wants the command they typed.
            out() << parser.helpText().replace(
                QCoreApplication::arguments().constFirst(), arguments.constFirst());
            out().flush();
            std::exit(exitOk);
        }
        if (parser.value(QStringLiteral("data")).isEmpty()) {
            err() << "--data DIR is required." << Qt::endl;
            return false;
        }
        if (parser.positionalArguments().size() != positionals) {
            err() << "Wrong number of arguments; see --help." << Qt::endl;
            return false;
        }
        return true;
    }
    QString value(const char* name) const { return parser.value(QString::fromLatin1(name)); }
    QString data() const { return value("data"); }
};

QCommandLineOption valueOption(const char* name, const char* description, const char* valueName)
{
    return QCommandLineOption(
        QString::fromLatin1(name), QString::fromUtf8(description), QString::fromLatin1(valueName));
}

QString actor()
{
    const QString user = qEnvironmentVariable("USER");
    return QStringLiteral("cli:") + (user.isEmpty() ? QStringLiteral("admin") : user);
}

std::unique_ptr<SqlCipherServerStorage> openStorage(const QString& dataDir)
{
    QString error;
    auto storage = SqlCipherServerStorage::open(dataDir, false, &error);
    if (!storage)
        fail(error);
    return storage;
}

int withAdmin(const Command& command, const std::function<int(ServerAdmin&)>& work)
{
    std::unique_ptr<SqlCipherServerStorage> storage = openStorage(command.data());
    if (!storage)
        return exitFailed;
    ServerAdmin admin(*storage, actor());
    return work(admin);
}

QString readLine(bool echo)
{
    termios old {};
    const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (terminal && !echo) {
        termios silent = old;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    QTextStream in(stdin);
    QString line = in.readLine();
    if (terminal && !echo) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        err() << Qt::endl;
    }
    return line;
}

// The password from the terminal without echo (asked twice), or the first line of stdin.
bool readPassword(bool fromStdin, QString* password)
{
    if (fromStdin || !isatty(STDIN_FILENO)) {
        *password = readLine(true);
        return true;
    }
    err() << "Password: " << Qt::flush;
    *password = readLine(false);
    err() << "Password again: " << Qt::flush;
    if (readLine(false) != *password) {
        fail(QStringLiteral("The two passwords differ; nothing was changed."));
        return false;
    }
    return true;
}

bool makePrivateDir(const QString& dir, QString* error)
{
    const QFileInfo info(dir);
    if (info.exists() && (!info.isDir() || !QDir(dir).isEmpty())) {
        *error = QStringLiteral("%1 exists and is not an empty directory; init makes a new one.").arg(dir);
        return false;
    }
    if (!QDir().mkpath(dir)
        || !QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        *error = QStringLiteral("Cannot create the directory %1.").arg(dir);
        return false;
    }
    return true;
}

// The TLS files init makes and serve loads (HttpServerOptions::certificateFile and
// privateKeyFile). Named apart from server.key, the store's key.
QString tlsCertificatePath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("tls.crt"));
}

QString tlsKeyPath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("tls.key"));
}

bool writeCertificate(const QString& dir, const QString& hostName)
{
    QString error;
    const QString certificate = tlsCertificatePath(dir);
    if (!TlsCertificate::writeSelfSigned(certificate, tlsKeyPath(dir), hostName, &error)) {
        fail(error);
        return false;
    }
    out() << "Self-signed certificate for " << hostName << ": " << certificate << Qt::endl
          << "Fingerprint (read it out to workers): " << TlsCertificate::sha256Fingerprint(certificate)
          << Qt::endl;
    return true;
}

int runInit(const QStringList& arguments)
{
    Command command(QStringLiteral("Creates the data directory (mode 0700) with a random 256-bit key "
                                   "(server.key, mode 0600), the encrypted store (server.db) and, when "
                                   "this build has the TLS transport, a self-signed certificate."),
        {valueOption(
            "hostname", "Name the self-signed certificate is for (default: this machine's).", "NAME")});
    if (!command.parse(arguments, 0))
        return exitUsage;
    const QString dir = command.data();
    QString error;
    if (!makePrivateDir(dir, &error) || !ServerKeyFile::create(SqlCipherServerStorage::keyPath(dir), &error))
        return fail(error);
    if (!SqlCipherServerStorage::open(dir, true, &error))
        return fail(error);
    out() << "Created the server store in " << dir << "." << Qt::endl
          << "Keep " << SqlCipherServerStorage::keyPath(dir) << " secret and backed up apart from server.db:"
          << " without it the store cannot be read." << Qt::endl;
    const QString host = command.value("hostname");
    return writeCertificate(dir, host.isEmpty() ? QSysInfo::machineHostName() : host) ? exitOk : exitFailed;
}

int runTeamAdd(const QStringList& arguments)
{
    Command command(QStringLiteral("Adds a team. Users belong to one team and see its cases."),
        {valueOption("name", "The team's name.", "N")});
    if (!command.parse(arguments, 0))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        QString error;
        if (!admin.addTeam(command.value("name"), &error))
            return fail(error);
        out() << "Added team " << command.value("name") << "." << Qt::endl;
        return exitOk;
    });
}

int runUserAdd(const QStringList& arguments)
{
    Command command(QStringLiteral("Adds a user. The password (at least 12 characters) is asked for twice "
                                   "on the terminal without echo, or read as the first line of standard "
                                   "input with --password-stdin."),
        {valueOption("username", "Sign-in name: lower-case letters, digits, '.', '_', '-'.", "U"),
            valueOption("display-name", "The name shown in the app.", "N"),
            valueOption("team", "The user's team (see team add).", "T"),
            valueOption("role", "worker, lead, partner (read only) or admin.", "R"),
            valueOption("agency", "The id of the user's agency (see agency add); optional.", "ID"),
            QCommandLineOption(
                QStringLiteral("password-stdin"), QStringLiteral("Read the password from stdin."))});
    if (!command.parse(arguments, 0))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        QString password;
        if (!readPassword(command.parser.isSet(QStringLiteral("password-stdin")), &password))
            return exitFailed;
        const ServerAdmin::NewUser user {command.value("username"), command.value("display-name"),
            command.value("team"), command.value("role"), command.value("agency")};
        QString error;
        const QString id = admin.addUser(user, password, &error);
        if (id.isEmpty())
            return fail(error);
        out() << "Added user " << user.username << " (" << id << ")." << Qt::endl;
        return exitOk;
    });
}

int runUserList(const QStringList& arguments)
{
    Command command(QStringLiteral("Lists users: username, display name, team, role, agency, state."), {});
    if (!command.parse(arguments, 0))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        for (const ServerUser& user : admin.users()) {
            out() << user.username << '\t' << user.displayName << '\t' << user.teamName << '\t' << user.role
                  << '\t' << (user.agencyId.isEmpty() ? QStringLiteral("-") : user.agencyId) << '\t'
                  << (user.disabled ? "disabled" : "active") << Qt::endl;
        }
        return exitOk;
    });
}

int runUserDisable(const QStringList& arguments, bool disable)
{
    Command command(disable ? QStringLiteral("Disables a user: they can no longer sign in, and their devices "
                                             "stop syncing at once. Arguments: USERNAME.")
                            : QStringLiteral("Enables a disabled user again. Arguments: USERNAME."),
        {});
    command.parser.addPositionalArgument(QStringLiteral("username"), QStringLiteral("The user."));
    if (!command.parse(arguments, 1))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        QString error;
        const QString username = command.parser.positionalArguments().first();
        if (!admin.setUserDisabled(username, disable, &error))
            return fail(error);
        out() << (disable ? "Disabled " : "Enabled ") << username << "." << Qt::endl;
        return exitOk;
    });
}

int runAgencyAdd(const QStringList& arguments)
{
    Command command(QStringLiteral("Adds an agency; every team's devices receive it at their next sync. "
                                   "Prints its id (for user add --agency)."),
        {valueOption("name", "The agency's name.", "N"),
            valueOption("kind",
                "police, fire, health, council, childrens-services, housing, voluntary, education or other.",
                "K")});
    if (!command.parse(arguments, 0))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        QString error;
        const QString id = admin.addAgency(command.value("name"), command.value("kind"), &error);
        if (id.isEmpty())
            return fail(error);
        out() << id << Qt::endl;
        return exitOk;
    });
}

QString stamp(const QDateTime& at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral("Z");
}

int runDeviceList(const QStringList& arguments)
{
    Command command(QStringLiteral("Lists devices (one per sign-in): id, user, name, signed in, last seen, "
                                   "token expiry, state."),
        {valueOption("user", "Only this user's devices.", "U")});
    if (!command.parse(arguments, 0))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        QList<ServerDevice> devices;
        QString error;
        if (!admin.devices(command.value("user"), &devices, &error))
            return fail(error);
        for (const ServerDevice& d : devices) {
            const char* state = d.wipe ? "revoked+wipe" : d.revoked ? "revoked" : "active";
            out() << d.id << '\t' << d.username << '\t' << d.name << '\t' << stamp(d.createdAt) << '\t'
                  << stamp(d.lastSeenAt) << '\t' << stamp(d.expiresAt) << '\t' << state << Qt::endl;
        }
        return exitOk;
    });
}

int runDeviceRevoke(const QStringList& arguments)
{
    Command command(QStringLiteral("Revokes a device's token at once (its next request gets 401 "
                                   "device_revoked). With --wipe the app is told to erase its local "
                                   "store (401 device_wipe). Arguments: DEVICE-ID."),
        {QCommandLineOption(
            QStringLiteral("wipe"), QStringLiteral("Also tell the device to erase its data."))});
    command.parser.addPositionalArgument(
        QStringLiteral("id"), QStringLiteral("The device id (device list)."));
    if (!command.parse(arguments, 1))
        return exitUsage;
    return withAdmin(command, [&](ServerAdmin& admin) {
        QString error;
        const QString id = command.parser.positionalArguments().first();
        const bool wipe = command.parser.isSet(QStringLiteral("wipe"));
        if (!admin.revokeDevice(id, wipe, &error))
            return fail(error);
        out() << "Revoked device " << id << (wipe ? " and asked it to wipe its data." : ".") << Qt::endl;
        return exitOk;
    });
}

// "127.0.0.1:8443", "[::1]:8443": the address and the port after the last colon.
bool parseListen(const QString& text, HttpServerOptions* options)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || port > 65535)
        return false;
    QString address = text.left(colon);
    if (address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']')))
        address = address.mid(1, address.size() - 2);
    options->address = address;
    options->port = static_cast<quint16>(port);
    return !address.isEmpty();
}

int runServe(const QStringList& arguments)
{
    Command command(
        QStringLiteral("Answers the laptops' sync requests over HTTPS (TLS 1.2+) until it is sent "
                       "SIGTERM or Ctrl+C; then it finishes the requests in flight and stops. "
                       "Listens on 127.0.0.1:8443 unless told otherwise; the certificate and key "
                       "default to the ones init made in the data directory."),
        {valueOption("listen", "Address and port to listen on, e.g. 0.0.0.0:8443 (port 0: any free port).",
             "ADDRESS:PORT"),
            valueOption("cert", "PEM certificate chain (default DIR/tls.crt).", "FILE"),
            valueOption("key", "PEM private key of the certificate (default DIR/tls.key).", "FILE"),
            valueOption("threads", "Worker threads (default 4).", "N")});
    if (!command.parse(arguments, 0))
        return exitUsage;
    HttpServerOptions options;
    const QString listen = command.value("listen");
    if (!listen.isEmpty() && !parseListen(listen, &options)) {
        err() << "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8443." << Qt::endl;
        return exitUsage;
    }
    const QString threads = command.value("threads");
    if (!threads.isEmpty()) {
        bool ok = false;
        options.threads = threads.toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 256) {
            err() << "--threads must be a number from 1 to 256." << Qt::endl;
            return exitUsage;
        }
    }
    const QString cert = command.value("cert");
    const QString key = command.value("key");
    options.certificateFile = cert.isEmpty() ? tlsCertificatePath(command.data()) : cert;
    options.privateKeyFile = key.isEmpty() ? tlsKeyPath(command.data()) : key;

    QString error;
    std::unique_ptr<SyncService> service = SyncService::open(command.data(), &error);
    if (!service)
        return fail(error);
    HttpServer server(options, *service);
    server.catchSignals();
    if (!server.start(&error))
        return fail(error);
    const QString host = options.address.contains(QLatin1Char(':'))
        ? QStringLiteral("[%1]").arg(options.address)
        : options.address;
    out() << "Listening on https://" << host << ':' << server.port() << Qt::endl
          << "Certificate fingerprint: " << TlsCertificate::sha256Fingerprint(options.certificateFile)
          << Qt::endl;
    server.runUntilSignalled();
    out() << "Stopped: every request in flight was answered." << Qt::endl;
    return exitOk;
}

int dispatch(const QStringList& args)
{
    const QString command = args.value(0);
    const QString sub = args.value(1);
    const QString program = QStringLiteral("casebook-server");
    // The parser sees "casebook-server <command> [<sub>]" as its program name.
    const auto rest = [&](int words) {
        return QStringList {program + QLatin1Char(' ') + args.mid(0, words).join(QLatin1Char(' '))}
        + args.mid(words);
    };
    if (command == QLatin1String("init"))
        return runInit(rest(1));
    if (command == QLatin1String("serve"))
        return runServe(rest(1));
    if (command == QLatin1String("team") && sub == QLatin1String("add"))
        return runTeamAdd(rest(2));
    if (command == QLatin1String("user") && sub == QLatin1String("add"))
        return runUserAdd(rest(2));
    if (command == QLatin1String("user") && sub == QLatin1String("list"))
        return runUserList(rest(2));
    if (command == QLatin1String("user")
        && (sub == QLatin1String("disable") || sub == QLatin1String("enable")))
        return runUserDisable(rest(2), sub == QLatin1String("disable"));
    if (command == QLatin1String("agency") && sub == QLatin1String("add"))
        return runAgencyAdd(rest(2));
    if (command == QLatin1String("device") && sub == QLatin1String("list"))
        return runDeviceList(rest(2));
    if (command == QLatin1String("device") && sub == QLatin1String("revoke"))
        return runDeviceRevoke(rest(2));
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        out() << usage;
        return command.isEmpty() ? exitUsage : exitOk;
    }
    if (command == QLatin1String("--version")) {
        out() << "casebook-server " << QCoreApplication::applicationVersion() << Qt::endl;
        return exitOk;
    }
    err() << "Unknown command. " << usage;
    return exitUsage;
}
} // namespace

int main(int argc, char* argv[])
{
    // Everything the server writes (store, its journal, key) is for its own user only.
    umask(077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("casebook-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));
    try {
        return dispatch(QCoreApplication::arguments().mid(1));
    } catch (const StoreError& e) {
        return fail(e.message());
    }
}
