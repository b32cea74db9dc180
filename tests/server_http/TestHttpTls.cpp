// TLS as the server speaks it: 1.2 or 1.3 only, AEAD ciphers only, and nothing at all for
// a client that does not speak TLS. The raw client runs at OpenSSL security level 0 and
// offers what it is told, so a refusal here is the server's.
#include "RawTlsClient.h"
#include "TestServer.h"
#include "server/http/TlsCertificate.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/ssl.h>

using namespace std::chrono_literals;

class TestHttpTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aDefaultClientGetsTls13();
    void tls12WithAnAeadCipherIsServed();
    void tls11IsRefused();
    void tls10IsRefused();
    void cbcAndLegacyCiphersAreRefused();
    void plaintextHttpGetsNoAnswer();
    void startRefusesAMissingCertificateOrAForeignKey();
    void startReportsAPortInUse();

private:
    bool handshake(int minVersion, int maxVersion, const char* ciphers = nullptr);
    TestServer m_server;
};

void TestHttpTls::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestHttpTls::cleanupTestCase()
{
    m_server.stop();
}

bool TestHttpTls::handshake(int minVersion, int maxVersion, const char* ciphers)
{
    RawTlsClient client;
    return client.connectTcp(m_server.port()) && client.handshake(minVersion, maxVersion, ciphers);
}

void TestHttpTls::aDefaultClientGetsTls13()
{
    RawTlsClient client;
    QVERIFY(client.connectTls(m_server.port()));
    QCOMPARE(client.tlsVersion(), TLS1_3_VERSION);
    QVERIFY(client.send(RawTlsClient::request("GET", "/v1/health")));
    QCOMPARE(client.readResponse(3s).status, 200);
}

void TestHttpTls::tls12WithAnAeadCipherIsServed()
{
    // The control for the refusals below: the same client settings, an allowed choice.
    QVERIFY(handshake(TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0"));
    QVERIFY(handshake(TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-CHACHA20-POLY1305:@SECLEVEL=0"));
}

void TestHttpTls::tls11IsRefused()
{
    QVERIFY(!handshake(TLS1_1_VERSION, TLS1_1_VERSION));
}

void TestHttpTls::tls10IsRefused()
{
    QVERIFY(!handshake(TLS1_VERSION, TLS1_VERSION));
}

void TestHttpTls::cbcAndLegacyCiphersAreRefused()
{
    // OpenSSL's own defaults would accept the CBC-SHA1 suites; the server's list does not.
    QVERIFY(!handshake(
        TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:@SECLEVEL=0"));
    QVERIFY(!handshake(
        TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:@SECLEVEL=0"));
    QVERIFY(!handshake(TLS1_2_VERSION, TLS1_2_VERSION, "DES-CBC3-SHA:RC4-SHA:@SECLEVEL=0"));
}

void TestHttpTls::plaintextHttpGetsNoAnswer()
{
    RawTlsClient client;
    QVERIFY(client.connectTcp(m_server.port()));
    QVERIFY(client.send(RawTlsClient::request("GET", "/v1/health")));
    QByteArray received;
    QVERIFY(client.waitClosed(3s, &received));
    QVERIFY2(!received.contains("HTTP/"), received.constData());
    QVERIFY(!received.contains("health"));
}

void TestHttpTls::startRefusesAMissingCertificateOrAForeignKey()
{
    TestHandler handler;
    HttpServerOptions options = TestServer::fastOptions();
    options.certificateFile = m_server.certificatePath() + QStringLiteral(".missing");
    options.privateKeyFile = m_server.keyPath();
    QString error;
    QVERIFY(!HttpServer(options, handler).start(&error));
    QVERIFY(error.contains(QStringLiteral("certificate file")));

    // A key that is not the certificate's.
    QTemporaryDir other;
    const QString otherKey = other.filePath(QStringLiteral("k.pem"));
    QVERIFY(TlsCertificate::writeSelfSigned(
        other.filePath(QStringLiteral("c.pem")), otherKey, QStringLiteral("localhost"), &error));
    options.certificateFile = m_server.certificatePath();
    options.privateKeyFile = otherKey;
    error.clear();
    QVERIFY(!HttpServer(options, handler).start(&error));
    QVERIFY2(error.contains(QStringLiteral("not the certificate's key")), qPrintable(error));
}

void TestHttpTls::startReportsAPortInUse()
{
    TestHandler handler;
    HttpServerOptions options = TestServer::fastOptions();
    options.certificateFile = m_server.certificatePath();
    options.privateKeyFile = m_server.keyPath();
    options.port = m_server.port(); // taken by the suite's server
    QString error;
    QVERIFY(!HttpServer(options, handler).start(&error));
    QVERIFY2(error.contains(QString::number(options.port)), qPrintable(error));
    options.address = QStringLiteral("not-an-address");
    options.port = 0;
    QVERIFY(!HttpServer(options, handler).start(&error));
    QVERIFY(error.contains(QStringLiteral("not an IP address")));
}

QTEST_GUILESS_MAIN(TestHttpTls)
#include "TestHttpTls.moc"
