#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslServer>
#include <QUrl>

// A tiny HTTPS server for the transport tests, on 127.0.0.1 and the calling thread: it
// answers each path with a canned response (or never, for timeouts) and records what came
// in, so a test can check both what the client sent and what it made of the answer.
// HTTP/1.1, one request per connection, Content-Length bodies only: just what the client
// under test sends.
class HttpsResponder : public QObject
{
    Q_OBJECT

public:
    struct Canned
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool silent = false; // read the request, never answer
    };
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QByteArray query;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    // certificateFile and keyFile: PEM files under tests/sync_transport/data.
    HttpsResponder(const QString& certificateFile, const QString& keyFile, QObject* parent = nullptr);
    ~HttpsResponder() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const;

    void answer(const QByteArray& path, const Canned& canned) { m_canned.insert(path, canned); }
    void answer(const QByteArray& path, int status, const QByteArray& body);

    const QList<Request>& requests() const { return m_requests; }
    int encryptedConnections() const { return m_encrypted; }
    // Bytes of HTTP that arrived over TLS: 0 means the client sent nothing.
    qint64 bytesReceived() const { return m_bytesReceived; }

private:
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void respond(QTcpSocket* socket, const Request& request);

    QSslServer m_server;
    QHash<QByteArray, Canned> m_canned;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<Request> m_requests;
    int m_encrypted = 0;
    qint64 m_bytesReceived = 0;
};
