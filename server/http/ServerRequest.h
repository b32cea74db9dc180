#pragma once

#include <QByteArray>
#include <QString>

// One HTTP request as the transport hands it to a RequestHandler: the transport has already
// enforced the header and body limits, so a handler only sees requests of a sane size.
struct ServerRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // "/v1/push": percent-decoded, without the query
    QString query; // "since=0&limit=500": raw, without the '?'; empty when none
    QByteArray authorization; // the Authorization header's value; empty when absent
    QByteArray contentType; // the Content-Type header's value; empty when absent
    QByteArray body;
    QString peerAddress; // "127.0.0.1": for rate limits and the audit, never trusted for auth
};
