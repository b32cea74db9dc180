// What the transport refuses by itself, before any handler runs: a body over maxBodyBytes
// (413), headers over maxHeaderBytes (431), bytes that are not HTTP (400), and connections
// past maxConnections (503). Each is a JSON ErrorBody and the connection is closed.
#include "RawTlsClient.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace std::chrono_literals;

namespace {

QString errorCode(const RawTlsClient::Response& response)
{
    return QJsonDocument::fromJson(response.body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

} // namespace

// QCOMPARE in a helper returns from the helper only; stop the test there too.
#define EXPECT_REFUSAL(...)                                                                                  \
    do {                                                                                                     \
        expectRefusal(__VA_ARGS__);                                                                          \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestHttpLimits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void bodyOverTheLimitIs413();
    void bodyOverTheLimitAnnouncedOnlyIs413();
    void chunkedBodyOverTheLimitIs413();
    void bodyAtTheLimitIsServed();
    void headersUnderTheLimitAreServed();
    void hugeHeadersAre431();
    void garbageIs400();
    void connectionsPastTheLimitAre503();

private:
    // Sends bytes on a fresh connection; expects one refusal with that status and code, then
    // the connection closed, and the handler never called.
    void expectRefusal(const QByteArray& bytes, int status, const QString& code);

    std::unique_ptr<TestServer> m_server;
};

void TestHttpLimits::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error)); // body 4,096 bytes, headers 2,048
}

void TestHttpLimits::cleanup()
{
    m_server.reset();
}

void TestHttpLimits::expectRefusal(const QByteArray& bytes, int status, const QString& code)
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(bytes));
    const RawTlsClient::Response response = client.readResponse(3s);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(response.header("Connection").toLower(), QByteArrayLiteral("close"));
    QCOMPARE(errorCode(response), code);
    // The server drops what else the client sends until the client is done, then closes.
    QVERIFY(client.send(QByteArray(1000, 'z')));
    client.finishSending();
    QVERIFY(client.waitClosed(3s));
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpLimits::bodyOverTheLimitIs413()
{
    EXPECT_REFUSAL(RawTlsClient::request("POST", "/v1/push", QByteArray(4097, 'x')), 413,
        QStringLiteral("body_too_large"));
}

void TestHttpLimits::bodyOverTheLimitAnnouncedOnlyIs413()
{
    // Refused on the Content-Length alone: the server does not wait for 100 MB to arrive.
    EXPECT_REFUSAL("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n", 413,
        QStringLiteral("body_too_large"));
}

void TestHttpLimits::chunkedBodyOverTheLimitIs413()
{
    const QByteArray chunk = QByteArray(3000, 'y');
    const QByteArray bytes = "POST /v1/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n"
        + QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n0\r\n\r\n";
    EXPECT_REFUSAL(bytes, 413, QStringLiteral("body_too_large"));
}

void TestHttpLimits::bodyAtTheLimitIsServed()
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(RawTlsClient::request("POST", "/v1/push", QByteArray(4096, 'x'))));
    const RawTlsClient::Response response = client.readResponse(3s);
    QCOMPARE(response.status, 201);
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("body")).toString().size(),
        4096);
    QCOMPARE(m_server->handler().calls(), 1);
}

void TestHttpLimits::headersUnderTheLimitAreServed()
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(
        RawTlsClient::request("GET", "/v1/health", {}, "X-Big: " + QByteArray(1800, 'h') + "\r\n")));
    QCOMPARE(client.readResponse(3s).status, 200);
}

void TestHttpLimits::hugeHeadersAre431()
{
    EXPECT_REFUSAL(RawTlsClient::request("GET", "/v1/health", {}, "X-Big: " + QByteArray(3000, 'h') + "\r\n"),
        431, QStringLiteral("header_too_large"));
    m_server.reset();
    init();
    // Many small headers add up the same way.
    QByteArray many;
    for (int i = 0; i < 400; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    EXPECT_REFUSAL(
        RawTlsClient::request("GET", "/v1/health", {}, many), 431, QStringLiteral("header_too_large"));
}

void TestHttpLimits::garbageIs400()
{
    EXPECT_REFUSAL(
        QByteArrayLiteral("\x16\x01garbage that is not HTTP\r\n\r\n"), 400, QStringLiteral("bad_request"));
    EXPECT_REFUSAL("GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400,
        QStringLiteral("bad_request"));
    EXPECT_REFUSAL(
        "GET /v1/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n",
        400, QStringLiteral("bad_request"));
}

void TestHttpLimits::connectionsPastTheLimitAre503()
{
    m_server.reset();
    m_server = std::make_unique<TestServer>();
    HttpServerOptions options = TestServer::fastOptions();
    options.maxConnections = 2;
    options.idleTimeout = 5s; // the two held connections must stay open during the test
    QString error;
    QVERIFY2(m_server->start(options, &error), qPrintable(error));

    auto first = std::make_unique<RawTlsClient>();
    RawTlsClient second;
    for (RawTlsClient* client : {first.get(), &second}) {
        QVERIFY(client->connectTls(m_server->port()));
        QVERIFY(client->send(RawTlsClient::request("GET", "/held")));
        QCOMPARE(client->readResponse(3s).status, 200);
    }

    RawTlsClient third;
    QVERIFY(third.connectTls(m_server->port()));
    QVERIFY(third.send(RawTlsClient::request("GET", "/refused")));
    const RawTlsClient::Response refused = third.readResponse(3s);
    QCOMPARE(refused.status, 503);
    QCOMPARE(errorCode(refused), QStringLiteral("server_busy"));
    QCOMPARE(refused.header("Retry-After"), QByteArrayLiteral("5"));
    QVERIFY(third.waitClosed(3s));
    QCOMPARE(m_server->handler().calls(), 2);

    // A held connection goes away: its slot is free again.
    first.reset();
    QElapsedTimer clock;
    clock.start();
    int status = 0;
    while (status != 200 && clock.elapsed() < 3000) {
        RawTlsClient next;
        QVERIFY(next.connectTls(m_server->port()));
        QVERIFY(next.send(RawTlsClient::request("GET", "/after")));
        status = next.readResponse(3s).status;
        if (status != 200)
            QTest::qWait(50);
    }
    QCOMPARE(status, 200);
}

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "TestHttpLimits.moc"
