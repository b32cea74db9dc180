#include "ServerCertificateProbe.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace {
bool isTrustError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}
} // namespace

QString ServerCertificateProbe::fingerprint(const QSslCertificate& certificate)
{
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    return QStringLiteral("SHA256:") + QString::fromLatin1(hex);
}

ServerCertificateProbe::Result ServerCertificateProbe::probe(const QUrl& serverUrl, int timeoutMs)
{
    Result result;
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setCaCertificates(QSslConfiguration::systemCaCertificates());
    socket.setSslConfiguration(tls);

    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QSslSocket::encrypted, &loop, [&] {
        result.trustedBySystem = true;
        loop.quit();
    });
    // Called mid-handshake; not ignoring the errors makes the socket close right after.
    QObject::connect(&socket, &QSslSocket::sslErrors, &loop, [&](const QList<QSslError>& errors) {
        result.errors = errors;
        result.certificate = socket.peerCertificate();
        loop.quit();
    });
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &loop, [&] {
        if (result.problem.isEmpty())
            result.problem = tr("Could not connect to %1: %2").arg(serverUrl.host(), socket.errorString());
        loop.quit();
    });
    socket.connectToHostEncrypted(serverUrl.host(), static_cast<quint16>(serverUrl.port(443)));
    timeout.start(timeoutMs);
    loop.exec();
    if (result.trustedBySystem)
        result.certificate = socket.peerCertificate();
    socket.abort();

    result.connected = !result.certificate.isNull();
    if (!result.connected) {
        result.trustedBySystem = false;
        if (result.problem.isEmpty())
            result.problem = tr("The server %1 did not complete a TLS handshake within %n second(s).",
                nullptr, qMax(1, timeoutMs / 1000))
                                 .arg(serverUrl.host());
        return result;
    }
    result.fingerprint = fingerprint(result.certificate);
    result.pinnable = !result.trustedBySystem && !result.errors.isEmpty()
        && std::all_of(result.errors.cbegin(), result.errors.cend(),
            [](const QSslError& e) { return isTrustError(e.error()); });
    return result;
}
