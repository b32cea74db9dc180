#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// What a RequestHandler answers. The transport adds Content-Type: application/json,
// Content-Length, Server and Connection; extra headers (Retry-After) go in headers.
struct ServerResponse
{
    int status = 200;
    QByteArray body; // JSON: a protocol body, or an ErrorBody for any 4xx/5xx
    QList<QPair<QByteArray, QByteArray>> headers;
};
