#pragma once

#include <QString>

#include <chrono>

// How casebook-server listens. Defaults are the documented limits (docs/SYNC.md).
struct HttpServerOptions
{
    QString address = QStringLiteral("127.0.0.1");
    quint16 port = 8443; // 0 picks a free port (tests); HttpServer::port() tells which
    QString certificateFile; // PEM
    QString privateKeyFile; // PEM
    int threads = 4;
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    int maxHeaderBytes = 8 * 1024;
    std::chrono::seconds handshakeTimeout { 10 };
    std::chrono::seconds readTimeout { 30 }; // whole request, headers and body
    std::chrono::seconds writeTimeout { 30 };
    std::chrono::seconds idleTimeout { 60 }; // keep-alive between requests
    int maxConnections = 512;
};
