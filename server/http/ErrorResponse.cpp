#include "ErrorResponse.h"

#include <QJsonDocument>
#include <QJsonObject>

ServerResponse ErrorResponse::make(int status, const char* code, const char* message)
{
    const QJsonObject error {{QStringLiteral("code"), QString::fromLatin1(code)},
        {QStringLiteral("message"), QString::fromLatin1(message)}};
    ServerResponse response;
    response.status = status;
    response.body
        = QJsonDocument(QJsonObject {{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
    return response;
}

ServerResponse ErrorResponse::badRequest()
{
    return make(400, "bad_request", "The request is not well-formed HTTP/1.1.");
}

ServerResponse ErrorResponse::bodyTooLarge()
{
    return make(413, "body_too_large", "The request body is larger than the server accepts.");
}

ServerResponse ErrorResponse::headerTooLarge()
{
    return make(431, "header_too_large", "The request headers are larger than the server accepts.");
}

ServerResponse ErrorResponse::internalError()
{
    return make(500, "internal_error", "The server could not answer this request.");
}

ServerResponse ErrorResponse::busy()
{
    ServerResponse response
        = make(503, "server_busy", "The server has too many connections; try again shortly.");
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")});
    return response;
}
