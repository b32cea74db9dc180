#pragma once

#include "TransportError.h"
#include "protocol/ErrorBody.h"

#include <QCoreApplication>
#include <QNetworkReply>

// The TransportError for each way a call can fail, with a plain sentence for the worker:
// what happened and what to do. No token, no URL query, no personal data (a server's error
// message names fields, never their values, so it may be passed on).
class TransportMessages
{
    Q_DECLARE_TR_FUNCTIONS(TransportMessages)

public:
    // An HTTP answer other than 200, by status and the server's error code.
    static TransportError forStatus(int status, const ErrorBody& body);
    static TransportError offline(QNetworkReply::NetworkError error);
    static TransportError timedOut(int timeoutMs);
    static TransportError cancelled();
    static TransportError tlsUntrusted(const QString& host);
    static TransportError badResponse(int status);

private:
    static TransportError make(
        TransportError::Kind kind, int status, const QString& code, const QString& message);
};
