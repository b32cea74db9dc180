#include "HttpServer.h"

#include "HttpSession.h"
#include "RequestHandler.h"
#include "SessionTracker.h"

#include <QFile>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <mutex>
#include <openssl/ssl.h>
#include <optional>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

// TLS 1.2 suites: ECDHE with an AEAD cipher only (Mozilla's "intermediate" list without
// DHE): no RC4, 3DES or CBC. TLS 1.3 keeps OpenSSL's defaults, which are all AEAD.
constexpr const char* kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

bool configureTls(ssl::context& tls, const HttpServerOptions& options, QString* error)
{
    SSL_CTX* native = tls.native_handle();
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
        | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression);
    // Renegotiation only gives a client a way to make the server do handshakes for free.
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1
        || SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1
        || SSL_CTX_set1_groups_list(native, "X25519:P-256:P-384") != 1)
        return fail(error, QStringLiteral("Could not set up TLS."));
    boost::system::error_code ec;
    tls.use_certificate_chain_file(QFile::encodeName(options.certificateFile).toStdString(), ec);
    if (ec)
        return fail(
            error, QStringLiteral("Could not read the certificate file %1.").arg(options.certificateFile));
    tls.use_private_key_file(QFile::encodeName(options.privateKeyFile).toStdString(), ssl::context::pem, ec);
    if (ec)
        return fail(error,
            QStringLiteral(
                "Could not use the key file %1: it cannot be read or is not the certificate's key.")
                .arg(options.privateKeyFile));
    if (SSL_CTX_check_private_key(native) != 1)
        return fail(error, QStringLiteral("The key file does not belong to the certificate."));
    return true;
}

} // namespace

struct HttpServer::Impl
{
    Impl(HttpServerOptions serverOptions, RequestHandler& requestHandler)
        : options(std::move(serverOptions))
        , handler(requestHandler)
        , tracker(options.maxConnections)
        , acceptor(net::make_strand(io))
    { }

    bool listen(QString* error);
    void accept();
    void onAccept(boost::system::error_code error, tcp::socket socket);
    void runThread();

    HttpServerOptions options;
    RequestHandler& handler;
    SessionTracker tracker;
    std::optional<ssl::context> tls; // before io: sessions the io_context still holds use it
    net::io_context io;
    tcp::acceptor acceptor;
    quint16 boundPort = 0;
    std::vector<std::thread> threads;
    net::io_context signalContext; // runUntilSignalled waits here; stop() ends that wait
    std::optional<net::signal_set> signalWaiter; // from catchSignals() or runUntilSignalled()
    std::mutex stopMutex;
    bool running = false;
};

bool HttpServer::Impl::listen(QString* error)
{
    boost::system::error_code ec;
    const auto address = net::ip::make_address(options.address.toStdString(), ec);
    if (ec)
        return fail(error, QStringLiteral("%1 is not an IP address to listen on.").arg(options.address));
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        acceptor.close(ec);
        return fail(error,
            QStringLiteral("Could not listen on %1 port %2 (%3).")
                .arg(options.address)
                .arg(options.port)
                .arg(QString::fromStdString(ec.message())));
    }
    boundPort = acceptor.local_endpoint(ec).port();
    return true;
}

void HttpServer::Impl::accept()
{
    // Each connection gets its own strand: its handlers never run at the same time.
    acceptor.async_accept(net::make_strand(io),
        [this](boost::system::error_code error, tcp::socket socket) { onAccept(error, std::move(socket)); });
}

void HttpServer::Impl::onAccept(boost::system::error_code error, tcp::socket socket)
{
    if (!acceptor.is_open())
        return; // stop() closed it
    if (!error) {
        const SessionTracker::Admission admission = tracker.admit();
        if (admission != SessionTracker::Admission::Drop) {
            const HttpSession::Context context {*tls, options, handler, tracker};
            auto session = std::make_shared<HttpSession>(std::move(socket), context, admission);
            if (tracker.add(session))
                session->start();
        }
    }
    // An accept error (too many open files, a reset before accept) concerns one client only.
    accept();
}

void HttpServer::Impl::runThread()
{
    for (;;) {
        try {
            io.run();
            return;
        } catch (...) {
            // Handlers catch what they can; anything else costs one connection, not the server.
            qWarning("casebook-server: an error escaped a connection handler");
        }
    }
}

HttpServer::HttpServer(HttpServerOptions options, RequestHandler& handler)
    : m_impl(std::make_unique<Impl>(std::move(options), handler))
{ }

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::start(QString* error)
{
    const std::lock_guard lock(m_impl->stopMutex);
    if (m_impl->running || m_impl->tracker.stopping())
        return fail(error, QStringLiteral("The server was started already."));
    m_impl->tls.emplace(ssl::context::tls_server);
    if (!configureTls(*m_impl->tls, m_impl->options, error) || !m_impl->listen(error))
        return false;
    m_impl->accept();
    const int threads = std::max(1, m_impl->options.threads);
    for (int i = 0; i < threads; ++i)
        m_impl->threads.emplace_back([impl = m_impl.get()] { impl->runThread(); });
    m_impl->running = true;
    return true;
}

quint16 HttpServer::port() const
{
    return m_impl->boundPort;
}

void HttpServer::stop()
{
    const std::lock_guard lock(m_impl->stopMutex);
    m_impl->signalContext.stop();
    if (!m_impl->running)
        return;
    m_impl->running = false;
    // No new connections, then every live one is told; the threads end by themselves once
    // the last connection has answered what it read and closed (every step has a deadline).
    net::post(m_impl->acceptor.get_executor(), [impl = m_impl.get()] {
        boost::system::error_code ignored;
        impl->acceptor.close(ignored);
    });
    m_impl->tracker.stopAll();
    for (std::thread& thread : m_impl->threads)
        thread.join();
    m_impl->threads.clear();
}

void HttpServer::catchSignals()
{
    if (!m_impl->signalWaiter)
        m_impl->signalWaiter.emplace(m_impl->signalContext, SIGINT, SIGTERM);
}

void HttpServer::runUntilSignalled()
{
    catchSignals();
    m_impl->signalWaiter->async_wait([](const boost::system::error_code&, int) {});
    m_impl->signalContext.run();
    stop();
}
