#include "HttpsResponder.h"
#include "sync/ServerCertificateProbe.h"

#include <QFile>
#include <QTcpServer>
#include <QTest>

// The first-connection probe: it reads the server's certificate and its fingerprint in the
// server's format, sends no data, and says whether pinning could make the server trusted.
class TestServerCertificateProbe : public QObject
{
    Q_OBJECT

private slots:
    void fingerprintFormat();
    void probeReadsCertificateAndSendsNothing();
    void certificateForAnotherNameIsNotPinnable();
    void nothingListeningIsAProblem();

private:
    static QString data(const QString& name) { return QStringLiteral(TEST_DATA_DIR "/") + name; }
    static QSslCertificate certificate(const QString& name)
    {
        QFile file(data(name + QStringLiteral(".crt")));
        return file.open(QIODevice::ReadOnly) ? QSslCertificate(file.readAll(), QSsl::Pem)
                                              : QSslCertificate();
    }
};

void TestServerCertificateProbe::fingerprintFormat()
{
    // As `openssl x509 -in server-a.crt -noout -fingerprint -sha256` prints it (data/README.md).
    QCOMPARE(ServerCertificateProbe::fingerprint(certificate(QStringLiteral("server-a"))),
        QStringLiteral(
            "SHA256:99:79:E1:58:6C:0D:23:CA:45:FA:79:22:15:84:D9:BC:91:7A:0D:6B:20:58:E8:A4:23:21:BE:D3:"
            "A7:45:51:FF"));
}

void TestServerCertificateProbe::probeReadsCertificateAndSendsNothing()
{
    HttpsResponder server(data(QStringLiteral("server-a.crt")), data(QStringLiteral("server-a.key")));
    QVERIFY(server.listen());
    const ServerCertificateProbe::Result result = ServerCertificateProbe::probe(server.url(), 10000);
    QVERIFY2(result.connected, qPrintable(result.problem));
    QCOMPARE(result.certificate, certificate(QStringLiteral("server-a")));
    QCOMPARE(
        result.fingerprint, ServerCertificateProbe::fingerprint(certificate(QStringLiteral("server-a"))));
    QVERIFY(!result.trustedBySystem);
    QVERIFY(result.pinnable);
    QVERIFY(!result.errors.isEmpty());
    QTest::qWait(100); // let the server see whatever might have come
    QCOMPARE(server.bytesReceived(), 0);
    QVERIFY(server.requests().isEmpty());
}

void TestServerCertificateProbe::certificateForAnotherNameIsNotPinnable()
{
    HttpsResponder server(data(QStringLiteral("wrong-host.crt")), data(QStringLiteral("wrong-host.key")));
    QVERIFY(server.listen());
    const ServerCertificateProbe::Result result = ServerCertificateProbe::probe(server.url(), 10000);
    QVERIFY(result.connected);
    QVERIFY(!result.trustedBySystem);
    QVERIFY(!result.pinnable);
    const bool nameMismatch = std::any_of(result.errors.cbegin(), result.errors.cend(),
        [](const QSslError& e) { return e.error() == QSslError::HostNameMismatch; });
    QVERIFY(nameMismatch);
}

void TestServerCertificateProbe::nothingListeningIsAProblem()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const ServerCertificateProbe::Result result
        = ServerCertificateProbe::probe(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)), 5000);
    QVERIFY(!result.connected);
    QVERIFY(!result.problem.isEmpty());
    QVERIFY(result.fingerprint.isEmpty());
}

QTEST_GUILESS_MAIN(TestServerCertificateProbe)
#include "TestServerCertificateProbe.moc"
