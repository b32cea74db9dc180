#pragma once

#include <QDateTime>
#include <QString>

// The device token and who it belongs to. The token goes in "Authorization: Bearer".
struct LoginResponse
{
    QString token;
    QDateTime expiresAt; // UTC
    QString displayName;
    QString agencyId; // UUID, or empty for a worker not tied to an agency
    QString role;

    friend bool operator==(const LoginResponse&, const LoginResponse&) = default;
};
