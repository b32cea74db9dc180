#include "CliHarness.h"
#include "store/OutboxSummary.h"
#include "store/Store.h"
#include "store/SyncAccount.h"

#include <QFileInfo>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// casebook-cli login, logout and whoami without a server: argument errors, and the refusal
// to leave changes unsynced by switching user or server or logging out. (Round trips with a
// server are in the sync suites.) The account is set up by writing the store directly.
class TestCliLogin : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helpNeedsNoStore();
    void loginArgumentErrors_data();
    void loginArgumentErrors();
    void switchingUserWithChangesWaitingIsRefused();
    void switchingServerWithChangesWaitingIsRefused();
    void insistGoesOnToTheServer();
    void logoutRefusesWithChangesWaitingThenInsists();
    void logoutWhenNotLoggedIn();
    void whoamiNeedsALogin();

private:
    CliHarness& cli() { return *m_cli; }
    std::unique_ptr<Store> openStore() const
    {
        return Store::open(m_cli->storePath(), QByteArray(CliHarness::passphrase), QStringLiteral("tester"));
    }
    // Logs "sam" in at server directly in the store, as a successful login would.
    void loggedInAs(const QString& server);
    void addCase();
    QString refusal(const QString& why);
    static QString closedPortUrl();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
};

void TestCliLogin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliHarness>(m_dir->path());
}

void TestCliLogin::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliLogin::loggedInAs(const QString& server)
{
    std::unique_ptr<Store> store = openStore();
    SyncAccount account(*store);
    account.setServerUrl(server);
    SyncAccount::Login login;
    login.username = QStringLiteral("sam");
    login.displayName = QStringLiteral("Sam Worker");
    login.role = QStringLiteral("worker");
    login.token = QStringLiteral("tok-secret");
    login.tokenExpiresAt = QDateTime::currentDateTimeUtc().addDays(1);
    account.setLogin(login);
}

void TestCliLogin::addCase()
{
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
        QStringLiteral("Lancashire Police"), QStringLiteral("--reason"), QStringLiteral("Hoarding"),
        QStringLiteral("--given-name"), QStringLiteral("Siân"), QStringLiteral("--family-name"),
        QStringLiteral("Jones")}));
}

QString TestCliLogin::refusal(const QString& why)
{
    const int waiting = OutboxSummary(*openStore()).pendingCount();
    return QStringLiteral(
        "casebook-cli: %1 change(s) made on this laptop have not reached the server yet (on "
        "PVT-%2-0001). %3 would leave them unsynced; sync them first, or add --insist to go "
        "ahead (they stay on this laptop).")
        .arg(waiting)
        .arg(QDate::currentDate().year())
        .arg(why);
}

QString TestCliLogin::closedPortUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    return QStringLiteral("https://127.0.0.1:%1").arg(probe.serverPort());
}

void TestCliLogin::helpNeedsNoStore()
{
    const CliResult help = cli().runRaw({QStringLiteral("login"), QStringLiteral("--help")});
    CLI_OK(help);
    QVERIFY(help.out.contains(QLatin1String("--fingerprint")));
    QVERIFY(help.out.contains(QLatin1String("--password-stdin")));
    QVERIFY(help.out.contains(QLatin1String("--insist")));
    CLI_OK(cli().runRaw({QStringLiteral("logout"), QStringLiteral("--help")}));
    CLI_OK(cli().runRaw({QStringLiteral("whoami"), QStringLiteral("--help")}));
    const CliResult usage = cli().runRaw({QStringLiteral("--help")});
    QVERIFY(usage.out.contains(QLatin1String("login --server URL --user U")));
    QVERIFY(!QFileInfo::exists(cli().storePath()));
}

void TestCliLogin::loginArgumentErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString server = QStringLiteral("--server");
    const QString user = QStringLiteral("--user");
    QTest::newRow("no server") << QStringList {user, QStringLiteral("sam")} << 2
                               << QStringLiteral(
                                      "login: --server is required (see \"casebook-cli login --help\")");
    QTest::newRow("no user") << QStringList {server, QStringLiteral("https://casebook.example")} << 2
                             << QStringLiteral(
                                    "login: --user is required (see \"casebook-cli login --help\")");
    const QString badServer
        = QStringLiteral("--server \"%1\": The server address must start with https:// and "
                         "have no path, such as https://casebook.example.gov.uk:8443.");
    for (const char* url : {"http://casebook.example", "casebook.example", "https://casebook.example/v1",
             "https://sam:pw@casebook.example", "https://casebook.example?x=1"})
        QTest::newRow(url) << QStringList {server, QString::fromLatin1(url), user, QStringLiteral("sam")} << 5
                           << badServer.arg(QString::fromLatin1(url));
    QTest::newRow("bad fingerprint")
        << QStringList {server, QStringLiteral("https://casebook.example"), user, QStringLiteral("sam"),
               QStringLiteral("--fingerprint"), QStringLiteral("AB:CD")}
        << 5
        << QStringLiteral(
               "--fingerprint must be \"SHA256:\" and 32 pairs of hex digits joined by colons, as IT "
               "gave it, not \"AB:CD\".");
    QTest::newRow("unknown option")
        << QStringList {QStringLiteral("--token"), QStringLiteral("x")} << 2
        << QStringLiteral("login: Unknown option 'token'. (see \"casebook-cli login --help\")");
    QTest::newRow("extra argument")
        << QStringList {QStringLiteral("sam")} << 2
        << QStringLiteral("login: unexpected argument \"sam\" (see \"casebook-cli login --help\")");
}

void TestCliLogin::loginArgumentErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    CLI_FAILS(cli().run(QStringList {QStringLiteral("login")} + arguments), exitCode,
        QStringLiteral("casebook-cli: ") + message);
    QVERIFY(!QFileInfo::exists(cli().storePath())); // refused before the store was opened
}

void TestCliLogin::switchingUserWithChangesWaitingIsRefused()
{
    CLI_OK(cli().init());
    loggedInAs(QStringLiteral("https://127.0.0.1:1"));
    addCase();
    CLI_FAILS(
        cli().run({QStringLiteral("login"), QStringLiteral("--server"), QStringLiteral("https://127.0.0.1:1"),
            QStringLiteral("--user"), QStringLiteral("kim"), QStringLiteral("--password-stdin")}),
        1,
        refusal(QStringLiteral(
            "Logging in as kim at https://127.0.0.1:1 instead of sam at https://127.0.0.1:1")));
    // Nothing changed: still sam, same token.
    std::unique_ptr<Store> store = openStore();
    QCOMPARE(SyncAccount(*store).username(), QStringLiteral("sam"));
    QCOMPARE(SyncAccount(*store).token(), QStringLiteral("tok-secret"));
}

void TestCliLogin::switchingServerWithChangesWaitingIsRefused()
{
    CLI_OK(cli().init());
    loggedInAs(QStringLiteral("https://127.0.0.1:1"));
    addCase();
    CLI_FAILS(cli().run({QStringLiteral("login"), QStringLiteral("--server"),
                  QStringLiteral("https://127.0.0.1:2"), QStringLiteral("--user"), QStringLiteral("sam")}),
        1,
        refusal(QStringLiteral(
            "Logging in as sam at https://127.0.0.1:2 instead of sam at https://127.0.0.1:1")));
    QCOMPARE(SyncAccount(*openStore()).serverUrl(), QStringLiteral("https://127.0.0.1:1"));
}

void TestCliLogin::insistGoesOnToTheServer()
{
    CLI_OK(cli().init());
    loggedInAs(QStringLiteral("https://127.0.0.1:1"));
    addCase();
    const QString server = closedPortUrl();
    const CliResult result = cli().run({QStringLiteral("login"), QStringLiteral("--server"), server,
        QStringLiteral("--user"), QStringLiteral("kim"), QStringLiteral("--insist")});
    // Past the refusal: it tried the (closed) server and says so.
    CLI_EXPECT(result, 1);
    QVERIFY2(result.err.startsWith(QLatin1String(
                 "casebook-cli: The server could not be reached: Could not connect to 127.0.0.1: ")),
        result.describe().constData());
    QCOMPARE(result.out, QString());
    QCOMPARE(SyncAccount(*openStore()).username(), QStringLiteral("sam"));
}

void TestCliLogin::logoutRefusesWithChangesWaitingThenInsists()
{
    CLI_OK(cli().init());
    loggedInAs(QStringLiteral("https://127.0.0.1:1"));
    addCase();
    CLI_FAILS(cli().run({QStringLiteral("logout")}), 1, refusal(QStringLiteral("Logging out")));
    QVERIFY(SyncAccount(*openStore()).isLoggedIn());

    const CliResult out = cli().run({QStringLiteral("logout"), QStringLiteral("--insist")});
    CLI_OK(out);
    QCOMPARE(out.out, QStringLiteral("Logged out of https://127.0.0.1:1.\n"));
    std::unique_ptr<Store> store = openStore();
    SyncAccount account(*store);
    QVERIFY(!account.isLoggedIn());
    QCOMPARE(account.username(), QString());
    QCOMPARE(account.serverUrl(), QStringLiteral("https://127.0.0.1:1"));
    store.reset();

    const CliResult forget = cli().run({QStringLiteral("logout"), QStringLiteral("--forget-server")});
    CLI_OK(forget);
    QCOMPARE(
        forget.out, QStringLiteral("Logged out; https://127.0.0.1:1 and its certificate are forgotten.\n"));
    QCOMPARE(SyncAccount(*openStore()).serverUrl(), QString());
}

void TestCliLogin::logoutWhenNotLoggedIn()
{
    CLI_OK(cli().init());
    const CliResult out = cli().run({QStringLiteral("logout")});
    CLI_OK(out);
    QCOMPARE(out.out, QStringLiteral("Not logged in.\n"));
}

void TestCliLogin::whoamiNeedsALogin()
{
    CLI_OK(cli().init());
    CLI_FAILS(cli().run({QStringLiteral("whoami")}), 1,
        QStringLiteral(
            "casebook-cli: Not logged in: use \"casebook-cli login --server URL --user NAME\" first."));
    // Logged in to a server that is not there: offline, in plain words, never the token.
    {
        std::unique_ptr<Store> store = openStore();
        SyncAccount(*store).setServerUrl(closedPortUrl());
        SyncAccount(*store).setToken(QStringLiteral("tok-secret"));
    }
    const CliResult offline = cli().run({QStringLiteral("whoami")});
    CLI_FAILS(offline, 1,
        QStringLiteral(
            "casebook-cli: The sync server refused the connection: it may be down, or the address may "
            "be wrong. Changes stay on this laptop until the next sync."));
}

QTEST_GUILESS_MAIN(TestCliLogin)
#include "TestCliLogin.moc"
