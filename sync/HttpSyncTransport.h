#pragma once

#include "SyncTransport.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <memory>

class QEventLoop;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class SyncAccount;

// SyncTransport over HTTPS with QtNetwork (docs/SYNC.md, "Client transport and schedule").
// Each call blocks the calling thread in a local event loop until the answer, the timeout
// (connect and transfer together) or cancel(). The network access manager is made on the
// first call and lives on that thread: use one transport from one thread (cancel() excepted).
// TLS: 1.2 or later, the system's CAs plus the pinned certificate (if any) as a trusted CA,
// host name checked; a certificate error is never ignored, so nothing is sent to a server
// that is not trusted.
class HttpSyncTransport : public SyncTransport
{
public:
    static constexpr int defaultTimeoutMs = 30000;

    // baseUrl: "https://host:port". pinned: certificates trusted for this server beside the
    // system's (the one pinned at first connection), empty when the system's CAs vouch for it.
    explicit HttpSyncTransport(
        const QUrl& baseUrl, const QList<QSslCertificate>& pinned = {}, int timeoutMs = defaultTimeoutMs);
    ~HttpSyncTransport() override;
    HttpSyncTransport(const HttpSyncTransport&) = delete;
    HttpSyncTransport& operator=(const HttpSyncTransport&) = delete;

    // A transport for the account's server, pinned certificate and token.
    static std::unique_ptr<HttpSyncTransport> forAccount(
        SyncAccount& account, int timeoutMs = defaultTimeoutMs);

    TransportResult<LoginResponse> login(const LoginRequest& request) override;
    void setToken(const QString& token) override;
    TransportResult<WhoamiResponse> whoami() override;
    TransportResult<PushResponse> push(const PushRequest& request) override;
    TransportResult<PullResponse> pull(const PullRequest& request) override;
    TransportResult<DigestResponse> digest(const DigestRequest& request) override;
    void cancel() override;

    const QUrl& baseUrl() const { return m_baseUrl; }

private:
    // An HTTP answer: its status, Retry-After and body.
    struct Answer
    {
        int status = 0;
        QByteArray body;
        int retryAfterSeconds = 0;
    };
    enum class Verb { Get, Post };

    std::variant<Answer, TransportError> exchange(
        Verb verb, const QString& path, const QString& query, const QByteArray& body, bool withToken);
    QNetworkRequest makeRequest(const QString& path, const QString& query, bool withToken) const;
    std::variant<Answer, TransportError> await(QNetworkReply* reply);
    template<typename T, typename Decode>
    TransportResult<T> call(Verb verb, const QString& path, const QString& query, const QByteArray& body,
        bool withToken, Decode decode);
    static TransportError errorFor(const Answer& answer);

    QUrl m_baseUrl;
    QList<QSslCertificate> m_pinned;
    int m_timeoutMs;
    QString m_token;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    // The running call's event loop, so cancel() from another thread can end it.
    QMutex m_loopMutex;
    QEventLoop* m_loop = nullptr;
};
