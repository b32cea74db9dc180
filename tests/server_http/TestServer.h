#pragma once

#include "TestHandler.h"
#include "server/http/HttpServer.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

// A running HttpServer on 127.0.0.1 (a free port) with a fresh self-signed certificate in
// a temporary folder and a TestHandler, for one test.
class TestServer
{
public:
    TestServer();
    ~TestServer();

    // Short deadlines so the timeout tests take about a second.
    static HttpServerOptions fastOptions();
    // Writes the certificate (first time only) and starts; false + a message on failure.
    bool start(HttpServerOptions options, QString* error);
    bool start(QString* error) { return start(fastOptions(), error); }
    void stop();

    quint16 port() const;
    HttpServer& server() { return *m_server; } // after start()
    TestHandler& handler() { return m_handler; }
    QString certificatePath() const;
    QString keyPath() const;

private:
    QTemporaryDir m_dir;
    TestHandler m_handler;
    std::unique_ptr<HttpServer> m_server;
};
