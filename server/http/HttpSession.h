#pragma once

#include "HttpServerOptions.h"
#include "SessionTracker.h"

#include <QString>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>
#include <vector>

class RequestHandler;
struct ServerRequest;
struct ServerResponse;

// One TLS connection: handshake, then requests one after another (keep-alive), each step
// under its own deadline. Everything runs on the connection's strand; the only entry from
// outside is serverStopping(), which posts onto it.
class HttpSession : public std::enable_shared_from_this<HttpSession>
{
public:
    struct Context
    {
        boost::asio::ssl::context& tls;
        const HttpServerOptions& options;
        RequestHandler& handler;
        SessionTracker& tracker;
    };

    HttpSession(
        boost::asio::ip::tcp::socket socket, const Context& context, SessionTracker::Admission admission);
    ~HttpSession();
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    void start();
    void serverStopping();

private:
    using Stream = boost::asio::ssl::stream<boost::beast::tcp_stream>;
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;
    // What the session is waiting for; a stop cuts the waits for a client (Handshake,
    // Idle, Reading, Lingering) and lets the server's own work (Handling, Writing) finish.
    enum class State { Handshake, Idle, Reading, Handling, Writing, Lingering, Closing };

    void onHandshake(boost::beast::error_code error);
    void waitForRequest();
    void onIdleBytes(boost::beast::error_code error, std::size_t bytes);
    void readRequest();
    void onRead(boost::beast::error_code error, std::size_t bytes);
    void refuseUnreadable(boost::beast::error_code error);
    void answer(const Request& request);
    bool toServerRequest(const Request& request, ServerRequest* out) const;
    ServerResponse callHandler(const ServerRequest& request);
    void write(const ServerResponse& response, unsigned version, bool keepAlive);
    void onWrite(boost::beast::error_code error, std::size_t bytes);
    void shutdown();
    void onShutdown(boost::beast::error_code error);
    void linger();
    void lingerRead();
    void onLingerBytes(boost::beast::error_code error, std::size_t bytes);
    void closeNow();
    void onServerStopping();

    Stream m_stream;
    Context m_context;
    const SessionTracker::Admission m_admission;
    QString m_peerAddress;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    std::optional<Response> m_response;
    State m_state = State::Handshake;
    bool m_keepAlive = true;
    bool m_stopRequested = false;
    bool m_headRequest = false;
    bool m_lingerBeforeClose = false;
    std::vector<char> m_scratch;
    std::size_t m_lingeredBytes = 0;
};
