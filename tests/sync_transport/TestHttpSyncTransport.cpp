#include "HttpsResponder.h"
#include "protocol/ProtocolCodec.h"
#include "sync/HttpSyncTransport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <thread>

// HttpSyncTransport against a local HTTPS responder: each call's round trip, every HTTP
// status and error code to its TransportError::Kind, bodies that are not protocol v1, TLS
// trust (system, pinned, wrong pin, wrong name), refused connections, timeouts and cancel.
class TestHttpSyncTransport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void loginRoundTrip();
    void whoamiPushPullDigestRoundTrips();
    void statusMapsToKind_data();
    void statusMapsToKind();
    void bodyThatIsNotProtocolIsBadResponse_data();
    void bodyThatIsNotProtocolIsBadResponse();
    void untrustedCertificateSendsNothing();
    void pinnedCertificateOfAnotherServerIsUntrusted();
    void pinnedCertificateForAnotherNameIsUntrusted();
    void connectionRefusedIsOffline();
    void silentServerTimesOut();
    void cancelFromAnotherThread();
    void baseUrlPathIsIgnored();

private:
    static QString data(const QString& name) { return QStringLiteral(TEST_DATA_DIR "/") + name; }
    static QList<QSslCertificate> certificate(const QString& name);
    std::unique_ptr<HttpsResponder> responder(const QString& name = QStringLiteral("server-a"));
    HttpSyncTransport pinnedTransport(int timeoutMs = 10000) const;
    static const TransportError& errorOf(const auto& result) { return std::get<TransportError>(result); }

    std::unique_ptr<HttpsResponder> m_server;
};

QList<QSslCertificate> TestHttpSyncTransport::certificate(const QString& name)
{
    QFile file(data(name + QStringLiteral(".crt")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QSslCertificate::fromData(file.readAll(), QSsl::Pem);
}

std::unique_ptr<HttpsResponder> TestHttpSyncTransport::responder(const QString& name)
{
    auto server = std::make_unique<HttpsResponder>(
        data(name + QStringLiteral(".crt")), data(name + QStringLiteral(".key")));
    return server->listen() ? std::move(server) : nullptr;
}

HttpSyncTransport TestHttpSyncTransport::pinnedTransport(int timeoutMs) const
{
    return HttpSyncTransport(m_server->url(), certificate(QStringLiteral("server-a")), timeoutMs);
}

void TestHttpSyncTransport::init()
{
    m_server = responder();
    QVERIFY(m_server);
    QCOMPARE(certificate(QStringLiteral("server-a")).size(), 1);
}

void TestHttpSyncTransport::cleanup()
{
    m_server.reset();
}

void TestHttpSyncTransport::loginRoundTrip()
{
    LoginResponse answer;
    answer.token = QStringLiteral("t0ken-secret");
    answer.expiresAt = QDateTime(QDate(2026, 11, 23), QTime(21, 0, 0, 500), Qt::UTC);
    answer.displayName = QStringLiteral("Sam Worker");
    answer.role = QStringLiteral("worker");
    m_server->answer("/v1/login", 200, ProtocolCodec::encode(answer));

    HttpSyncTransport transport = pinnedTransport();
    const LoginRequest request {
        QStringLiteral("sam"), QStringLiteral("pa55word"), QStringLiteral("Laptop 14")};
    const auto result = transport.login(request);
    QVERIFY(std::holds_alternative<LoginResponse>(result));
    QCOMPARE(std::get<LoginResponse>(result), answer);

    QCOMPARE(m_server->requests().size(), 1);
    const HttpsResponder::Request& sent = m_server->requests().first();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, QByteArray("/v1/login"));
    QCOMPARE(sent.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(!sent.headers.contains("authorization")); // login carries no token
    const Result<LoginRequest> decoded = ProtocolCodec::decodeLoginRequest(sent.body);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), request);
}

void TestHttpSyncTransport::whoamiPushPullDigestRoundTrips()
{
    WhoamiResponse who;
    who.username = QStringLiteral("sam");
    who.displayName = QStringLiteral("Sam Worker");
    who.role = QStringLiteral("worker");
    who.team = QStringLiteral("North");
    who.deviceId = QStringLiteral("5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    who.expiresAt = QDateTime(QDate(2026, 11, 23), QTime(21, 0), Qt::UTC);
    m_server->answer("/v1/whoami", 200, ProtocolCodec::encode(who));

    PushResponse pushed;
    PushResult applied;
    applied.changeId = QStringLiteral("9b2f5c1e-4c1a-4d7e-9a51-0c7f3e2d1a10");
    applied.rev = 41;
    pushed.results << applied;
    m_server->answer("/v1/push", 200, ProtocolCodec::encode(pushed));

    PullResponse pulled;
    pulled.next = 7;
    pulled.hasMore = false;
    m_server->answer("/v1/pull", 200, ProtocolCodec::encode(pulled));

    DigestResponse digest;
    digest.match = true;
    digest.rows = 12;
    digest.latestSeq = 7;
    m_server->answer("/v1/digest", 200, ProtocolCodec::encode(digest));

    HttpSyncTransport transport = pinnedTransport();
    transport.setToken(QStringLiteral("t0ken-secret"));

    const auto whoResult = transport.whoami();
    QVERIFY(std::holds_alternative<WhoamiResponse>(whoResult));
    QCOMPARE(std::get<WhoamiResponse>(whoResult), who);

    PushRequest push;
    push.deviceId = who.deviceId;
    Change change;
    change.changeId = applied.changeId;
    change.entity = QStringLiteral("agency");
    change.rowId = QStringLiteral("4f0e2a9c-7d2b-4a8e-b1f3-2c9d8e7f6a51");
    change.op = QStringLiteral("update");
    change.fields = QJsonObject {{QStringLiteral("name"), QStringLiteral("Fire")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-03-14T10:15:00.123Z")},
        {QStringLiteral("updated_by"), QStringLiteral("sam")}};
    push.changes << change;
    const auto pushResult = transport.push(push);
    QVERIFY2(std::holds_alternative<PushResponse>(pushResult),
        qPrintable(std::get_if<TransportError>(&pushResult) ? errorOf(pushResult).message : QString()));
    QCOMPARE(std::get<PushResponse>(pushResult), pushed);

    const auto pullResult = transport.pull(PullRequest {5, 200});
    QVERIFY(std::holds_alternative<PullResponse>(pullResult));
    QCOMPARE(std::get<PullResponse>(pullResult), pulled);

    const DigestRequest digestRequest {QString(64, QLatin1Char('a')), 12, 7};
    const auto digestResult = transport.digest(digestRequest);
    QVERIFY(std::holds_alternative<DigestResponse>(digestResult));
    QCOMPARE(std::get<DigestResponse>(digestResult), digest);

    const QList<HttpsResponder::Request>& sent = m_server->requests();
    QCOMPARE(sent.size(), 4);
    for (const HttpsResponder::Request& r : sent)
        QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer t0ken-secret"));
    QCOMPARE(sent.at(0).method, QByteArray("GET"));
    QCOMPARE(sent.at(0).path, QByteArray("/v1/whoami"));
    QCOMPARE(sent.at(1).method, QByteArray("POST"));
    const Result<PushRequest> decodedPush = ProtocolCodec::decodePushRequest(sent.at(1).body);
    QVERIFY(decodedPush.ok());
    QCOMPARE(decodedPush.value(), push);
    QCOMPARE(sent.at(2).method, QByteArray("GET"));
    QCOMPARE(sent.at(2).path, QByteArray("/v1/pull"));
    QCOMPARE(sent.at(2).query, QByteArray("since=5&limit=200"));
    QCOMPARE(sent.at(3).path, QByteArray("/v1/digest"));
    QCOMPARE(ProtocolCodec::decodeDigestRequest(sent.at(3).body).value(), digestRequest);
}

void TestHttpSyncTransport::statusMapsToKind_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("retryAfterSeconds");
    using K = TransportError::Kind;
    QTest::newRow("401 unauthorized")
        << 401 << QByteArray("unauthorized") << QByteArray() << int(K::Unauthorized) << 0;
    QTest::newRow("401 no body code") << 401 << QByteArray() << QByteArray() << int(K::Unauthorized) << 0;
    QTest::newRow("401 device_revoked")
        << 401 << QByteArray("device_revoked") << QByteArray() << int(K::DeviceRevoked) << 0;
    QTest::newRow("401 device_wipe") << 401 << QByteArray("device_wipe") << QByteArray()
                                     << int(K::WipeRequested) << 0;
    QTest::newRow("429 retry after") << 429 << QByteArray("rate_limited") << QByteArray("120")
                                     << int(K::RateLimited) << 120;
    QTest::newRow("429 without header")
        << 429 << QByteArray("rate_limited") << QByteArray() << int(K::RateLimited) << 0;
    QTest::newRow("400") << 400 << QByteArray("missing_field") << QByteArray() << int(K::Refused) << 0;
    QTest::newRow("403") << 403 << QByteArray("forbidden") << QByteArray() << int(K::Refused) << 0;
    QTest::newRow("404") << 404 << QByteArray("not_found") << QByteArray() << int(K::Refused) << 0;
    QTest::newRow("413") << 413 << QByteArray("body_too_large") << QByteArray() << int(K::Refused) << 0;
    QTest::newRow("500") << 500 << QByteArray("internal") << QByteArray() << int(K::ServerError) << 0;
    QTest::newRow("503 no body") << 503 << QByteArray() << QByteArray("30") << int(K::ServerError) << 0;
    QTest::newRow("302") << 302 << QByteArray() << QByteArray() << int(K::BadResponse) << 0;
}

void TestHttpSyncTransport::statusMapsToKind()
{
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, kind);
    QFETCH(int, retryAfterSeconds);
    HttpsResponder::Canned canned;
    canned.status = status;
    if (!code.isEmpty())
        canned.body = ProtocolCodec::encode(ErrorBody {QString::fromLatin1(code), QStringLiteral("No.")});
    if (!retryAfter.isEmpty())
        canned.headers << qMakePair(QByteArray("Retry-After"), retryAfter);
    if (status == 401)
        canned.headers << qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer"));
    if (status == 302)
        canned.headers << qMakePair(QByteArray("Location"), QByteArray("https://127.0.0.1:1/elsewhere"));
    m_server->answer("/v1/whoami", canned);

    HttpSyncTransport transport = pinnedTransport();
    transport.setToken(QStringLiteral("t0ken-secret"));
    const auto result = transport.whoami();
    QVERIFY(std::holds_alternative<TransportError>(result));
    const TransportError& error = errorOf(result);
    QCOMPARE(int(error.kind), kind);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, status == 302 ? QString() : QString::fromLatin1(code));
    QCOMPARE(error.retryAfterSeconds, retryAfterSeconds);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!error.message.contains(QLatin1String("t0ken")));
    QCOMPARE(m_server->requests().size(), 1); // no redirect followed, no retry
}

void TestHttpSyncTransport::bodyThatIsNotProtocolIsBadResponse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("html") << QByteArray("<html><body>Welcome to nginx!</body></html>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("wrong shape") << QByteArray(R"({"username": "sam"})");
    QTest::newRow("truncated") << QByteArray(R"({"username": "sam", "display_)");
}

void TestHttpSyncTransport::bodyThatIsNotProtocolIsBadResponse()
{
    QFETCH(QByteArray, body);
    m_server->answer("/v1/whoami", 200, body);
    HttpSyncTransport transport = pinnedTransport();
    const auto result = transport.whoami();
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::BadResponse);
    QCOMPARE(errorOf(result).httpStatus, 200);
}

void TestHttpSyncTransport::untrustedCertificateSendsNothing()
{
    m_server->answer("/v1/login", 200, QByteArray("{}"));
    HttpSyncTransport transport(m_server->url()); // system CAs only: the test certificate is not among them
    const auto result = transport.login(
        LoginRequest {QStringLiteral("sam"), QStringLiteral("pa55word"), QStringLiteral("Laptop 14")});
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::TlsUntrusted);
    QCOMPARE(errorOf(result).httpStatus, 0);
    QVERIFY(errorOf(result).message.contains(QLatin1String("Nothing was sent")));
    QCOMPARE(m_server->encryptedConnections(), 0);
    QCOMPARE(m_server->bytesReceived(), 0);
    QVERIFY(m_server->requests().isEmpty());
}

void TestHttpSyncTransport::pinnedCertificateOfAnotherServerIsUntrusted()
{
    HttpSyncTransport transport(m_server->url(), certificate(QStringLiteral("server-b")));
    const auto result = transport.whoami();
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::TlsUntrusted);
    QCOMPARE(m_server->bytesReceived(), 0);
}

void TestHttpSyncTransport::pinnedCertificateForAnotherNameIsUntrusted()
{
    m_server = responder(QStringLiteral("wrong-host"));
    QVERIFY(m_server);
    m_server->answer("/v1/whoami", 200, QByteArray("{}"));
    HttpSyncTransport transport(m_server->url(), certificate(QStringLiteral("wrong-host")));
    const auto result = transport.whoami();
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::TlsUntrusted);
    QCOMPARE(m_server->bytesReceived(), 0);
}

void TestHttpSyncTransport::connectionRefusedIsOffline()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed: nothing listens there now
    HttpSyncTransport transport(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)));
    const auto result = transport.whoami();
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::Offline);
    QCOMPARE(errorOf(result).httpStatus, 0);
    QVERIFY(errorOf(result).message.contains(QLatin1String("refused the connection")));
}

void TestHttpSyncTransport::silentServerTimesOut()
{
    HttpsResponder::Canned silent;
    silent.silent = true;
    m_server->answer("/v1/whoami", silent);
    HttpSyncTransport transport = pinnedTransport(700);
    QElapsedTimer clock;
    clock.start();
    const auto result = transport.whoami();
    const qint64 elapsed = clock.elapsed();
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::Offline);
    QCOMPARE(errorOf(result).code, QStringLiteral("timeout"));
    QVERIFY2(elapsed >= 600 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_server->requests().size(), 1); // the request did arrive; the answer never came
}

void TestHttpSyncTransport::cancelFromAnotherThread()
{
    HttpsResponder::Canned silent;
    silent.silent = true;
    m_server->answer("/v1/pull", silent);
    HttpSyncTransport transport = pinnedTransport(60000);
    std::thread canceller([&transport] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        transport.cancel();
    });
    QElapsedTimer clock;
    clock.start();
    const auto result = transport.pull(PullRequest {0, 500});
    const qint64 elapsed = clock.elapsed();
    canceller.join();
    QVERIFY(std::holds_alternative<TransportError>(result));
    QCOMPARE(errorOf(result).kind, TransportError::Kind::Offline);
    QCOMPARE(errorOf(result).code, QStringLiteral("cancelled"));
    QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));

    // The transport still works after a cancel, and a cancel between calls changes nothing.
    transport.cancel();
    m_server->answer("/v1/pull", 200, ProtocolCodec::encode(PullResponse {}));
    QVERIFY(std::holds_alternative<PullResponse>(transport.pull(PullRequest {0, 500})));
}

void TestHttpSyncTransport::baseUrlPathIsIgnored()
{
    // The base URL keeps only scheme, host and port: the paths are the protocol's.
    HttpSyncTransport transport(QUrl(m_server->url().toString() + QStringLiteral("/ignored/path")),
        certificate(QStringLiteral("server-a")));
    m_server->answer("/v1/pull", 200, ProtocolCodec::encode(PullResponse {}));
    QVERIFY(std::holds_alternative<PullResponse>(transport.pull(PullRequest {0, 10})));
    QCOMPARE(m_server->requests().first().path, QByteArray("/v1/pull"));
}

QTEST_GUILESS_MAIN(TestHttpSyncTransport)
#include "TestHttpSyncTransport.moc"
