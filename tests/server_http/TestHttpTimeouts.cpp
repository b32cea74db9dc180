// Every wait on a client has a deadline: the TLS handshake, the whole request (headers and
// body together, so a client trickling bytes is cut off), and the keep-alive idle time.
// Each test shortens one deadline to 1 s (the others 5 s) and checks both that the close
// came and that it came from that deadline (not at once, not much later).
#include "RawTlsClient.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace std::chrono_literals;

class TestHttpTimeouts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void slowHeadersAreCutOffByTheReadTimeout();
    void slowBodyIsCutOffByTheReadTimeout();
    void silentClientIsCutOffByTheReadTimeout();
    void silentTcpClientIsCutOffByTheHandshakeTimeout();
    void idleKeepAliveIsClosedAfterTheIdleTimeout();

private:
    // Sends one byte of `bytes` every 100 ms until the server closes; the milliseconds it
    // took, or -1 when it kept the connection open for 4 s.
    qint64 trickle(RawTlsClient& client, const QByteArray& bytes);
    // Every deadline 5 s but the one under test, so a close at about 1 s can only be it.
    static HttpServerOptions onlyShort(std::chrono::seconds HttpServerOptions::*timeout);
    void startWith(HttpServerOptions options);

    std::unique_ptr<TestServer> m_server;
};

void TestHttpTimeouts::init()
{
    m_server = std::make_unique<TestServer>();
}

void TestHttpTimeouts::cleanup()
{
    m_server.reset();
}

HttpServerOptions TestHttpTimeouts::onlyShort(std::chrono::seconds HttpServerOptions::*timeout)
{
    HttpServerOptions options = TestServer::fastOptions();
    options.handshakeTimeout = options.readTimeout = options.writeTimeout = options.idleTimeout = 5s;
    options.*timeout = 1s;
    return options;
}

void TestHttpTimeouts::startWith(HttpServerOptions options)
{
    QString error;
    QVERIFY2(m_server->start(options, &error), qPrintable(error));
}

qint64 TestHttpTimeouts::trickle(RawTlsClient& client, const QByteArray& bytes)
{
    QElapsedTimer clock;
    clock.start();
    for (qsizetype i = 0; clock.elapsed() < 4000; ++i) {
        if (!client.send(bytes.mid(i % bytes.size(), 1)))
            return clock.elapsed();
        if (client.waitClosed(100ms))
            return clock.elapsed();
    }
    return -1;
}

void TestHttpTimeouts::slowHeadersAreCutOffByTheReadTimeout()
{
    startWith(onlyShort(&HttpServerOptions::readTimeout));
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    // Slowloris: a header line that never ends, a byte at a time, well under the header limit.
    const qint64 elapsed = trickle(
        client, "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    QVERIFY2(elapsed >= 800 && elapsed < 2500, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpTimeouts::slowBodyIsCutOffByTheReadTimeout()
{
    startWith(onlyShort(&HttpServerOptions::readTimeout));
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n"));
    const qint64 elapsed = trickle(client, QByteArray(4000, 'b'));
    QVERIFY2(elapsed >= 800 && elapsed < 2500, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpTimeouts::silentClientIsCutOffByTheReadTimeout()
{
    startWith(onlyShort(&HttpServerOptions::readTimeout));
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.waitClosed(4s));
    QVERIFY2(clock.elapsed() >= 800 && clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
}

void TestHttpTimeouts::silentTcpClientIsCutOffByTheHandshakeTimeout()
{
    startWith(onlyShort(&HttpServerOptions::handshakeTimeout));
    RawTlsClient client;
    QVERIFY(client.connectTcp(m_server->port())); // and never says hello
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.waitClosed(4s));
    QVERIFY2(clock.elapsed() >= 800 && clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
}

void TestHttpTimeouts::idleKeepAliveIsClosedAfterTheIdleTimeout()
{
    startWith(onlyShort(&HttpServerOptions::idleTimeout));
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(RawTlsClient::request("GET", "/v1/health")));
    QCOMPARE(client.readResponse(3s).status, 200);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.waitClosed(4s));
    QVERIFY2(clock.elapsed() >= 800 && clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestHttpTimeouts)
#include "TestHttpTimeouts.moc"
