#pragma once

#include "TransportError.h"
#include "protocol/DigestRequest.h"
#include "protocol/DigestResponse.h"
#include "protocol/LoginRequest.h"
#include "protocol/LoginResponse.h"
#include "protocol/PullRequest.h"
#include "protocol/PullResponse.h"
#include "protocol/PushRequest.h"
#include "protocol/PushResponse.h"
#include "protocol/WhoamiResponse.h"

#include <variant>

// How the sync engine talks to a server. Calls block the calling thread (the engine runs
// on its own thread), so the engine reads as the protocol does: push, then pull pages,
// then the digest check. HttpSyncTransport is the real one (QtNetwork, TLS, pinning);
// tests also use an in-process one over a server's RequestHandler.
template<typename T> using TransportResult = std::variant<T, TransportError>;

class SyncTransport
{
public:
    virtual ~SyncTransport() = default;

    virtual TransportResult<LoginResponse> login(const LoginRequest& request) = 0;
    // The token from login; sent as "Authorization: Bearer" on every call below.
    virtual void setToken(const QString& token) = 0;
    virtual TransportResult<WhoamiResponse> whoami() = 0;
    virtual TransportResult<PushResponse> push(const PushRequest& request) = 0;
    virtual TransportResult<PullResponse> pull(const PullRequest& request) = 0;
    virtual TransportResult<DigestResponse> digest(const DigestRequest& request) = 0;
    // Asks an in-flight call to end now with Kind::Offline ("cancelled"); thread-safe.
    virtual void cancel() = 0;
};
