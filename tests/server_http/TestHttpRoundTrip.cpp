// The transport's normal path, through QNetworkAccessManager trusting only the test
// certificate: every ServerRequest field reaches the handler, the answer's headers are the
// transport's, a handler that throws costs one 500 and nothing more, keep-alive works.
#include "RawTlsClient.h"
#include "TestServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

namespace {

struct Reply
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.toLower() == name.toLower())
                return value;
        }
        return {};
    }
};

} // namespace

class TestHttpRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyFieldReachesTheHandler();
    void aBareGetHasEmptyFields();
    void responseHeadersAreTheTransports();
    void aBodyOverTheLimitReachesTheClientAs413();
    void anUntrustedServerIsRefusedByTheClient();
    void handlerExceptionIs500AndTheServerGoesOn();
    void keepAliveServesTwoRequestsOnOneConnection();
    void pipelinedRequestsAreAnsweredInOrder();
    void headGetsHeadersWithoutABody();
    void badPercentEncodingIs400();
    void manyClientsAtOnceEachGetTheirOwnAnswers();

private:
    QNetworkRequest request(const QByteArray& encodedPathAndQuery) const;
    Reply wait(QNetworkReply* reply);

    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_network;
};

void TestHttpRoundTrip::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->port() != 0);
}

void TestHttpRoundTrip::cleanup()
{
    m_network.clearConnectionCache();
    m_server.reset();
}

QNetworkRequest TestHttpRoundTrip::request(const QByteArray& encodedPathAndQuery) const
{
    const QByteArray url = "https://127.0.0.1:" + QByteArray::number(m_server->port()) + encodedPathAndQuery;
    QNetworkRequest request(QUrl::fromEncoded(url, QUrl::StrictMode));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(m_server->certificatePath()));
    request.setSslConfiguration(tls);
    return request;
}

Reply TestHttpRoundTrip::wait(QNetworkReply* reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    Reply result;
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

void TestHttpRoundTrip::everyFieldReachesTheHandler()
{
    QNetworkRequest post = request("/v1/some%20path/caf%C3%A9?since=0&limit=5&q=a%2Bb");
    post.setRawHeader("Authorization", "Bearer t0ken-123");
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json; charset=utf-8"));
    const QByteArray body = QStringLiteral("{\"text\":\"Siân's visit\"}").toUtf8();
    const Reply reply = wait(m_network.post(post, body));
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(reply.json.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/some path/café"));
    QCOMPARE(reply.json.value(QStringLiteral("query")).toString(), QStringLiteral("since=0&limit=5&q=a%2Bb"));
    QCOMPARE(
        reply.json.value(QStringLiteral("authorization")).toString(), QStringLiteral("Bearer t0ken-123"));
    QCOMPARE(reply.json.value(QStringLiteral("contentType")).toString(),
        QStringLiteral("application/json; charset=utf-8"));
    QCOMPARE(reply.json.value(QStringLiteral("body")).toString().toUtf8(), body);
    QCOMPARE(reply.json.value(QStringLiteral("peer")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(m_server->handler().calls(), 1);
}

void TestHttpRoundTrip::aBareGetHasEmptyFields()
{
    const Reply reply = wait(m_network.get(request("/v1/health")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(reply.json.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/health"));
    QCOMPARE(reply.json.value(QStringLiteral("query")).toString(), QString());
    QCOMPARE(reply.json.value(QStringLiteral("authorization")).toString(), QString());
    QCOMPARE(reply.json.value(QStringLiteral("contentType")).toString(), QString());
    QCOMPARE(reply.json.value(QStringLiteral("body")).toString(), QString());
}

void TestHttpRoundTrip::responseHeadersAreTheTransports()
{
    const Reply reply = wait(m_network.get(request("/v1/whoami")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(reply.header("Server"), QByteArrayLiteral("casebook-server"));
    QCOMPARE(reply.header("Cache-Control"), QByteArrayLiteral("no-store"));
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(reply.body.size()));
    QCOMPARE(reply.header("X-Echo"), QByteArrayLiteral("yes")); // the handler's own header
    QVERIFY(reply.header("Injected").isEmpty());
    QVERIFY(reply.header("X-Split").isEmpty());
}

void TestHttpRoundTrip::aBodyOverTheLimitReachesTheClientAs413()
{
    // The sync engine must see the 413 (to send a smaller batch), not a reset connection,
    // even though the server answers before the upload is done.
    for (const int size : {4097, 300 * 1024}) {
        QNetworkRequest post = request("/v1/push");
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const Reply reply = wait(m_network.post(post, QByteArray(size, 'x')));
        QVERIFY2(reply.status == 413,
            qPrintable(QStringLiteral("size %1 error %2 status %3")
                           .arg(size)
                           .arg(int(reply.error))
                           .arg(reply.status)));
        QCOMPARE(
            reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("body_too_large"));
    }
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpRoundTrip::anUntrustedServerIsRefusedByTheClient()
{
    // The same request without the test certificate as CA: proves the other tests' TLS is
    // verified, not just encrypted.
    const QByteArray url = "https://127.0.0.1:" + QByteArray::number(m_server->port()) + "/v1/health";
    const Reply reply = wait(m_network.get(QNetworkRequest(QUrl::fromEncoded(url))));
    QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpRoundTrip::handlerExceptionIs500AndTheServerGoesOn()
{
    const Reply failed = wait(m_network.get(request("/throw")));
    QCOMPARE(failed.status, 500);
    QCOMPARE(failed.header("Content-Type"), QByteArrayLiteral("application/json"));
    const QJsonObject error = failed.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("internal_error"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(!failed.body.contains("secret"));
    QVERIFY(!failed.body.contains("/var/"));

    const Reply next = wait(m_network.get(request("/v1/health")));
    QCOMPARE(next.status, 200);
    QCOMPARE(m_server->handler().calls(), 2);
}

void TestHttpRoundTrip::keepAliveServesTwoRequestsOnOneConnection()
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(RawTlsClient::request("GET", "/first")));
    const RawTlsClient::Response first = client.readResponse(std::chrono::seconds(3));
    QCOMPARE(first.status, 200);
    QVERIFY(first.header("Connection").toLower() != "close");
    QVERIFY(client.send(RawTlsClient::request("POST", "/second", "{}")));
    const RawTlsClient::Response second = client.readResponse(std::chrono::seconds(3));
    QCOMPARE(second.status, 201);
    QCOMPARE(QJsonDocument::fromJson(second.body).object().value(QStringLiteral("path")).toString(),
        QStringLiteral("/second"));
    QCOMPARE(m_server->handler().calls(), 2);
}

void TestHttpRoundTrip::pipelinedRequestsAreAnsweredInOrder()
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(RawTlsClient::request("GET", "/one") + RawTlsClient::request("GET", "/two")));
    const RawTlsClient::Response one = client.readResponse(std::chrono::seconds(3));
    const RawTlsClient::Response two = client.readResponse(std::chrono::seconds(3));
    QCOMPARE(QJsonDocument::fromJson(one.body).object().value(QStringLiteral("path")).toString(),
        QStringLiteral("/one"));
    QCOMPARE(QJsonDocument::fromJson(two.body).object().value(QStringLiteral("path")).toString(),
        QStringLiteral("/two"));
}

void TestHttpRoundTrip::headGetsHeadersWithoutABody()
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server->port()));
    QVERIFY(client.send(RawTlsClient::request("HEAD", "/v1/health")));
    const RawTlsClient::Response head = client.readResponse(std::chrono::seconds(3), false);
    QCOMPARE(head.status, 200);
    QVERIFY(head.header("Content-Length").toInt() > 0);
    // A body sent after it would be read here as the start of the next answer.
    QVERIFY(client.send(RawTlsClient::request("GET", "/next")));
    const RawTlsClient::Response next = client.readResponse(std::chrono::seconds(3));
    QCOMPARE(next.status, 200);
    QCOMPARE(QJsonDocument::fromJson(next.body).object().value(QStringLiteral("path")).toString(),
        QStringLiteral("/next"));
}

void TestHttpRoundTrip::badPercentEncodingIs400()
{
    for (const QByteArray& target : {QByteArrayLiteral("/a%zz"), QByteArrayLiteral("/a%2"),
             QByteArrayLiteral("/a%00b"), QByteArrayLiteral("/a%C3%28"), QByteArrayLiteral("*")}) {
        RawTlsClient client;
        QVERIFY(client.connectTls(m_server->port()));
        QVERIFY(client.send(RawTlsClient::request("GET", target)));
        const RawTlsClient::Response response = client.readResponse(std::chrono::seconds(3));
        QCOMPARE(response.status, 400);
        QCOMPARE(QJsonDocument::fromJson(response.body)
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("bad_request"));
        QVERIFY(client.waitClosed(std::chrono::seconds(3)));
    }
    QCOMPARE(m_server->handler().calls(), 0);
}

void TestHttpRoundTrip::manyClientsAtOnceEachGetTheirOwnAnswers()
{
    // 8 connections on 3 pool threads, 10 keep-alive requests each: no answer may go to the
    // wrong connection or the wrong request.
    constexpr int kClients = 8;
    constexpr int kRequests = 10;
    std::atomic<int> right {0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([this, c, &right] {
            RawTlsClient client;
            if (!client.connectTls(m_server->port()))
                return;
            for (int r = 0; r < kRequests; ++r) {
                const QByteArray body
                    = "{\"client\":" + QByteArray::number(c) + ",\"request\":" + QByteArray::number(r) + '}';
                if (!client.send(RawTlsClient::request("POST", "/c" + QByteArray::number(c), body)))
                    return;
                const RawTlsClient::Response response = client.readResponse(std::chrono::seconds(5));
                const QJsonObject echo = QJsonDocument::fromJson(response.body).object();
                if (response.status == 201 && echo.value(QStringLiteral("body")).toString().toUtf8() == body)
                    ++right;
            }
        });
    }
    for (std::thread& client : clients)
        client.join();
    QCOMPARE(right.load(), kClients * kRequests);
    QCOMPARE(m_server->handler().calls(), kClients * kRequests);
}

QTEST_GUILESS_MAIN(TestHttpRoundTrip)
#include "TestHttpRoundTrip.moc"
