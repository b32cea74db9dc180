#include "TestHandler.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>
#include <thread>

ServerResponse TestHandler::handle(const ServerRequest& request)
{
    ++m_calls;
    if (request.path == QStringLiteral("/throw"))
        throw std::runtime_error(secretMessage());
    if (request.path == QStringLiteral("/slow")) {
        m_slowStarted = true;
        std::this_thread::sleep_for(slowFor);
    }
    return echo(request);
}

ServerResponse TestHandler::echo(const ServerRequest& request)
{
    const QJsonObject fields {{QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("path"), request.path}, {QStringLiteral("query"), request.query},
        {QStringLiteral("authorization"), QString::fromLatin1(request.authorization)},
        {QStringLiteral("contentType"), QString::fromLatin1(request.contentType)},
        {QStringLiteral("body"), QString::fromUtf8(request.body)},
        {QStringLiteral("peer"), request.peerAddress}};
    ServerResponse response;
    response.status = request.method == "POST" ? 201 : 200;
    response.body = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    response.headers = {{QByteArrayLiteral("X-Echo"), QByteArrayLiteral("yes")},
        // Neither may reach the wire: the transport owns Content-Length, and a CR LF in a
        // value would let a handler's data split the response.
        {QByteArrayLiteral("Content-Length"), QByteArrayLiteral("99999")},
        {QByteArrayLiteral("X-Split"), QByteArrayLiteral("a\r\nInjected: yes")}};
    return response;
}
