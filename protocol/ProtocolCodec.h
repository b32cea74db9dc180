#pragma once

#include "Change.h"
#include "DigestRequest.h"
#include "DigestResponse.h"
#include "ErrorBody.h"
#include "HealthResponse.h"
#include "LoginRequest.h"
#include "LoginResponse.h"
#include "PullRequest.h"
#include "PullResponse.h"
#include "PushRequest.h"
#include "PushResponse.h"
#include "Result.h"
#include "WhoamiResponse.h"

#include <QByteArray>
#include <QJsonObject>

// Protocol v1 bodies to and from JSON (docs/SYNC.md). Encoding trusts its input (our own
// values); decoding trusts nothing: every decode returns a value that satisfies the
// protocol or a ProtocolError naming the first problem, and never crashes or asserts on
// any bytes. Client and server both decode what the other sends.
class ProtocolCodec
{
public:
    static QJsonObject toJson(const Change& change);
    static QJsonObject toJson(const PushRequest& request);
    static QJsonObject toJson(const PushResult& result);
    static QJsonObject toJson(const PushResponse& response);
    static QJsonObject toJson(const PulledChange& change);
    static QJsonObject toJson(const PullResponse& response);
    static QJsonObject toJson(const LoginRequest& request);
    static QJsonObject toJson(const LoginResponse& response);
    static QJsonObject toJson(const ErrorBody& body);
    static QJsonObject toJson(const WhoamiResponse& response);
    static QJsonObject toJson(const HealthResponse& response);
    static QJsonObject toJson(const DigestRequest& request);
    static QJsonObject toJson(const DigestResponse& response);

    // Compact JSON bytes of any of the above.
    template<typename T> static QByteArray encode(const T& value) { return toBytes(toJson(value)); }

    static Result<Change> decodeChange(const QByteArray& body);
    static Result<PushRequest> decodePushRequest(const QByteArray& body);
    static Result<PushResult> decodePushResult(const QByteArray& body);
    static Result<PushResponse> decodePushResponse(const QByteArray& body);
    static Result<PulledChange> decodePulledChange(const QByteArray& body);
    static Result<PullResponse> decodePullResponse(const QByteArray& body);
    static Result<LoginRequest> decodeLoginRequest(const QByteArray& body);
    static Result<LoginResponse> decodeLoginResponse(const QByteArray& body);
    static Result<ErrorBody> decodeErrorBody(const QByteArray& body);
    static Result<WhoamiResponse> decodeWhoamiResponse(const QByteArray& body);
    static Result<HealthResponse> decodeHealthResponse(const QByteArray& body);
    static Result<DigestRequest> decodeDigestRequest(const QByteArray& body);
    static Result<DigestResponse> decodeDigestResponse(const QByteArray& body);

    // A pull is a GET: its request is the query string "since=<seq>&limit=<n>" (no "?").
    static QString encodePullQuery(const PullRequest& request);
    static Result<PullRequest> decodePullQuery(const QString& query);

    // The body a server sends for a refused request.
    static ErrorBody errorBodyFor(const ProtocolError& error);

private:
    static QByteArray toBytes(const QJsonObject& object);
};
