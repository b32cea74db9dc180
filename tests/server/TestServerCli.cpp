#include "ServerFixture.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

using namespace ServerSamples;

namespace {
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    process.start(QStringLiteral(CASEBOOK_SERVER_EXE), arguments);
    if (!process.waitForStarted(10000))
        qFatal("casebook-server did not start");
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        qFatal("casebook-server did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

QFile::Permissions groupOrOther()
{
    return QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther
        | QFile::ExeOther;
}
} // namespace

// The casebook-server executable: init, team/user/agency/device commands, --help.
class TestServerCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void helpOnEveryCommand();
    void initMakesPrivateFilesOnce();
    void addTeamAgencyAndUser();
    void userAddRefusesBadInput();
    void deviceListAndRevoke();
    void disabledUserCannotLogIn();
    void unsafeKeyFileStopsEveryCommand();

private:
    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }
    QStringList data() const { return {QStringLiteral("--data"), dataDir()}; }
    void initWithUser();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_agency;
};

void TestServerCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestServerCli::initWithUser()
{
    QCOMPARE(run(QStringList {QStringLiteral("init")} + data()).exitCode, 0);
    QCOMPARE(run(QStringList {QStringLiteral("team"), QStringLiteral("add"), QStringLiteral("--name"),
                     QStringLiteral("North")}
                 + data())
                 .exitCode,
        0);
    const Run agency
        = run(QStringList {QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("--name"),
                  QStringLiteral("Lancashire Police"), QStringLiteral("--kind"), QStringLiteral("police")}
            + data());
    QCOMPARE(agency.exitCode, 0);
    m_agency = agency.out.trimmed();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f-]{36}$")).match(m_agency).hasMatch());
    const Run user
        = run(QStringList {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--username"),
                  QStringLiteral("sam"), QStringLiteral("--display-name"), QStringLiteral("Sam Worker"),
                  QStringLiteral("--team"), QStringLiteral("North"), QStringLiteral("--role"),
                  QStringLiteral("worker"), QStringLiteral("--agency"), m_agency,
                  QStringLiteral("--password-stdin")}
                + data(),
            password.toUtf8() + '\n');
    QVERIFY2(user.exitCode == 0, qPrintable(user.err));
}

void TestServerCli::helpOnEveryCommand()
{
    const QList<QPair<QStringList, QString>> commands {
        {{QStringLiteral("init")}, QStringLiteral("--hostname")},
        {{QStringLiteral("team"), QStringLiteral("add")}, QStringLiteral("--name")},
        {{QStringLiteral("user"), QStringLiteral("add")}, QStringLiteral("--password-stdin")},
        {{QStringLiteral("user"), QStringLiteral("list")}, QStringLiteral("--data")},
        {{QStringLiteral("user"), QStringLiteral("disable")}, QStringLiteral("username")},
        {{QStringLiteral("agency"), QStringLiteral("add")}, QStringLiteral("--kind")},
        {{QStringLiteral("device"), QStringLiteral("list")}, QStringLiteral("--user")},
        {{QStringLiteral("device"), QStringLiteral("revoke")}, QStringLiteral("--wipe")},
    };
    for (const auto& [command, option] : commands) {
        const Run help = run(command + QStringList {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(option), qPrintable(help.out));
        QVERIFY2(help.out.contains(QStringLiteral("--data")), qPrintable(help.out));
        QVERIFY2(
            help.out.startsWith(QStringLiteral("Usage: casebook-server ") + command.join(QLatin1Char(' '))),
            qPrintable(help.out));
    }
    const Run overview = run({QStringLiteral("--help")});
    QCOMPARE(overview.exitCode, 0);
    for (const char* word : {"init", "user add", "agency add", "device revoke", "serve"})
        QVERIFY2(overview.out.contains(QLatin1String(word)), word);
    QCOMPARE(run({QStringLiteral("frobnicate")}).exitCode, 2);
    QCOMPARE(run({QStringLiteral("user"), QStringLiteral("list")}).exitCode, 2); // --data missing
}

void TestServerCli::initMakesPrivateFilesOnce()
{
    const Run first = run(QStringList {QStringLiteral("init")} + data());
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const QString key = SqlCipherServerStorage::keyPath(dataDir());
    const QString db = SqlCipherServerStorage::databasePath(dataDir());
    QCOMPARE(QFileInfo(dataDir()).permissions() & groupOrOther(), QFile::Permissions());
    QCOMPARE(QFileInfo(key).permissions() & groupOrOther(), QFile::Permissions());
    QCOMPARE(QFileInfo(db).permissions() & groupOrOther(), QFile::Permissions());
    QCOMPARE(QFileInfo(key).size(), 32);
    // The transport's self-signed certificate, its key private, its fingerprint printed.
    QVERIFY(QFileInfo::exists(QDir(dataDir()).filePath(QStringLiteral("tls.crt"))));
    QCOMPARE(QFileInfo(QDir(dataDir()).filePath(QStringLiteral("tls.key"))).permissions() & groupOrOther(),
        QFile::Permissions());
    QVERIFY2(first.out.contains(QStringLiteral("Fingerprint (read it out to workers): SHA256:")),
        qPrintable(first.out));
    QFile keyFile(key);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray keyBytes = keyFile.readAll();
    const Run second = run(QStringList {QStringLiteral("init")} + data());
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains(QStringLiteral("not an empty directory")), qPrintable(second.err));
    keyFile.seek(0);
    QCOMPARE(keyFile.readAll(), keyBytes);
}

void TestServerCli::addTeamAgencyAndUser()
{
    initWithUser();
    const Run list = run(QStringList {QStringLiteral("user"), QStringLiteral("list")} + data());
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(
                 QStringLiteral("sam\tSam Worker\tNorth\tworker\t") + m_agency + QStringLiteral("\tactive")),
        qPrintable(list.out));
    QString error;
    std::unique_ptr<SqlCipherServerStorage> storage = SqlCipherServerStorage::open(dataDir(), false, &error);
    QVERIFY2(storage, qPrintable(error));
    // The agency and the user are synced rows: a client pulls them.
    QCOMPARE(storage->currentRow(QStringLiteral("agency"), m_agency)
                 ->fields.value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("Lancashire Police"));
    QVERIFY(storage->currentRow(QStringLiteral("user"), storage->userByUsername(QStringLiteral("sam"))->id));
    QVERIFY(PasswordHasher::verify(storage->userByUsername(QStringLiteral("sam"))->passwordHash, password));
    QStringList actions;
    for (const ServerAuditEntry& entry : storage->auditEntries())
        actions.append(entry.action);
    QCOMPARE(actions,
        (QStringList {QStringLiteral("team_add"), QStringLiteral("agency_add"), QStringLiteral("user_add")}));
}

void TestServerCli::userAddRefusesBadInput()
{
    initWithUser();
    const QStringList base {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--display-name"),
        QStringLiteral("X"), QStringLiteral("--password-stdin")};
    const QList<QPair<QStringList, QString>> bad {
        {{QStringLiteral("--username"), QStringLiteral("kim"), QStringLiteral("--team"),
             QStringLiteral("North"), QStringLiteral("--role"), QStringLiteral("boss")},
            QStringLiteral("role must be one of")},
        {{QStringLiteral("--username"), QStringLiteral("kim"), QStringLiteral("--team"),
             QStringLiteral("East"), QStringLiteral("--role"), QStringLiteral("worker")},
            QStringLiteral("no team")},
        {{QStringLiteral("--username"), QStringLiteral("sam"), QStringLiteral("--team"),
             QStringLiteral("North"), QStringLiteral("--role"), QStringLiteral("worker")},
            QStringLiteral("already a user")},
        {{QStringLiteral("--username"), QStringLiteral("Kim Smith"), QStringLiteral("--team"),
             QStringLiteral("North"), QStringLiteral("--role"), QStringLiteral("worker")},
            QStringLiteral("lower-case")},
    };
    for (const auto& [arguments, message] : bad) {
        const Run result = run(base + arguments + data(), password.toUtf8() + '\n');
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }
    const Run shortPassword = run(base
            + QStringList {QStringLiteral("--username"), QStringLiteral("kim"), QStringLiteral("--team"),
                QStringLiteral("North"), QStringLiteral("--role"), QStringLiteral("worker")}
            + data(),
        "short\n");
    QCOMPARE(shortPassword.exitCode, 1);
    QVERIFY2(shortPassword.err.contains(QStringLiteral("at least 12")), qPrintable(shortPassword.err));
    const Run list = run(QStringList {QStringLiteral("user"), QStringLiteral("list")} + data());
    QCOMPARE(list.out.count(QLatin1Char('\n')), 1); // still only sam
}

void TestServerCli::deviceListAndRevoke()
{
    initWithUser();
    QString error;
    QByteArray token;
    {
        std::unique_ptr<SyncService> service = SyncService::open(dataDir(), &error);
        QVERIFY2(service, qPrintable(error));
        ServerRequest login;
        login.method = "POST";
        login.path = Api::loginPath();
        login.contentType = "application/json";
        login.body = ProtocolCodec::encode(
            LoginRequest {QStringLiteral("sam"), password, QStringLiteral("Laptop 7")});
        const ServerResponse response = service->handle(login);
        QCOMPARE(response.status, 200);
        token = ProtocolCodec::decodeLoginResponse(response.body).value().token.toLatin1();
    }
    const Run list = run(QStringList {QStringLiteral("device"), QStringLiteral("list"),
                             QStringLiteral("--user"), QStringLiteral("sam")}
        + data());
    QCOMPARE(list.exitCode, 0);
    const QStringList columns = list.out.trimmed().split(QLatin1Char('\t'));
    QCOMPARE(columns.size(), 7);
    QCOMPARE(columns.at(1), QStringLiteral("sam"));
    QCOMPARE(columns.at(2), QStringLiteral("Laptop 7"));
    QCOMPARE(columns.at(6), QStringLiteral("active"));
    const QString deviceId = columns.at(0);
    QCOMPARE(run(QStringList {QStringLiteral("device"), QStringLiteral("list"), QStringLiteral("--user"),
                     QStringLiteral("nobody")}
                 + data())
                 .exitCode,
        1);
    const Run revoke = run(
        QStringList {QStringLiteral("device"), QStringLiteral("revoke"), deviceId, QStringLiteral("--wipe")}
        + data());
    QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.err));
    QVERIFY(run(QStringList {QStringLiteral("device"), QStringLiteral("list")} + data())
                .out.contains(QStringLiteral("revoked+wipe")));
    std::unique_ptr<SyncService> service = SyncService::open(dataDir(), &error);
    ServerRequest who;
    who.method = "GET";
    who.path = Api::whoamiPath();
    who.authorization = QByteArrayLiteral("Bearer ") + token;
    const ServerResponse response = service->handle(who);
    QCOMPARE(response.status, 401);
    QCOMPARE(errorOf(response).code, QStringLiteral("device_wipe"));
    QCOMPARE(service->storage().auditEntries().last().action, QStringLiteral("device_revoke_wipe"));
}

void TestServerCli::disabledUserCannotLogIn()
{
    initWithUser();
    QCOMPARE(
        run(QStringList {QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("sam")} + data())
            .exitCode,
        0);
    QVERIFY(run(QStringList {QStringLiteral("user"), QStringLiteral("list")} + data())
                .out.contains(QStringLiteral("\tdisabled")));
    QString error;
    std::unique_ptr<SyncService> service = SyncService::open(dataDir(), &error);
    ServerRequest login;
    login.method = "POST";
    login.path = Api::loginPath();
    login.contentType = "application/json";
    login.body
        = ProtocolCodec::encode(LoginRequest {QStringLiteral("sam"), password, QStringLiteral("Laptop")});
    QCOMPARE(service->handle(login).status, 401);
}

void TestServerCli::unsafeKeyFileStopsEveryCommand()
{
    QCOMPARE(run(QStringList {QStringLiteral("init")} + data()).exitCode, 0);
    QFile::setPermissions(
        SqlCipherServerStorage::keyPath(dataDir()), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    const Run list = run(QStringList {QStringLiteral("user"), QStringLiteral("list")} + data());
    QCOMPARE(list.exitCode, 1);
    QVERIFY2(list.err.contains(QStringLiteral("mode 0600")), qPrintable(list.err));
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "TestServerCli.moc"
