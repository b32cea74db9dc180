#pragma once

#include <QString>

// POST /v1/login: a password exchanged once for a device token.
struct LoginRequest
{
    QString username;
    QString password;
    QString deviceName; // shown in the admin's device list, e.g. "Laptop 14"

    friend bool operator==(const LoginRequest&, const LoginRequest&) = default;
};
