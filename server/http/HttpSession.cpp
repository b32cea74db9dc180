#include "HttpSession.h"

#include "ErrorResponse.h"
#include "RequestHandler.h"
#include "RequestTarget.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// How much one idle read may take in; the parser is fed from the same buffer.
constexpr std::size_t kReadChunk = std::size_t(16) * 1024;
// A peer that does not answer our close_notify is not waited for long.
constexpr std::chrono::seconds kShutdownTimeout {2};
// How long (at most; never past the read timeout either), and how much, a refused
// client's remaining upload is read and dropped.
constexpr std::chrono::seconds kLingerTime {10};
constexpr std::size_t kLingerBytes = std::size_t(64) * 1024 * 1024;

// Errors that mean the peer went away or a deadline passed: nothing to answer.
bool isQuietReadError(const beast::error_code& error)
{
    return error == http::error::end_of_stream || error == http::error::partial_message
        || error == http::error::need_more || error == http::error::short_read
        || error.category() != beast::error_code(http::error::bad_method).category();
}

// The transport owns these; a handler's copy would contradict what is on the wire.
bool isReservedHeader(const QByteArray& name)
{
    static const std::array<QByteArray, 5> reserved {QByteArrayLiteral("content-length"),
        QByteArrayLiteral("content-type"), QByteArrayLiteral("transfer-encoding"),
        QByteArrayLiteral("connection"), QByteArrayLiteral("server")};
    return std::find(reserved.begin(), reserved.end(), name.toLower()) != reserved.end();
}

// A header a handler adds must not be able to split the response (no CR, LF or NUL).
bool isSafeHeader(const QByteArray& name, const QByteArray& value)
{
    const auto isTokenChar = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    };
    const auto isValueChar = [](char c) { return c != '\r' && c != '\n' && c != '\0'; };
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), isTokenChar)
        && std::all_of(value.begin(), value.end(), isValueChar);
}

QByteArray toBytes(beast::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

HttpSession::HttpSession(
    net::ip::tcp::socket socket, const Context& context, SessionTracker::Admission admission)
    : m_stream(std::move(socket), context.tls)
    , m_context(context)
    , m_admission(admission)
{
    beast::error_code error;
    const auto peer = beast::get_lowest_layer(m_stream).socket().remote_endpoint(error);
    if (!error)
        m_peerAddress = QString::fromStdString(peer.address().to_string());
}

HttpSession::~HttpSession()
{
    m_context.tracker.remove(this, m_admission);
}

void HttpSession::start()
{
    net::dispatch(m_stream.get_executor(), [self = shared_from_this()] {
        beast::get_lowest_layer(self->m_stream).expires_after(self->m_context.options.handshakeTimeout);
        self->m_stream.async_handshake(
            net::ssl::stream_base::server, beast::bind_front_handler(&HttpSession::onHandshake, self));
    });
}

void HttpSession::serverStopping()
{
    net::post(m_stream.get_executor(),
        beast::bind_front_handler(&HttpSession::onServerStopping, shared_from_this()));
}

void HttpSession::onServerStopping()
{
    m_stopRequested = true;
    // Waits on the client end here; a request already read completes its read regardless
    // (a finished operation is not undone by a cancel) and is answered.
    if (m_state == State::Handshake || m_state == State::Idle || m_state == State::Reading)
        beast::get_lowest_layer(m_stream).cancel();
    else if (m_state == State::Lingering)
        closeNow(); // its refusal has gone out; a stop does not wait for its upload
}

void HttpSession::onHandshake(beast::error_code error)
{
    if (error || m_stopRequested) {
        closeNow(); // no TLS yet, so nothing to say goodbye with
        return;
    }
    readRequest(); // the first request's wait counts against the read timeout
}

void HttpSession::waitForRequest()
{
    if (m_stopRequested) {
        closeNow(); // as for any idle connection at a stop: its last answer is complete
        return;
    }
    if (m_buffer.size() > 0) { // the client pipelined its next request
        readRequest();
        return;
    }
    m_buffer.shrink_to_fit(); // an idle connection holds no read buffer
    m_state = State::Idle;
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.idleTimeout);
    m_stream.async_read_some(m_buffer.prepare(kReadChunk),
        beast::bind_front_handler(&HttpSession::onIdleBytes, shared_from_this()));
}

void HttpSession::onIdleBytes(beast::error_code error, std::size_t bytes)
{
    if (error) {
        closeNow(); // idle timeout, the client left, or the server is stopping
        return;
    }
    m_buffer.commit(bytes);
    readRequest();
}

void HttpSession::readRequest()
{
    m_state = State::Reading;
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(std::max(0, m_context.options.maxHeaderBytes)));
    m_parser->body_limit(static_cast<std::uint64_t>(std::max<qint64>(0, m_context.options.maxBodyBytes)));
    // One deadline for the whole request, headers and body: a client sending a byte at a
    // time cannot keep the connection past it.
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.readTimeout);
    http::async_read(
        m_stream, m_buffer, *m_parser, beast::bind_front_handler(&HttpSession::onRead, shared_from_this()));
    // Stopping: a request already whole in the buffer still completes; one that needs
    // more bytes from the client does not wait for them.
    if (m_stopRequested)
        beast::get_lowest_layer(m_stream).cancel();
}

void HttpSession::onRead(beast::error_code error, std::size_t)
{
    if (error) {
        refuseUnreadable(error);
        return;
    }
    // Out of the parser, so the body (up to maxBodyBytes) is freed once answered rather
    // than kept while the connection idles.
    const Request request = m_parser->release();
    m_parser.reset();
    answer(request);
}

void HttpSession::refuseUnreadable(beast::error_code error)
{
    m_lingerBeforeClose = true; // the client may still be sending what was refused
    if (error == http::error::body_limit)
        write(ErrorResponse::bodyTooLarge(), 11, false);
    else if (error == http::error::header_limit || error == http::error::buffer_overflow)
        write(ErrorResponse::headerTooLarge(), 11, false);
    else if (isQuietReadError(error))
        closeNow();
    else
        write(ErrorResponse::badRequest(), 11, false);
}

void HttpSession::answer(const Request& request)
{
    m_state = State::Handling;
    if (m_admission == SessionTracker::Admission::RefuseBusy) {
        write(ErrorResponse::busy(), request.version(), false);
        return;
    }
    ServerRequest serverRequest;
    if (!toServerRequest(request, &serverRequest)) {
        write(ErrorResponse::badRequest(), request.version(), false);
        return;
    }
    m_headRequest = request.method() == http::verb::head;
    write(callHandler(serverRequest), request.version(), request.keep_alive());
    m_headRequest = false;
}

bool HttpSession::toServerRequest(const Request& request, ServerRequest* out) const
{
    // Two Authorization or Content-Type headers could be read differently by a proxy in
    // front of us and by the handler; refuse rather than pick one.
    if (request.count(http::field::authorization) > 1 || request.count(http::field::content_type) > 1)
        return false;
    if (!RequestTarget::split(
            std::string_view(request.target().data(), request.target().size()), &out->path, &out->query))
        return false;
    out->method = toBytes(request.method_string());
    out->authorization = toBytes(request[http::field::authorization]);
    out->contentType = toBytes(request[http::field::content_type]);
    out->body = QByteArray(request.body().data(), static_cast<qsizetype>(request.body().size()));
    out->peerAddress = m_peerAddress;
    return true;
}

ServerResponse HttpSession::callHandler(const ServerRequest& request)
{
    try {
        ServerResponse response = m_context.handler.handle(request);
        if (response.status < 200 || response.status > 599)
            return ErrorResponse::internalError();
        return response;
    } catch (...) {
        // The exception's text may hold request data (personal data): not logged, not sent.
        qWarning("casebook-server: a request handler threw; answered 500 internal_error");
        return ErrorResponse::internalError();
    }
}

void HttpSession::write(const ServerResponse& response, unsigned version, bool keepAlive)
{
    m_state = State::Writing;
    m_keepAlive = keepAlive && !m_stopRequested && !m_context.tracker.stopping();
    Response& out = m_response.emplace(http::status::ok, version);
    out.result(static_cast<unsigned>(response.status));
    out.set(http::field::server, "casebook-server");
    out.set(http::field::content_type, "application/json");
    out.set(http::field::cache_control, "no-store"); // answers carry personal data
    out.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : response.headers) {
        if (!isReservedHeader(name) && isSafeHeader(name, value))
            out.set(beast::string_view(name.constData(), static_cast<std::size_t>(name.size())),
                beast::string_view(value.constData(), static_cast<std::size_t>(value.size())));
    }
    // 204 and 304 have no body by definition (Beast refuses to frame one).
    if (response.status != 204 && response.status != 304)
        out.body().assign(response.body.constData(), static_cast<std::size_t>(response.body.size()));
    out.keep_alive(m_keepAlive);
    out.prepare_payload();
    if (m_headRequest)
        out.body().clear(); // HEAD: the headers of the answer (its Content-Length too), no body
    beast::get_lowest_layer(m_stream).expires_after(m_context.options.writeTimeout);
    http::async_write(m_stream, out, beast::bind_front_handler(&HttpSession::onWrite, shared_from_this()));
}

void HttpSession::onWrite(beast::error_code error, std::size_t)
{
    m_response.reset();
    if (error) {
        closeNow();
        return;
    }
    if (m_keepAlive)
        waitForRequest();
    else if (m_lingerBeforeClose)
        linger();
    else
        shutdown();
}

void HttpSession::shutdown()
{
    m_state = State::Closing;
    beast::get_lowest_layer(m_stream).expires_after(std::min<std::chrono::seconds>(kShutdownTimeout,
        std::max<std::chrono::seconds>(std::chrono::seconds(1), m_context.options.writeTimeout)));
    m_stream.async_shutdown(beast::bind_front_handler(&HttpSession::onShutdown, shared_from_this()));
}

void HttpSession::onShutdown(beast::error_code)
{
    // stream_truncated (the client closed without its close_notify), eof and a timeout are
    // all normal here: the answer has gone out already.
    closeNow();
}

void HttpSession::linger()
{
    // After a refusal the client may still be uploading the body we refused. Closing with
    // unread bytes makes the kernel reset the connection, and a client still sending then
    // loses our answer; a TLS close_notify mid-upload fails Qt's upload the same way. So
    // no close_notify: the rest is read and dropped as raw bytes until the client, done
    // sending and with our answer read, closes; for a bounded time and amount.
    m_state = State::Lingering;
    m_scratch.resize(kReadChunk);
    beast::get_lowest_layer(m_stream).expires_after(std::min(kLingerTime, m_context.options.readTimeout));
    lingerRead();
}

void HttpSession::lingerRead()
{
    beast::get_lowest_layer(m_stream).async_read_some(
        net::buffer(m_scratch), beast::bind_front_handler(&HttpSession::onLingerBytes, shared_from_this()));
}

void HttpSession::onLingerBytes(beast::error_code error, std::size_t bytes)
{
    m_lingeredBytes += bytes;
    if (error || m_lingeredBytes > kLingerBytes) {
        closeNow();
        return;
    }
    lingerRead(); // under the same deadline
}

void HttpSession::closeNow()
{
    m_state = State::Closing;
    beast::get_lowest_layer(m_stream).close();
}
