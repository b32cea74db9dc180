#include "HttpsResponder.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

namespace {
QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray reasonFor(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}
} // namespace

HttpsResponder::HttpsResponder(const QString& certificateFile, const QString& keyFile, QObject* parent)
    : QObject(parent)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(readAll(certificateFile), QSsl::Pem));
    tls.setPrivateKey(QSslKey(readAll(keyFile), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server.setSslConfiguration(tls);
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpsResponder::onConnection);
}

HttpsResponder::~HttpsResponder()
{
    // The open sockets go first, while the bookkeeping their signals touch still exists.
    const QList<QTcpSocket*> sockets = m_buffers.keys();
    for (QTcpSocket* socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        delete socket;
    }
    m_server.close();
}

bool HttpsResponder::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl HttpsResponder::url() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port()));
}

void HttpsResponder::answer(const QByteArray& path, int status, const QByteArray& body)
{
    Canned canned;
    canned.status = status;
    canned.body = body;
    answer(path, canned);
}

void HttpsResponder::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        ++m_encrypted;
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadable(socket);
    }
}

void HttpsResponder::onReadable(QTcpSocket* socket)
{
    const QByteArray chunk = socket->readAll();
    m_bytesReceived += chunk.size();
    QByteArray& buffer = m_buffers[socket];
    buffer += chunk;
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    const QByteArray target = first.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(
                lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    m_requests << request;
    respond(socket, request);
}

void HttpsResponder::respond(QTcpSocket* socket, const Request& request)
{
    Canned canned = m_canned.value(
        request.path, Canned {404, R"({"error":{"code":"not_found","message":"No such path."}})", {}, false});
    if (canned.silent)
        return;
    QByteArray out
        = "HTTP/1.1 " + QByteArray::number(canned.status) + ' ' + reasonFor(canned.status) + "\r\n";
    out += "Content-Type: application/json\r\nConnection: close\r\n";
    out += "Content-Length: " + QByteArray::number(canned.body.size()) + "\r\n";
    for (const auto& header : canned.headers)
        out += header.first + ": " + header.second + "\r\n";
    out += "\r\n" + canned.body;
    socket->write(out);
    socket->disconnectFromHost();
}
