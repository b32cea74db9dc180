#pragma once

#include <QDateTime>
#include <QString>

// GET /v1/whoami: who the token belongs to, as the server sees them now.
struct WhoamiResponse
{
    QString username;
    QString displayName;
    QString role; // "worker", "lead", "partner", "admin"
    QString agencyId; // UUID, or empty when not tied to an agency
    QString team; // the team's name
    QString deviceId; // UUID the server gave this device at login
    QDateTime expiresAt; // UTC: when the token stops working

    friend bool operator==(const WhoamiResponse&, const WhoamiResponse&) = default;
};
