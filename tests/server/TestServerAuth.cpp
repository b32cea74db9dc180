#include "ServerFixture.h"
#include "server/DeviceToken.h"

#include <QThread>

using namespace ServerSamples;

// Login, device tokens and their expiry, the failed-login limit, revoked devices.
class TestServerAuth : public QObject
{
    Q_OBJECT

private slots:
    void loginGivesTokenAndDevice();
    void wrongPasswordAndUnknownUserLookAlike();
    void disabledUserCannotLogInOrSync();
    void rateLimitAfterHundredFailures();
    void rateLimitHoldsUnderConcurrentGuesses();
    void tokenExpiresWhenIdle();
    void tokenExpiresAbsolutely();
    void whoamiSaysWhoAndWhen();
    void revokedDevice();
    void revokedDeviceWithWipe();
    void malformedAuthorization();
    void loginsAreAudited();
};

void TestServerAuth::loginGivesTokenAndDevice()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"), QStringLiteral("lead"), f.agencyA);
    const ServerResponse response = f.loginResponse(QStringLiteral("sam"));
    QCOMPARE(response.status, 200);
    const LoginResponse body = ProtocolCodec::decodeLoginResponse(response.body).value();
    QCOMPARE(body.token.size(), 43); // 256 bits, base64url without padding
    QCOMPARE(body.role, QStringLiteral("lead"));
    QCOMPARE(body.agencyId, f.agencyA);
    QCOMPARE(body.displayName, QStringLiteral("sam Example"));
    QCOMPARE(body.expiresAt, f.now.addDays(30));
    const QList<ServerDevice> devices = f.storage->devices({});
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.first().name, QStringLiteral("Laptop 14"));
    // Only the hash is kept: the token finds the device through it.
    QVERIFY(f.storage->deviceByTokenHash(DeviceToken::hash(body.token.toLatin1())));
    QVERIFY(!f.storage->deviceByTokenHash(body.token.toLatin1()));
    // A second login is a second device with another token.
    const LoginResponse again
        = ProtocolCodec::decodeLoginResponse(f.loginResponse(QStringLiteral("sam")).body).value();
    QVERIFY(again.token != body.token);
    QCOMPARE(f.storage->devices({}).size(), 2);
    // A successful login is not counted against the limit.
    const QString id = f.storage->userByUsername(QStringLiteral("sam"))->id;
    QCOMPARE(f.storage->loginFailuresSince(id, f.now.addSecs(-3600)), 0);
}

void TestServerAuth::wrongPasswordAndUnknownUserLookAlike()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const ServerResponse wrong = f.loginResponse(QStringLiteral("sam"), QStringLiteral("not the password"));
    const ServerResponse unknown
        = f.loginResponse(QStringLiteral("nobody"), QStringLiteral("not the password"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.body, unknown.body);
    QCOMPARE(errorOf(wrong).code, QStringLiteral("unauthorized"));
    QCOMPARE(errorOf(wrong).message, QStringLiteral("Wrong username or password."));
    QVERIFY(f.storage->devices({}).isEmpty());
}

void TestServerAuth::disabledUserCannotLogInOrSync()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session session = f.login(QStringLiteral("sam"));
    QString error;
    QVERIFY(f.admin->setUserDisabled(QStringLiteral("sam"), true, &error));
    const ServerResponse login = f.loginResponse(QStringLiteral("sam"));
    QCOMPARE(login.status, 401);
    QCOMPARE(errorOf(login).message, QStringLiteral("Wrong username or password."));
    const ServerResponse pull = f.get(Api::pullPath(), QStringLiteral("since=0&limit=10"), session);
    QCOMPARE(pull.status, 401);
    QCOMPARE(errorOf(pull).code, QStringLiteral("unauthorized"));
    QVERIFY(f.admin->setUserDisabled(QStringLiteral("sam"), false, &error));
    QCOMPARE(f.loginResponse(QStringLiteral("sam")).status, 200);
}

void TestServerAuth::rateLimitAfterHundredFailures()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    f.addUser(QStringLiteral("kim"));
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(f.loginResponse(QStringLiteral("sam"), QStringLiteral("guess %1").arg(i)).status, 401);
        f.now = f.now.addSecs(30); // 100 guesses over 50 minutes
    }
    // The right password is refused too while the limit holds.
    const ServerResponse limited = f.loginResponse(QStringLiteral("sam"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(errorOf(limited).code, QStringLiteral("rate_limited"));
    // The first failure (at 09:00) leaves the window at 10:00; it is now 09:50.
    QCOMPARE(header(limited, "Retry-After"), QByteArray("600"));
    QCOMPARE(f.loginResponse(QStringLiteral("sam"), QStringLiteral("guess")).status, 429);
    // Another account is not affected.
    QCOMPARE(f.loginResponse(QStringLiteral("kim")).status, 200);
    f.now = f.now.addSecs(601);
    QCOMPARE(f.loginResponse(QStringLiteral("sam")).status, 200);
}

void TestServerAuth::rateLimitHoldsUnderConcurrentGuesses()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    std::atomic<int> refused {0};
    std::atomic<int> limited {0};
    QList<QThread*> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&] {
            for (int i = 0; i < 40; ++i) {
                const int status = f.loginResponse(QStringLiteral("sam"), QStringLiteral("guess")).status;
                (status == 401 ? refused : limited) += 1;
            }
        }));
        threads.last()->start();
    }
    for (QThread* thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(refused.load(), 100);
    QCOMPARE(limited.load(), 60);
}

void TestServerAuth::tokenExpiresWhenIdle()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session session = f.login(QStringLiteral("sam"));
    f.now = f.now.addDays(13);
    QCOMPARE(f.get(Api::whoamiPath(), {}, session).status, 200); // seen: idle restarts
    f.now = f.now.addDays(14).addSecs(-1);
    QCOMPARE(f.get(Api::whoamiPath(), {}, session).status, 200);
    f.now = f.now.addDays(14);
    const ServerResponse idle = f.get(Api::whoamiPath(), {}, session);
    QCOMPARE(idle.status, 401);
    QCOMPARE(errorOf(idle).code, QStringLiteral("unauthorized"));
}

void TestServerAuth::tokenExpiresAbsolutely()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const QDateTime loggedIn = f.now;
    const Session session = f.login(QStringLiteral("sam"));
    for (int day = 10; day < 30; day += 10) {
        f.now = loggedIn.addDays(day);
        QCOMPARE(f.get(Api::whoamiPath(), {}, session).status, 200);
    }
    f.now = loggedIn.addDays(30).addSecs(-1);
    QCOMPARE(f.get(Api::whoamiPath(), {}, session).status, 200);
    f.now = loggedIn.addDays(30);
    QCOMPARE(f.get(Api::whoamiPath(), {}, session).status, 401);
}

void TestServerAuth::whoamiSaysWhoAndWhen()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("South"), QStringLiteral("partner"), f.agencyB);
    const QDateTime loggedIn = f.now;
    const Session session = f.login(QStringLiteral("sam"));
    f.now = loggedIn.addDays(1);
    const ServerResponse response = f.get(Api::whoamiPath(), {}, session);
    QCOMPARE(response.status, 200);
    const WhoamiResponse who = ProtocolCodec::decodeWhoamiResponse(response.body).value();
    QCOMPARE(who.username, QStringLiteral("sam"));
    QCOMPARE(who.team, QStringLiteral("South"));
    QCOMPARE(who.role, QStringLiteral("partner"));
    QCOMPARE(who.agencyId, f.agencyB);
    QCOMPARE(who.deviceId, f.storage->devices({}).first().id);
    QCOMPARE(who.expiresAt, f.now.addDays(14)); // idle end comes before the absolute end
    f.now = loggedIn.addDays(14);
    QCOMPARE(f.get(Api::whoamiPath(), {}, session).status, 200);
    f.now = loggedIn.addDays(20); // idle would end on day 34, after the absolute end
    QCOMPARE(
        ProtocolCodec::decodeWhoamiResponse(f.get(Api::whoamiPath(), {}, session).body).value().expiresAt,
        loggedIn.addDays(30));
}

void TestServerAuth::revokedDevice()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session session = f.login(QStringLiteral("sam"));
    const Session other = f.login(QStringLiteral("sam"));
    QString error;
    QVERIFY(f.admin->revokeDevice(session.deviceId, false, &error));
    const ServerResponse response = f.get(Api::pullPath(), QStringLiteral("since=0&limit=5"), session);
    QCOMPARE(response.status, 401);
    QCOMPARE(errorOf(response).code, QStringLiteral("device_revoked"));
    QCOMPARE(f.get(Api::whoamiPath(), {}, other).status, 200); // the user's other device still works
}

void TestServerAuth::revokedDeviceWithWipe()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session session = f.login(QStringLiteral("sam"));
    QString error;
    QVERIFY(f.admin->revokeDevice(session.deviceId, true, &error));
    const ServerResponse response = f.pushResponse(session, {caseCreate(newId())});
    QCOMPARE(response.status, 401);
    QCOMPARE(errorOf(response).code, QStringLiteral("device_wipe"));
    QVERIFY(!f.admin->revokeDevice(newId(), false, &error));
}

void TestServerAuth::malformedAuthorization()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session session = f.login(QStringLiteral("sam"));
    const QList<QByteArray> headers {QByteArray(), QByteArrayLiteral("Bearer"),
        QByteArrayLiteral("Basic abc"), QByteArrayLiteral("Bearer ") + session.token + "x",
        QByteArrayLiteral("Bearer ") + session.token.left(42) + "!",
        QByteArrayLiteral("Bearer ") + QByteArray(43, 'A')};
    for (const QByteArray& value : headers) {
        ServerRequest request;
        request.method = "GET";
        request.path = Api::whoamiPath();
        request.authorization = value;
        const ServerResponse response = f.service->handle(request);
        QCOMPARE(response.status, 401);
        QCOMPARE(errorOf(response).code, QStringLiteral("unauthorized"));
    }
    ServerRequest ok;
    ok.method = "GET";
    ok.path = Api::whoamiPath();
    ok.authorization = QByteArrayLiteral("bearer ") + session.token; // the scheme is case-insensitive
    QCOMPARE(f.service->handle(ok).status, 200);
}

void TestServerAuth::loginsAreAudited()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    f.loginResponse(QStringLiteral("sam"), QStringLiteral("wrong password!"));
    f.loginResponse(QStringLiteral("sam"));
    QStringList actions;
    for (const ServerAuditEntry& entry : f.storage->auditEntries())
        actions.append(entry.action);
    QVERIFY(actions.contains(QStringLiteral("user_add")));
    QVERIFY(actions.contains(QStringLiteral("login_failed")));
    QCOMPARE(actions.last(), QStringLiteral("login"));
}

QTEST_GUILESS_MAIN(TestServerAuth)
#include "TestServerAuth.moc"
