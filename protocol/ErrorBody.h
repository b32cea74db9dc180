#pragma once

#include <QString>

// Every 4xx/5xx body: {"error": {"code": "...", "message": "..."}}. code is a
// ProtocolError code name or one of the server's own (e.g. "unauthorized").
struct ErrorBody
{
    QString code;
    QString message;

    friend bool operator==(const ErrorBody&, const ErrorBody&) = default;
};
