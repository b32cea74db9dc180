#pragma once

#include <QString>

// GET /v1/health (no token): the server is up and speaks this protocol version.
struct HealthResponse
{
    QString status; // "ok"
    QString version; // "v1"

    friend bool operator==(const HealthResponse&, const HealthResponse&) = default;
};
