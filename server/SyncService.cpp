#include "SyncService.h"

#include "AccessPolicy.h"
#include "DeviceToken.h"
#include "PasswordHasher.h"
#include "PushApplier.h"
#include "ServerReply.h"
#include "SqlCipherServerStorage.h"
#include "protocol/Api.h"
#include "protocol/RowDigest.h"

#include <QUuid>

namespace {
bool isJson(const QByteArray& contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json";
}

struct Route
{
    QString path;
    QByteArray method;
};

const QList<Route>& routes()
{
    static const QList<Route> all {{Api::loginPath(), "POST"}, {Api::pushPath(), "POST"},
        {Api::pullPath(), "GET"}, {Api::digestPath(), "POST"}, {Api::whoamiPath(), "GET"},
        {Api::healthPath(), "GET"}};
    return all;
}
} // namespace

SyncService::SyncService(std::shared_ptr<ServerStorage> storage, SyncServiceOptions options)
    : m_storage(std::move(storage))
    , m_options(std::move(options))
{
    // An unknown username is checked against this, so it costs what a wrong password does.
    m_dummyHash = PasswordHasher(m_options.dummyHashLimits).hash(QUuid::createUuid().toString());
}

SyncService::~SyncService() = default;

std::unique_ptr<SyncService> SyncService::open(
    const QString& dataDir, QString* error, SyncServiceOptions options)
{
    std::shared_ptr<ServerStorage> storage = SqlCipherServerStorage::open(dataDir, false, error);
    if (!storage)
        return nullptr;
    return std::make_unique<SyncService>(std::move(storage), std::move(options));
}

QDateTime SyncService::now() const
{
    return m_options.clock ? m_options.clock().toUTC() : QDateTime::currentDateTimeUtc();
}

ServerResponse SyncService::handle(const ServerRequest& request)
{
    try {
        return route(request);
    } catch (...) {
        // The store's messages may name files; the client and the log get none of it.
        qWarning("casebook-server: a request failed inside the server and was rolled back");
        return ServerReply::internalError();
    }
}

ServerResponse SyncService::route(const ServerRequest& request)
{
    const auto found = std::find_if(
        routes().cbegin(), routes().cend(), [&](const Route& route) { return route.path == request.path; });
    if (found == routes().cend())
        return ServerReply::notFound();
    if (request.method != found->method)
        return ServerReply::methodNotAllowed(found->method);
    if (request.method == "POST" && !isJson(request.contentType))
        return ServerReply::unsupportedMediaType();
    if (request.path == Api::healthPath())
        return health();
    if (request.path == Api::loginPath())
        return login(request);
    const AuthOutcome outcome = authenticate(request);
    if (const auto* refusal = std::get_if<ServerResponse>(&outcome))
        return *refusal;
    const AuthContext& auth = std::get<AuthContext>(outcome);
    if (request.path == Api::pushPath())
        return push(request, auth);
    if (request.path == Api::pullPath())
        return pull(request, auth);
    if (request.path == Api::digestPath())
        return digest(request, auth);
    return whoami(auth);
}

SyncService::AuthOutcome SyncService::authenticate(const ServerRequest& request)
{
    const QByteArray token = DeviceToken::fromAuthorization(request.authorization);
    if (token.isEmpty())
        return ServerReply::unauthorized();
    const std::optional<ServerDevice> device = m_storage->deviceByTokenHash(DeviceToken::hash(token));
    if (!device)
        return ServerReply::unauthorized();
    if (device->revoked)
        return device->wipe ? ServerReply::error(401, QStringLiteral("device_wipe"),
                   QStringLiteral("This device was revoked and must erase its copy of the data."))
                            : ServerReply::error(401, QStringLiteral("device_revoked"),
                                QStringLiteral("This device was revoked by an administrator."));
    const QDateTime at = now();
    const QDateTime idleEnd = device->lastSeenAt.addSecs(m_options.tokenIdleTimeout.count());
    if (at >= device->expiresAt || at >= idleEnd)
        return ServerReply::unauthorized();
    const std::optional<ServerUser> user = m_storage->userById(device->userId);
    if (!user || user->disabled)
        return ServerReply::unauthorized();
    m_storage->touchDevice(device->id, at);
    const QDateTime nextIdleEnd = at.addSecs(m_options.tokenIdleTimeout.count());
    return AuthContext {*user, *device, std::min(device->expiresAt, nextIdleEnd)};
}

std::optional<ServerResponse> SyncService::reserveAttempt(const ServerUser& user, const QDateTime& at)
{
    // Each attempt is counted as a failure before the password is checked, under the write
    // lock, so concurrent guesses cannot all slip under the limit; a success takes it back.
    const QDateTime windowStart = at.addSecs(-3600);
    bool reserved = false;
    QDateTime oldest;
    m_storage->write([&] {
        reserved = m_storage->loginFailuresSince(user.id, windowStart) < m_options.maxFailedLoginsPerHour;
        if (reserved)
            m_storage->recordLoginFailure(user.id, at);
        else
            oldest = m_storage->oldestLoginFailureSince(user.id, windowStart);
    });
    if (reserved)
        return std::nullopt;
    audit(user.username, QStringLiteral("login_rate_limited"), QString());
    return ServerReply::rateLimited(std::max<qint64>(1, at.secsTo(oldest.addSecs(3600))));
}

ServerResponse SyncService::login(const ServerRequest& request)
{
    const Result<LoginRequest> decoded = ProtocolCodec::decodeLoginRequest(request.body);
    if (!decoded.ok())
        return ServerReply::decodeError(decoded.error());
    const LoginRequest& body = decoded.value();
    const QDateTime at = now();
    ServerResponse refused = ServerReply::error(
        401, QStringLiteral("unauthorized"), QStringLiteral("Wrong username or password."));
    const std::optional<ServerUser> user = m_storage->userByUsername(body.username);
    if (!user) {
        PasswordHasher::verify(m_dummyHash, body.password);
        audit(QStringLiteral("-"), QStringLiteral("login_failed_unknown_user"), QString());
        return refused;
    }
    if (std::optional<ServerResponse> limited = reserveAttempt(*user, at))
        return *limited;
    if (!PasswordHasher::verify(user->passwordHash, body.password)) {
        audit(user->username, QStringLiteral("login_failed"), QString());
        return refused;
    }
    m_storage->forgetLoginFailure(user->id, at);
    // Checked after the password, so a guess does not learn that an account is disabled.
    if (user->disabled) {
        audit(user->username, QStringLiteral("login_refused_disabled"), QString());
        return refused;
    }
    ServerDevice device;
    device.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    device.userId = user->id;
    device.name = body.deviceName;
    device.createdAt = at;
    device.lastSeenAt = at;
    device.expiresAt = at.addSecs(m_options.tokenLifetime.count());
    const QByteArray token = DeviceToken::generate();
    m_storage->write([&] {
        m_storage->addDevice(device, DeviceToken::hash(token));
        audit(user->username, QStringLiteral("login"), device.id);
    });
    LoginResponse response {
        QString::fromLatin1(token), device.expiresAt, user->displayName, user->agencyId, user->role};
    return ServerReply::ok(response);
}

ServerResponse SyncService::push(const ServerRequest& request, const AuthContext& auth)
{
    const Result<PushRequest> decoded = ProtocolCodec::decodePushRequest(request.body);
    if (!decoded.ok())
        return ServerReply::decodeError(decoded.error());
    if (decoded.value().deviceId != auth.device.id)
        return ServerReply::forbidden(
            QStringLiteral("device_id is not the device this token was issued to."));
    PushResponse response;
    m_storage->write([&] {
        PushApplier applier(*m_storage, auth);
        for (const Change& change : decoded.value().changes)
            response.results.append(applier.apply(change));
    });
    return ServerReply::ok(response);
}

ServerResponse SyncService::pull(const ServerRequest& request, const AuthContext& auth)
{
    const Result<PullRequest> decoded = ProtocolCodec::decodePullQuery(request.query);
    if (!decoded.ok())
        return ServerReply::decodeError(decoded.error());
    const PullRequest& query = decoded.value();
    // One more than asked for tells whether another page follows.
    const QList<LoggedChange> logged
        = m_storage->changesSince(AccessPolicy::viewerFor(auth.user), query.since, query.limit + 1);
    PullResponse response;
    response.hasMore = logged.size() > query.limit;
    response.next = query.since;
    for (const LoggedChange& entry : logged.mid(0, query.limit)) {
        response.changes.append({entry.seq, entry.row.entity, entry.row.rowId, entry.row.rev,
            entry.row.deleted, entry.row.deleted ? QJsonObject() : entry.row.fields});
        response.next = entry.seq;
    }
    return ServerReply::ok(response);
}

ServerResponse SyncService::digest(const ServerRequest& request, const AuthContext& auth)
{
    const Result<DigestRequest> decoded = ProtocolCodec::decodeDigestRequest(request.body);
    if (!decoded.ok())
        return ServerReply::decodeError(decoded.error());
    const Viewer viewer = AccessPolicy::viewerFor(auth.user);
    RowDigest rows;
    qint64 latest = 0;
    m_storage->write([&] { // one snapshot: the rows and latest_seq agree
        for (const StoredRow& row : m_storage->liveRows(viewer))
            rows.add(row.entity, row.rowId, row.rev);
        latest = m_storage->latestSeq(viewer);
    });
    const bool match = rows.hex() == decoded.value().digest && rows.rows() == decoded.value().rows;
    return ServerReply::ok(DigestResponse {match, rows.rows(), latest});
}

ServerResponse SyncService::whoami(const AuthContext& auth)
{
    const WhoamiResponse response {auth.user.username, auth.user.displayName, auth.user.role,
        auth.user.agencyId, auth.user.teamName, auth.device.id, auth.expiresAt};
    return ServerReply::ok(response);
}

ServerResponse SyncService::health()
{
    return ServerReply::ok(HealthResponse {QStringLiteral("ok"), Api::version()});
}

void SyncService::audit(const QString& actor, const QString& action, const QString& subject)
{
    m_storage->audit({now(), actor, action, subject});
}
