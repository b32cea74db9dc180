#include "ServerReply.h"

ServerResponse ServerReply::error(int status, const QString& code, const QString& message)
{
    ServerResponse response;
    response.status = status;
    response.body = ProtocolCodec::encode(ErrorBody {code, message});
    return response;
}

ServerResponse ServerReply::decodeError(const ProtocolError& error)
{
    const ErrorBody body = ProtocolCodec::errorBodyFor(error);
    return ServerReply::error(400, body.code, body.message);
}

ServerResponse ServerReply::unauthorized()
{
    return error(401, QStringLiteral("unauthorized"),
        QStringLiteral("The request is not signed in, or its token is no longer valid; sign in again."));
}

ServerResponse ServerReply::notFound()
{
    return error(404, QStringLiteral("not_found"), QStringLiteral("There is no such endpoint."));
}

ServerResponse ServerReply::methodNotAllowed(const QByteArray& allowed)
{
    ServerResponse response = error(405, QStringLiteral("method_not_allowed"),
        QStringLiteral("This endpoint only answers %1.").arg(QString::fromLatin1(allowed)));
    response.headers.append({QByteArrayLiteral("Allow"), allowed});
    return response;
}

ServerResponse ServerReply::unsupportedMediaType()
{
    return error(415, QStringLiteral("unsupported_media_type"),
        QStringLiteral("The body must be sent as Content-Type: application/json."));
}

ServerResponse ServerReply::rateLimited(qint64 retryAfterSeconds)
{
    ServerResponse response = error(429, QStringLiteral("rate_limited"),
        QStringLiteral("Too many failed sign-ins for this account; try again later."));
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds)});
    return response;
}

ServerResponse ServerReply::forbidden(const QString& message)
{
    return error(403, QStringLiteral("forbidden"), message);
}

ServerResponse ServerReply::internalError()
{
    return error(500, QStringLiteral("internal_error"),
        QStringLiteral("The server could not complete the request; nothing was changed."));
}
