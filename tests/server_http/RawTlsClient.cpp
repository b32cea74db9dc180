#include "RawTlsClient.h"

#include <QList>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

QByteArray RawTlsClient::Response::header(const QByteArray& name) const
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

RawTlsClient::~RawTlsClient()
{
    if (m_ssl)
        SSL_free(m_ssl);
    if (m_context)
        SSL_CTX_free(m_context);
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawTlsClient::connectTcp(quint16 port)
{
    // OpenSSL writes through a plain fd here: an alert sent to a closed connection would
    // otherwise kill the test with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    const timeval sendTimeout {5, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

bool RawTlsClient::handshake(int minVersion, int maxVersion, const char* tls12Ciphers)
{
    m_context = SSL_CTX_new(TLS_client_method());
    if (!m_context)
        return false;
    SSL_CTX_set_security_level(m_context, 0);
    SSL_CTX_set_min_proto_version(m_context, minVersion);
    SSL_CTX_set_max_proto_version(m_context, maxVersion);
    SSL_CTX_set_cipher_list(m_context, tls12Ciphers ? tls12Ciphers : "DEFAULT:@SECLEVEL=0");
    SSL_CTX_set_verify(m_context, SSL_VERIFY_NONE, nullptr); // QNetworkAccessManager tests verify
    m_ssl = SSL_new(m_context);
    if (!m_ssl || SSL_set_fd(m_ssl, m_fd) != 1)
        return false;
    SSL_set_tlsext_host_name(m_ssl, "127.0.0.1");
    setReceiveTimeout(milliseconds(5000));
    const bool connected = SSL_connect(m_ssl) == 1;
    ERR_clear_error();
    return connected;
}

int RawTlsClient::tlsVersion() const
{
    return m_ssl ? SSL_version(m_ssl) : 0;
}

QByteArray RawTlsClient::request(const QByteArray& method, const QByteArray& target, const QByteArray& body,
    const QByteArray& extraHeaders)
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST")
        bytes += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    return bytes + "\r\n" + body;
}

bool RawTlsClient::send(const QByteArray& bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const int chunk = static_cast<int>(bytes.size() - sent);
        const long written = m_ssl
            ? SSL_write(m_ssl, bytes.constData() + sent, chunk)
            : ::send(m_fd, bytes.constData() + sent, static_cast<size_t>(chunk), MSG_NOSIGNAL);
        if (written <= 0) {
            ERR_clear_error();
            return false;
        }
        sent += written;
    }
    return true;
}

void RawTlsClient::finishSending()
{
    ::shutdown(m_fd, SHUT_WR);
}

RawTlsClient::Response RawTlsClient::readResponse(milliseconds timeout, bool withBody)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    Response response;
    for (;;) {
        const qsizetype headEnd = m_pending.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = m_pending.left(headEnd);
            response.head = head;
            const qsizetype length
                = withBody ? response.header(QByteArrayLiteral("Content-Length")).toLongLong() : 0;
            if (m_pending.size() >= headEnd + 4 + length) {
                response.body = m_pending.mid(headEnd + 4, length);
                m_pending.remove(0, headEnd + 4 + length);
                const QList<QByteArray> statusLine = head.left(head.indexOf("\r\n")).split(' ');
                response.status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
                return response;
            }
        }
        if (readChunk(deadline) != ReadResult::Data)
            return response;
    }
}

bool RawTlsClient::waitClosed(milliseconds timeout, QByteArray* received)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
        const ReadResult result = readChunk(deadline);
        if (result != ReadResult::Data) {
            if (received)
                *received = m_pending;
            return result == ReadResult::Closed;
        }
    }
}

RawTlsClient::ReadResult RawTlsClient::readChunk(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (left.count() <= 0)
        return ReadResult::Timeout;
    setReceiveTimeout(left);
    char buffer[16384];
    errno = 0;
    const long got = m_ssl ? SSL_read(m_ssl, buffer, sizeof buffer) : ::recv(m_fd, buffer, sizeof buffer, 0);
    if (got > 0) {
        m_pending.append(buffer, got);
        return ReadResult::Data;
    }
    const bool timedOut = m_ssl ? SSL_get_error(m_ssl, static_cast<int>(got)) == SSL_ERROR_WANT_READ
                                : (errno == EAGAIN || errno == EWOULDBLOCK);
    ERR_clear_error();
    return timedOut ? ReadResult::Timeout : ReadResult::Closed;
}

void RawTlsClient::setReceiveTimeout(milliseconds timeout)
{
    const auto ms = std::max<long long>(1, timeout.count());
    const timeval value {static_cast<time_t>(ms / 1000), static_cast<suseconds_t>((ms % 1000) * 1000)};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &value, sizeof value);
}
