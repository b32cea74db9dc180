#pragma once

#include <QString>

// Why a call to the server did not produce a protocol answer. kind drives what the engine
// does next (retry later, stop and ask for a login, give up); message is a plain sentence
// for the worker (no URL secrets, no personal data).
struct TransportError
{
    enum class Kind {
        Offline, // no route, DNS failure, connection refused or timed out
        TlsUntrusted, // certificate not trusted and not the pinned one
        Unauthorized, // 401: token missing, expired or unknown: log in again
        DeviceRevoked, // 401 with code device_revoked: an admin withdrew this laptop
        WipeRequested, // 401 with code device_wipe: an admin asked for this laptop's store to be wiped
        RateLimited, // 429: try later (retryAfterSeconds)
        Refused, // any other 4xx: the request itself is wrong; retrying as is will not help
        ServerError, // 5xx: try later
        BadResponse, // the answer did not decode as protocol v1
    };

    Kind kind = Kind::Offline;
    int httpStatus = 0; // 0 when no HTTP answer came
    QString code; // ErrorBody code when the server sent one
    QString message;
    int retryAfterSeconds = 0;
};
