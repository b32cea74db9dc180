#pragma once

#include "HttpServerOptions.h"

#include <QString>

#include <memory>

class RequestHandler;

// casebook-server's HTTP/1.1 over TLS listener (Boost.Beast + Asio + OpenSSL): a thread
// pool, a timeout on every socket step, explicit header and body limits (a JSON 4xx for
// anything refused), and a graceful stop that finishes in-flight requests.
class HttpServer
{
public:
    HttpServer(HttpServerOptions options, RequestHandler& handler);
    ~HttpServer(); // stops gracefully if still running
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Loads the certificate and key, binds and starts the pool threads. Returns false with a
    // plain sentence in *error (no secrets, no stack) when it cannot.
    bool start(QString* error);
    quint16 port() const; // the bound port, after start()

    // Stops accepting, lets requests already read finish and their answers go out (up to
    // the write timeout), closes idle connections, then joins the threads. Idempotent.
    // Blocks while handlers finish; never call it from inside RequestHandler::handle (it
    // would wait for itself). A server once stopped cannot be started again.
    void stop();
    // From now on SIGTERM and SIGINT are held for runUntilSignalled() instead of ending the
    // process: call it before start() so a signal that comes before the wait still stops
    // the server gracefully.
    void catchSignals();
    // Blocks until SIGTERM or SIGINT, then stop(). For the serve command's main thread.
    // Also returns when stop() is called from another thread (or was called already).
    void runUntilSignalled();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};
