// Graceful stop: a request being handled when stop() comes is still answered, then nothing
// new is accepted; idle and half-sent connections are closed at once rather than waited
// for; stop() is idempotent; runUntilSignalled() ends on SIGTERM or on stop().
#include "RawTlsClient.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

class TestHttpStop : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void stopDuringASlowRequestStillAnswersIt();
    void stopClosesIdleConnectionsAtOnce();
    void stopDoesNotWaitForAHalfSentRequest();
    void stopIsIdempotent();
    void runUntilSignalledStopsOnSigterm();
    void stopEndsRunUntilSignalled();

private:
    void startWith(HttpServerOptions options);
    bool refusesNewConnections() const;
    std::unique_ptr<TestServer> m_server;
    quint16 m_port = 0;
};

void TestHttpStop::init()
{
    m_server = std::make_unique<TestServer>();
}

void TestHttpStop::cleanup()
{
    m_server.reset();
}

void TestHttpStop::startWith(HttpServerOptions options)
{
    QString error;
    QVERIFY2(m_server->start(options, &error), qPrintable(error));
    m_port = m_server->port();
}

bool TestHttpStop::refusesNewConnections() const
{
    RawTlsClient client;
    return !client.connectTcp(m_port);
}

void TestHttpStop::stopDuringASlowRequestStillAnswersIt()
{
    startWith(TestServer::fastOptions());
    m_server->handler().slowFor = 800ms;
    RawTlsClient client;
    QVERIFY(client.connectTls(m_port));
    QVERIFY(client.send(RawTlsClient::request("POST", "/slow", "{\"push\":1}")));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->handler().slowStarted(), 3000);

    QElapsedTimer clock;
    clock.start();
    std::thread stopper([this] { m_server->stop(); });
    const RawTlsClient::Response response = client.readResponse(3s);
    stopper.join();
    QCOMPARE(response.status, 201);
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("body")).toString(),
        QStringLiteral("{\"push\":1}"));
    QCOMPARE(response.header("Connection").toLower(), QByteArrayLiteral("close"));
    QVERIFY2(clock.elapsed() >= 500, "stop() returned before the request it waited for could finish");
    QVERIFY(refusesNewConnections());
    QCOMPARE(m_server->handler().calls(), 1);
}

void TestHttpStop::stopClosesIdleConnectionsAtOnce()
{
    HttpServerOptions options = TestServer::fastOptions();
    options.idleTimeout = 30s;
    startWith(options);
    RawTlsClient client;
    QVERIFY(client.connectTls(m_port));
    QVERIFY(client.send(RawTlsClient::request("GET", "/v1/health")));
    QCOMPARE(client.readResponse(3s).status, 200);

    QElapsedTimer clock;
    clock.start();
    m_server->stop();
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(client.waitClosed(1s));
    QVERIFY(refusesNewConnections());
}

void TestHttpStop::stopDoesNotWaitForAHalfSentRequest()
{
    HttpServerOptions options = TestServer::fastOptions();
    options.readTimeout = 30s;
    options.handshakeTimeout = 30s;
    startWith(options);
    RawTlsClient halfSent;
    QVERIFY(halfSent.connectTls(m_port));
    QVERIFY(halfSent.send("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"half"));
    RawTlsClient noHello;
    QVERIFY(noHello.connectTcp(m_port));
    QTest::qWait(100); // let the server take both in

    QElapsedTimer clock;
    clock.start();
    m_server->stop();
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(halfSent.waitClosed(1s));
    QVERIFY(noHello.waitClosed(1s));
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpStop::stopIsIdempotent()
{
    startWith(TestServer::fastOptions());
    m_server->stop();
    m_server->stop();
    QVERIFY(refusesNewConnections());
    m_server.reset(); // and the destructor's stop() after them
}

void TestHttpStop::runUntilSignalledStopsOnSigterm()
{
    startWith(TestServer::fastOptions());
    std::thread signaller([] {
        std::this_thread::sleep_for(300ms); // runUntilSignalled has its handler in place by then
        ::kill(::getpid(), SIGTERM);
    });
    QElapsedTimer clock;
    clock.start();
    m_server->server().runUntilSignalled();
    signaller.join();
    QVERIFY(clock.elapsed() >= 250);
    QVERIFY(refusesNewConnections());
}

void TestHttpStop::stopEndsRunUntilSignalled()
{
    // The serve command may stop the server from elsewhere (a fatal storage error): the
    // thread waiting for a signal must not wait on.
    startWith(TestServer::fastOptions());
    std::thread waiter([this] { m_server->server().runUntilSignalled(); });
    QTest::qWait(200);
    QElapsedTimer clock;
    clock.start();
    m_server->stop();
    waiter.join();
    QVERIFY(clock.elapsed() < 1500);
    QVERIFY(refusesNewConnections());
}

QTEST_GUILESS_MAIN(TestHttpStop)
#include "TestHttpStop.moc"
