#include "ServerFixture.h"
#include "store/StoreError.h"

#include <QJsonArray>

using namespace ServerSamples;

namespace {
// Forwards to a real store but fails the n-th appendChange (and everything, when n is 0),
// with a StoreError whose message names SQL and a path, as a real failure might.
class FailingStorage : public ServerStorage
{
public:
    FailingStorage(std::shared_ptr<ServerStorage> inner, int failAppend)
        : m_inner(std::move(inner))
        , m_failAppend(failAppend)
    { }

    [[noreturn]] static void fail()
    {
        throw StoreError(StoreError::Code::Failed,
            QStringLiteral("INSERT INTO change_log failed: disk I/O error in /srv/casebook/server.db"));
    }
    void write(const std::function<void()>& work) override { m_inner->write(work); }
    qint64 addTeam(const QString& n, const QDateTime& at) override { return m_inner->addTeam(n, at); }
    std::optional<ServerTeam> teamByName(const QString& n) override { return m_inner->teamByName(n); }
    std::optional<ServerTeam> teamById(qint64 id) override { return m_inner->teamById(id); }
    QList<ServerTeam> teams() override { return m_inner->teams(); }
    void addUser(const ServerUser& u) override { m_inner->addUser(u); }
    std::optional<ServerUser> userByUsername(const QString& n) override { return m_inner->userByUsername(n); }
    std::optional<ServerUser> userById(const QString& id) override { return m_inner->userById(id); }
    QList<ServerUser> users() override { return m_inner->users(); }
    void setUserDisabled(const QString& id, bool d) override { m_inner->setUserDisabled(id, d); }
    void addDevice(const ServerDevice& d, const QByteArray& h) override { m_inner->addDevice(d, h); }
    std::optional<ServerDevice> deviceByTokenHash(const QByteArray& h) override
    {
        if (m_failAppend == 0)
            fail();
        return m_inner->deviceByTokenHash(h);
    }
    std::optional<ServerDevice> deviceById(const QString& id) override { return m_inner->deviceById(id); }
    QList<ServerDevice> devices(const QString& id) override { return m_inner->devices(id); }
    void touchDevice(const QString& id, const QDateTime& at) override { m_inner->touchDevice(id, at); }
    void revokeDevice(const QString& id, bool w) override { m_inner->revokeDevice(id, w); }
    void forgetLoginFailure(const QString& id, const QDateTime& at) override
    {
        m_inner->forgetLoginFailure(id, at);
    }
    void recordLoginFailure(const QString& id, const QDateTime& at) override
    {
        m_inner->recordLoginFailure(id, at);
    }
    int loginFailuresSince(const QString& id, const QDateTime& s) override
    {
        return m_inner->loginFailuresSince(id, s);
    }
    QDateTime oldestLoginFailureSince(const QString& id, const QDateTime& s) override
    {
        return m_inner->oldestLoginFailureSince(id, s);
    }
    std::optional<StoredRow> currentRow(const QString& e, const QString& id) override
    {
        return m_inner->currentRow(e, id);
    }
    std::optional<LoggedChange> changeById(const QString& id) override { return m_inner->changeById(id); }
    qint64 appendChange(const LoggedChange& c) override
    {
        if (--m_failAppend == 0)
            fail();
        return m_inner->appendChange(c);
    }
    QString caseWithReference(qint64 team, const QString& reference) override
    {
        return m_inner->caseWithReference(team, reference);
    }
    QString agencyWithName(qint64 team, const QString& name) override
    {
        return m_inner->agencyWithName(team, name);
    }
    QList<LoggedChange> changesSince(const Viewer& v, qint64 s, int l) override
    {
        return m_inner->changesSince(v, s, l);
    }
    QList<StoredRow> liveRows(const Viewer& v) override { return m_inner->liveRows(v); }
    qint64 latestSeq(const Viewer& v) override { return m_inner->latestSeq(v); }
    qint64 changeCount() override { return m_inner->changeCount(); }
    void audit(const ServerAuditEntry& e) override { m_inner->audit(e); }
    QList<ServerAuditEntry> auditEntries() override { return m_inner->auditEntries(); }

private:
    std::shared_ptr<ServerStorage> m_inner;
    int m_failAppend;
};

ServerRequest request(const QByteArray& method, const QString& path, const QByteArray& body = {},
    const QByteArray& contentType = QByteArrayLiteral("application/json"))
{
    ServerRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.contentType = contentType;
    return r;
}
} // namespace

// Routing, content types, malformed bodies and what an error may say.
class TestServerHttp : public QObject
{
    Q_OBJECT

private slots:
    void healthNeedsNoToken();
    void unknownPathIs404();
    void wrongMethodIs405();
    void postNeedsJsonContentType();
    void malformedBodiesGetTheCodecsCode_data();
    void malformedBodiesGetTheCodecsCode();
    void tokenIsCheckedBeforeTheBody();
    void pushOverLimitIsRefused();
    void storeFailureIs500AndRevealsNothing();
    void pushIsOneTransaction();
    void errorsNameNoSqlPathsOrValues();
};

void TestServerHttp::healthNeedsNoToken()
{
    ServerFixture f;
    const ServerResponse response = f.service->handle(request("GET", Api::healthPath()));
    QCOMPARE(response.status, 200);
    const HealthResponse health = ProtocolCodec::decodeHealthResponse(response.body).value();
    QCOMPARE(health.status, QStringLiteral("ok"));
    QCOMPARE(health.version, QStringLiteral("v1"));
}

void TestServerHttp::unknownPathIs404()
{
    ServerFixture f;
    for (const QString& path : {QStringLiteral("/"), QStringLiteral("/v1/nope"), QStringLiteral("/v2/push"),
             QStringLiteral("/v1/push/"), QStringLiteral("/V1/PUSH")}) {
        const ServerResponse response = f.service->handle(request("POST", path, "{}"));
        QCOMPARE(response.status, 404);
        QCOMPARE(errorOf(response).code, QStringLiteral("not_found"));
    }
}

void TestServerHttp::wrongMethodIs405()
{
    ServerFixture f;
    const QList<QPair<QByteArray, QString>> wrong {{"GET", Api::pushPath()}, {"POST", Api::pullPath()},
        {"DELETE", Api::loginPath()}, {"PUT", Api::digestPath()}, {"POST", Api::healthPath()},
        {"POST", Api::whoamiPath()}};
    for (const auto& [method, path] : wrong) {
        const ServerResponse response = f.service->handle(request(method, path, "{}"));
        QCOMPARE(response.status, 405);
        QCOMPARE(errorOf(response).code, QStringLiteral("method_not_allowed"));
        QVERIFY(!header(response, "Allow").isEmpty());
    }
    QCOMPARE(header(f.service->handle(request("GET", Api::pushPath())), "Allow"), QByteArray("POST"));
}

void TestServerHttp::postNeedsJsonContentType()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const QByteArray login
        = ProtocolCodec::encode(LoginRequest {QStringLiteral("sam"), password, QStringLiteral("L")});
    for (const QByteArray& type :
        {QByteArray(), QByteArrayLiteral("text/plain"), QByteArrayLiteral("application/jsonx"),
            QByteArrayLiteral("application/x-www-form-urlencoded"), QByteArrayLiteral("json")}) {
        const ServerResponse response = f.service->handle(request("POST", Api::loginPath(), login, type));
        QCOMPARE(response.status, 415);
        QCOMPARE(errorOf(response).code, QStringLiteral("unsupported_media_type"));
    }
    QVERIFY(f.storage->devices({}).isEmpty());
    for (const QByteArray& type :
        {QByteArrayLiteral("application/json; charset=utf-8"), QByteArrayLiteral("Application/JSON")})
        QCOMPARE(f.service->handle(request("POST", Api::loginPath(), login, type)).status, 200);
}

void TestServerHttp::malformedBodiesGetTheCodecsCode_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::newRow("login empty") << Api::loginPath() << QByteArray() << QStringLiteral("invalid_json");
    QTest::newRow("login array") << Api::loginPath() << QByteArray("[]") << QStringLiteral("not_an_object");
    QTest::newRow("login missing") << Api::loginPath() << QByteArray(R"({"username":"sam","password":"x"})")
                                   << QStringLiteral("missing_field");
    QTest::newRow("login extra") << Api::loginPath()
                                 << QByteArray(
                                        R"({"username":"sam","password":"x","device_name":"L","admin":1})")
                                 << QStringLiteral("unknown_field");
    QTest::newRow("login empty name")
        << Api::loginPath() << QByteArray(R"({"username":"","password":"x","device_name":"L"})")
        << QStringLiteral("empty_string");
    QTest::newRow("push deep") << Api::pushPath() << QByteArray(R"({"a":[[[[1]]]]})")
                               << QStringLiteral("too_deep");
    QTest::newRow("push trailing") << Api::pushPath() << QByteArray(R"({"device_id":"x","changes":[]} x)")
                                   << QStringLiteral("invalid_json");
    QTest::newRow("push bad uuid") << Api::pushPath() << QByteArray(R"({"device_id":"x","changes":[]})")
                                   << QStringLiteral("bad_uuid");
    QTest::newRow("digest type") << Api::digestPath() << QByteArray(R"({"digest":1,"rows":0,"cursor":0})")
                                 << QStringLiteral("wrong_type");
}

void TestServerHttp::malformedBodiesGetTheCodecsCode()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const qint64 count = f.storage->changeCount();
    const int devices = f.storage->devices({}).size();
    const ServerResponse response = f.post(path, body, s);
    QCOMPARE(response.status, 400);
    QCOMPARE(errorOf(response).code, code);
    QCOMPARE(f.storage->changeCount(), count);
    QCOMPARE(f.storage->devices({}).size(), devices);
}

void TestServerHttp::tokenIsCheckedBeforeTheBody()
{
    ServerFixture f;
    const ServerResponse response = f.service->handle(request("POST", Api::pushPath(), "not json"));
    QCOMPARE(response.status, 401);
    QCOMPARE(errorOf(response).code, QStringLiteral("unauthorized"));
}

void TestServerHttp::pushOverLimitIsRefused()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    QList<Change> changes;
    for (int i = 0; i < 501; ++i)
        changes.append(caseCreate(newId()));
    const qint64 count = f.storage->changeCount();
    const ServerResponse response = f.pushResponse(s, changes);
    QCOMPARE(response.status, 400);
    QCOMPARE(errorOf(response).code, QStringLiteral("too_many_items"));
    QCOMPARE(f.storage->changeCount(), count);
    changes.removeLast();
    QCOMPARE(f.push(s, changes).results.size(), 500);
}

void TestServerHttp::storeFailureIs500AndRevealsNothing()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    SyncServiceOptions options;
    options.dummyHashLimits = PasswordHasher::minimal();
    SyncService failing(std::make_shared<FailingStorage>(f.storage, 0), options);
    ServerRequest who = request("GET", Api::whoamiPath());
    who.authorization = s.authorization();
    QTest::ignoreMessage(
        QtWarningMsg, "casebook-server: a request failed inside the server and was rolled back");
    const ServerResponse response = failing.handle(who);
    QCOMPARE(response.status, 500);
    QCOMPARE(errorOf(response).code, QStringLiteral("internal_error"));
    for (const char* secret : {"INSERT", "change_log", "/srv", "server.db", "disk"})
        QVERIFY2(!response.body.contains(secret), secret);
}

void TestServerHttp::pushIsOneTransaction()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    SyncServiceOptions options;
    options.dummyHashLimits = PasswordHasher::minimal();
    options.clock = [&f] { return f.now; };
    // The third change's write fails: the first two must not stay behind.
    SyncService failing(std::make_shared<FailingStorage>(f.storage, 3), options);
    const QString caseId = newId();
    const QList<Change> batch {caseCreate(caseId), needCreate(caseId), needCreate(caseId)};
    const qint64 count = f.storage->changeCount();
    ServerRequest push
        = request("POST", Api::pushPath(), ProtocolCodec::encode(PushRequest {s.deviceId, batch}));
    push.authorization = s.authorization();
    QTest::ignoreMessage(
        QtWarningMsg, "casebook-server: a request failed inside the server and was rolled back");
    QCOMPARE(failing.handle(push).status, 500);
    QCOMPARE(f.storage->changeCount(), count);
    QVERIFY(!f.storage->currentRow(QStringLiteral("case"), caseId));
    QVERIFY(!f.storage->changeById(batch.first().changeId));
    // The client's retry of the same push then applies all of it.
    for (const PushResult& result : f.push(s, batch).results)
        QCOMPARE(result.status, PushResult::Status::Applied);
}

void TestServerHttp::errorsNameNoSqlPathsOrValues()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QByteArray secretValue = "Siân Jones 07700 900123";
    Change personal = caseCreate(newId());
    personal.fields.insert(QStringLiteral("reason"), QString::fromUtf8(secretValue));
    personal.fields.insert(QStringLiteral("status"), QString::fromUtf8(secretValue));
    // (An unknown key is named in the codec's message, as the sender wrote it: not checked here.)
    QList<ServerResponse> responses {f.loginResponse(QStringLiteral("sam"), QString::fromUtf8(secretValue)),
        f.loginResponse(QString::fromUtf8(secretValue)), f.post(Api::pushPath(), "{'" + secretValue, s),
        f.pushResponse(s, {personal}), f.get(Api::pullPath(), QStringLiteral("since=x&limit=1"), s),
        f.post(Api::digestPath(), "{}", s), f.service->handle(request("GET", QStringLiteral("/etc/passwd")))};
    for (const ServerResponse& response : responses) {
        for (const QByteArray& forbidden : {QByteArray("SELECT"), QByteArray("INSERT"), QByteArray("sqlite"),
                 QByteArray("SQL"), f.dir.path().toUtf8(), QByteArray("/tmp"), QByteArray("server.db"),
                 secretValue, QByteArray("passwd")})
            QVERIFY2(!response.body.contains(forbidden), response.body.constData());
    }
}

QTEST_GUILESS_MAIN(TestServerHttp)
#include "TestServerHttp.moc"
