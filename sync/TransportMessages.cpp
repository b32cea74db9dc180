#include "TransportMessages.h"

using Kind = TransportError::Kind;

TransportError TransportMessages::make(Kind kind, int status, const QString& code, const QString& message)
{
    TransportError error;
    error.kind = kind;
    error.httpStatus = status;
    error.code = code;
    error.message = message;
    return error;
}

TransportError TransportMessages::forStatus(int status, const ErrorBody& body)
{
    if (status == 401 && body.code == QLatin1String("device_revoked"))
        return make(Kind::DeviceRevoked, status, body.code,
            tr("An administrator has withdrawn this laptop from sync. Ask your team lead or IT."));
    if (status == 401 && body.code == QLatin1String("device_wipe"))
        return make(Kind::WipeRequested, status, body.code,
            tr("An administrator has asked for this laptop's case store to be wiped."));
    if (status == 401)
        return make(Kind::Unauthorized, status, body.code,
            tr("The sign-in to the sync server has expired or is no longer valid: log in again."));
    if (status == 429)
        return make(Kind::RateLimited, status, body.code,
            tr("The sync server is busy and asked this laptop to try again later."));
    if (status >= 500 && status <= 599)
        return make(Kind::ServerError, status, body.code,
            tr("The sync server had a problem (HTTP %1); sync will try again later.").arg(status));
    if (status >= 400 && status <= 499) {
        const QString detail = body.message.isEmpty() ? tr("HTTP %1").arg(status) : body.message;
        return make(
            Kind::Refused, status, body.code, tr("The sync server refused the request: %1").arg(detail));
    }
    return badResponse(status);
}

TransportError TransportMessages::offline(QNetworkReply::NetworkError error)
{
    QString message;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        message = tr("The sync server refused the connection: it may be down, or the address may be wrong.");
        break;
    case QNetworkReply::HostNotFoundError:
        message = tr("The sync server's name could not be found: check the network connection and the "
                     "server address.");
        break;
    case QNetworkReply::TimeoutError:
        message = tr("The connection to the sync server timed out.");
        break;
    default:
        message = tr("The sync server could not be reached: check the network connection.");
        break;
    }
    return make(Kind::Offline, 0, QString(),
        message + QLatin1Char(' ') + tr("Changes stay on this laptop until the next sync."));
}

TransportError TransportMessages::timedOut(int timeoutMs)
{
    return make(Kind::Offline, 0, QStringLiteral("timeout"),
        tr("The sync server did not answer within %n second(s). Changes stay on this laptop until the next "
           "sync.",
            nullptr, qMax(1, timeoutMs / 1000)));
}

TransportError TransportMessages::cancelled()
{
    return make(Kind::Offline, 0, QStringLiteral("cancelled"), tr("Sync was cancelled."));
}

TransportError TransportMessages::tlsUntrusted(const QString& host)
{
    return make(Kind::TlsUntrusted, 0, QString(),
        tr("The certificate of the sync server %1 is not trusted by this laptop (not one the system "
           "trusts, not the one confirmed for this server, or made out for another name). Nothing was "
           "sent. Ask IT before connecting again.")
            .arg(host));
}

TransportError TransportMessages::badResponse(int status)
{
    return make(Kind::BadResponse, status, QString(),
        tr("The sync server's answer was not understood: is the address that of a Pivot Casebook server "
           "(protocol v1)?"));
}
