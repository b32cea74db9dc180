#include "TestServer.h"

#include "server/http/TlsCertificate.h"

#include <QFile>

TestServer::TestServer() = default;

TestServer::~TestServer()
{
    stop();
}

HttpServerOptions TestServer::fastOptions()
{
    HttpServerOptions options;
    options.address = QStringLiteral("127.0.0.1");
    options.port = 0;
    options.threads = 3;
    options.maxBodyBytes = 4096;
    options.maxHeaderBytes = 2048;
    options.handshakeTimeout = std::chrono::seconds(2);
    options.readTimeout = std::chrono::seconds(1);
    options.writeTimeout = std::chrono::seconds(2);
    options.idleTimeout = std::chrono::seconds(1);
    options.maxConnections = 16;
    return options;
}

bool TestServer::start(HttpServerOptions options, QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (!QFile::exists(certificatePath())
        && !TlsCertificate::writeSelfSigned(certificatePath(), keyPath(), QStringLiteral("127.0.0.1"), error))
        return false;
    options.certificateFile = certificatePath();
    options.privateKeyFile = keyPath();
    m_server = std::make_unique<HttpServer>(options, m_handler);
    return m_server->start(error);
}

void TestServer::stop()
{
    if (m_server)
        m_server->stop();
}

quint16 TestServer::port() const
{
    return m_server ? m_server->port() : 0;
}

QString TestServer::certificatePath() const
{
    return m_dir.filePath(QStringLiteral("server.crt"));
}

QString TestServer::keyPath() const
{
    return m_dir.filePath(QStringLiteral("server.key"));
}
