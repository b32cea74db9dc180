#include "HttpSyncTransport.h"

#include "TransportMessages.h"
#include "protocol/Api.h"
#include "protocol/ProtocolCodec.h"
#include "protocol/ProtocolLimits.h"
#include "store/SyncAccount.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace {
// How a call's local event loop ended.
enum LoopExit { Finished = 0, TimedOut = 1, Cancelled = 2, TooLarge = 3 };

int retryAfterSeconds(const QByteArray& header)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return 0;
    bool ok = false;
    qint64 seconds = text.toLongLong(&ok);
    if (!ok) { // an HTTP date instead of seconds
        const QDateTime at = QDateTime::fromString(QString::fromLatin1(text), Qt::RFC2822Date);
        seconds = at.isValid() ? QDateTime::currentDateTimeUtc().secsTo(at) : 0;
    }
    // A day at most: a broken header must not stop sync for longer.
    return static_cast<int>(std::clamp<qint64>(seconds, 0, qint64(24) * 60 * 60));
}
} // namespace

HttpSyncTransport::HttpSyncTransport(const QUrl& baseUrl, const QList<QSslCertificate>& pinned, int timeoutMs)
    : m_baseUrl(baseUrl)
    , m_pinned(pinned)
    , m_timeoutMs(timeoutMs)
{ }

HttpSyncTransport::~HttpSyncTransport() = default;

std::unique_ptr<HttpSyncTransport> HttpSyncTransport::forAccount(SyncAccount& account, int timeoutMs)
{
    const QByteArray pem = account.pinnedCertificatePem();
    auto transport = std::make_unique<HttpSyncTransport>(QUrl(account.serverUrl()),
        pem.isEmpty() ? QList<QSslCertificate>() : QSslCertificate::fromData(pem, QSsl::Pem), timeoutMs);
    transport->setToken(account.token());
    return transport;
}

void HttpSyncTransport::setToken(const QString& token)
{
    m_token = token;
}

void HttpSyncTransport::cancel()
{
    QMutexLocker lock(&m_loopMutex);
    if (m_loop) // queued: the loop lives on the calling thread
        QMetaObject::invokeMethod(
            m_loop, [loop = m_loop] { loop->exit(Cancelled); }, Qt::QueuedConnection);
}

TransportResult<LoginResponse> HttpSyncTransport::login(const LoginRequest& request)
{
    return call<LoginResponse>(Verb::Post, Api::loginPath(), QString(), ProtocolCodec::encode(request), false,
        &ProtocolCodec::decodeLoginResponse);
}

TransportResult<WhoamiResponse> HttpSyncTransport::whoami()
{
    return call<WhoamiResponse>(
        Verb::Get, Api::whoamiPath(), QString(), QByteArray(), true, &ProtocolCodec::decodeWhoamiResponse);
}

TransportResult<PushResponse> HttpSyncTransport::push(const PushRequest& request)
{
    return call<PushResponse>(Verb::Post, Api::pushPath(), QString(), ProtocolCodec::encode(request), true,
        &ProtocolCodec::decodePushResponse);
}

TransportResult<PullResponse> HttpSyncTransport::pull(const PullRequest& request)
{
    return call<PullResponse>(Verb::Get, Api::pullPath(), ProtocolCodec::encodePullQuery(request),
        QByteArray(), true, &ProtocolCodec::decodePullResponse);
}

TransportResult<DigestResponse> HttpSyncTransport::digest(const DigestRequest& request)
{
    return call<DigestResponse>(Verb::Post, Api::digestPath(), QString(), ProtocolCodec::encode(request),
        true, &ProtocolCodec::decodeDigestResponse);
}

template<typename T, typename Decode>
TransportResult<T> HttpSyncTransport::call(Verb verb, const QString& path, const QString& query,
    const QByteArray& body, bool withToken, Decode decode)
{
    auto exchanged = exchange(verb, path, query, body, withToken);
    if (auto* error = std::get_if<TransportError>(&exchanged))
        return *error;
    const Answer& answer = std::get<Answer>(exchanged);
    if (answer.status != 200)
        return errorFor(answer);
    const Result<T> decoded = decode(answer.body);
    if (!decoded.ok())
        return TransportMessages::badResponse(answer.status);
    return decoded.value();
}

QNetworkRequest HttpSyncTransport::makeRequest(
    const QString& path, const QString& query, bool withToken) const
{
    QUrl url = m_baseUrl;
    url.setPath(path);
    url.setQuery(query.isEmpty() ? QString() : query);
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_pinned);
    request.setSslConfiguration(tls);
    // A redirect could lead the token elsewhere; the protocol has none.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (withToken && !m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

std::variant<HttpSyncTransport::Answer, TransportError> HttpSyncTransport::exchange(
    Verb verb, const QString& path, const QString& query, const QByteArray& body, bool withToken)
{
    if (!m_manager) // made here so it lives on the thread that calls
        m_manager = std::make_unique<QNetworkAccessManager>();
    const QNetworkRequest request = makeRequest(path, query, withToken);
    QNetworkReply* reply = verb == Verb::Get ? m_manager->get(request) : m_manager->post(request, body);
    auto result = await(reply);
    reply->deleteLater();
    return result;
}

std::variant<HttpSyncTransport::Answer, TransportError> HttpSyncTransport::await(QNetworkReply* reply)
{
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&loop] { loop.exit(TimedOut); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, [&loop] { loop.exit(Finished); });
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&loop](qint64 received, qint64) {
        if (received > ProtocolLimits::maxBodyBytes)
            loop.exit(TooLarge);
    });
    bool tlsFailed = false;
    QObject::connect(reply, &QNetworkReply::sslErrors, &loop, [&tlsFailed] { tlsFailed = true; });
    {
        QMutexLocker lock(&m_loopMutex);
        m_loop = &loop;
    }
    timeout.start(m_timeoutMs);
    const int exit = reply->isFinished() ? Finished : loop.exec();
    {
        QMutexLocker lock(&m_loopMutex);
        m_loop = nullptr;
    }
    if (exit != Finished) {
        reply->abort();
        if (exit == TimedOut)
            return TransportMessages::timedOut(m_timeoutMs);
        if (exit == Cancelled)
            return TransportMessages::cancelled();
        return TransportMessages::badResponse(0);
    }
    const QNetworkReply::NetworkError error = reply->error();
    if (tlsFailed || error == QNetworkReply::SslHandshakeFailedError)
        return TransportMessages::tlsUntrusted(m_baseUrl.host());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return TransportMessages::offline(error);
    Answer answer;
    answer.status = status;
    answer.body = reply->read(ProtocolLimits::maxBodyBytes + 1);
    answer.retryAfterSeconds = retryAfterSeconds(reply->rawHeader("Retry-After"));
    return answer;
}

TransportError HttpSyncTransport::errorFor(const Answer& answer)
{
    const Result<ErrorBody> body = ProtocolCodec::decodeErrorBody(answer.body);
    const ErrorBody error = body.ok() ? body.value() : ErrorBody();
    TransportError result = TransportMessages::forStatus(answer.status, error);
    if (result.kind == TransportError::Kind::RateLimited)
        result.retryAfterSeconds = answer.retryAfterSeconds;
    return result;
}
