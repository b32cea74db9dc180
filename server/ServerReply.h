#pragma once

#include "http/ServerResponse.h"
#include "protocol/ProtocolCodec.h"

#include <QString>

// Builds SyncService's responses. Every refusal is an ErrorBody with one of the codes
// documented in docs/SYNC.md and a message that names no SQL, path or personal data.
class ServerReply
{
public:
    template<typename T> static ServerResponse ok(const T& body)
    {
        ServerResponse response;
        response.body = ProtocolCodec::encode(body);
        return response;
    }
    static ServerResponse error(int status, const QString& code, const QString& message);
    static ServerResponse decodeError(const ProtocolError& error); // 400 with the codec's code
    static ServerResponse unauthorized();
    static ServerResponse notFound();
    static ServerResponse methodNotAllowed(const QByteArray& allowed);
    static ServerResponse unsupportedMediaType();
    static ServerResponse rateLimited(qint64 retryAfterSeconds);
    static ServerResponse forbidden(const QString& message);
    static ServerResponse internalError();
};
