#pragma once

#include <QByteArray>

#include <chrono>

struct ssl_st;
struct ssl_ctx_st;

// A deliberately low-level client for the transport tests: OpenSSL on a plain blocking
// socket, so a test can speak old TLS versions, offer weak ciphers, skip TLS altogether,
// send bytes slowly or send garbage, and see exactly what (if anything) comes back.
class RawTlsClient
{
public:
    struct Response
    {
        int status = 0; // 0: no complete response arrived
        QByteArray head; // status line and headers, as sent
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };

    RawTlsClient() = default;
    ~RawTlsClient();
    RawTlsClient(const RawTlsClient&) = delete;
    RawTlsClient& operator=(const RawTlsClient&) = delete;

    bool connectTcp(quint16 port);
    // TLS over the connection; versions are OpenSSL's (TLS1_2_VERSION, ...), 0 = any.
    // Security level 0 on our side, so only the server can be the one that refuses.
    bool handshake(int minVersion = 0, int maxVersion = 0, const char* tls12Ciphers = nullptr);
    bool connectTls(quint16 port) { return connectTcp(port) && handshake(); }
    int tlsVersion() const; // the negotiated version, 0 when none

    // An HTTP/1.1 request as bytes; extraHeaders are whole lines, each ending in \r\n.
    static QByteArray request(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
        const QByteArray& extraHeaders = {});

    bool send(const QByteArray& bytes);
    // withBody false: the answer to a HEAD (its Content-Length describes a body not sent).
    // Half-closes the TCP connection: "nothing more from me", as a client does that
    // stops uploading once refused.
    void finishSending();
    Response readResponse(std::chrono::milliseconds timeout, bool withBody = true);
    // Reads and keeps whatever arrives until the server closes or the time is up.
    // True when the server closed the connection within the time.
    bool waitClosed(std::chrono::milliseconds timeout, QByteArray* received = nullptr);

private:
    enum class ReadResult { Data, Closed, Timeout };
    ReadResult readChunk(std::chrono::steady_clock::time_point deadline);
    void setReceiveTimeout(std::chrono::milliseconds timeout);

    int m_fd = -1;
    ssl_ctx_st* m_context = nullptr;
    ssl_st* m_ssl = nullptr;
    QByteArray m_pending;
};
