#pragma once

// A SyncService over a fresh SQLCipher store in a temporary directory, with a clock the
// test moves, fast password hashes, two teams, two agencies, and helpers that send the
// requests a client would. Shared by the server suites.

#include "protocol/Api.h"
#include "protocol/ProtocolCodec.h"
#include "server/ServerAdmin.h"
#include "server/ServerKeyFile.h"
#include "server/SqlCipherServerStorage.h"
#include "server/SyncService.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <atomic>
#include <memory>

namespace ServerSamples {

inline const QString password = QStringLiteral("correct horse battery staple");

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QJsonObject stamps()
{
    return {{QStringLiteral("updated_at"), QStringLiteral("2026-11-23T09:00:00.000Z")},
        {QStringLiteral("updated_by"), QStringLiteral("sam")}};
}

inline QJsonObject with(QJsonObject fields, const QJsonObject& more)
{
    for (auto it = more.constBegin(); it != more.constEnd(); ++it)
        fields.insert(it.key(), it.value());
    return fields;
}

// Each case its own reference unless the test names one: references are unique per team.
inline QString nextReference()
{
    static std::atomic_int number {0};
    return QStringLiteral("PVT-2026-%1").arg(++number, 4, 10, QLatin1Char('0'));
}

inline Change caseCreate(const QString& rowId, const QString& reference = nextReference())
{
    return {newId(), QStringLiteral("case"), rowId, 0, QStringLiteral("create"),
        with(stamps(),
            {{QStringLiteral("reference"), reference}, {QStringLiteral("status"), QStringLiteral("referred")},
                {QStringLiteral("consent"), QStringLiteral("given")},
                {QStringLiteral("risk"), QStringLiteral("medium")},
                {QStringLiteral("referral_date"), QStringLiteral("2026-11-20")}})};
}

inline Change caseUpdate(const QString& rowId, qint64 baseRev, const QString& risk)
{
    return {newId(), QStringLiteral("case"), rowId, baseRev, QStringLiteral("update"),
        with(stamps(), {{QStringLiteral("risk"), risk}})};
}

inline Change needCreate(const QString& caseId)
{
    return {newId(), QStringLiteral("need"), newId(), 0, QStringLiteral("create"),
        with(stamps(),
            {{QStringLiteral("case_id"), caseId}, {QStringLiteral("need_key"), QStringLiteral("hoarding")},
                {QStringLiteral("severity"), QStringLiteral("high")},
                {QStringLiteral("status"), QStringLiteral("open")}})};
}

inline Change noteCreate(const QString& caseId, const QString& agencyOnlyFor = {})
{
    return {newId(), QStringLiteral("note"), newId(), 0, QStringLiteral("create"),
        with(stamps(),
            {{QStringLiteral("case_id"), caseId},
                {QStringLiteral("occurred_on"), QStringLiteral("2026-11-22")},
                {QStringLiteral("author"), QStringLiteral("Sam Worker")},
                {QStringLiteral("kind"), QStringLiteral("home-visit")},
                {QStringLiteral("text"), QStringLiteral("Visited.")},
                {QStringLiteral("agency_only"), agencyOnlyFor.isEmpty() ? 0 : 1},
                {QStringLiteral("agency_id"),
                    agencyOnlyFor.isEmpty() ? QJsonValue() : QJsonValue(agencyOnlyFor)}})};
}

struct Session
{
    QByteArray token;
    QString deviceId;
    QByteArray authorization() const { return QByteArrayLiteral("Bearer ") + token; }
};

class ServerFixture
{
public:
    QTemporaryDir dir;
    QDateTime now = QDateTime(QDate(2026, 11, 23), QTime(9, 0), QTimeZone::utc());
    std::shared_ptr<SqlCipherServerStorage> storage;
    std::unique_ptr<SyncService> service;
    std::unique_ptr<ServerAdmin> admin;
    QString agencyA;
    QString agencyB;

    ServerFixture()
    {
        QString error;
        if (!ServerKeyFile::create(SqlCipherServerStorage::keyPath(dir.path()), &error))
            qFatal("key: %s", qPrintable(error));
        storage = SqlCipherServerStorage::open(dir.path(), true, &error);
        if (!storage)
            qFatal("store: %s", qPrintable(error));
        SyncServiceOptions options;
        options.clock = [this] { return now; };
        options.dummyHashLimits = PasswordHasher::minimal();
        service = std::make_unique<SyncService>(storage, options);
        admin = std::make_unique<ServerAdmin>(
            *storage, QStringLiteral("test-admin"), PasswordHasher::minimal(), [this] { return now; });
        admin->addTeam(QStringLiteral("North"), &error);
        admin->addTeam(QStringLiteral("South"), &error);
        agencyA = admin->addAgency(QStringLiteral("Lancashire Police"), QStringLiteral("police"), &error);
        agencyB = admin->addAgency(QStringLiteral("Fire and Rescue"), QStringLiteral("fire"), &error);
    }

    QString addUser(const QString& username, const QString& team = QStringLiteral("North"),
        const QString& role = QStringLiteral("worker"), const QString& agency = {})
    {
        QString error;
        const QString id = admin->addUser(
            {username, username + QStringLiteral(" Example"), team, role, agency}, password, &error);
        if (id.isEmpty())
            qFatal("user: %s", qPrintable(error));
        return id;
    }

    ServerResponse loginResponse(const QString& username, const QString& pass = password)
    {
        return post(Api::loginPath(),
            ProtocolCodec::encode(LoginRequest {username, pass, QStringLiteral("Laptop 14")}), {});
    }

    Session login(const QString& username)
    {
        const ServerResponse response = loginResponse(username);
        if (response.status != 200)
            qFatal("login %d: %s", response.status, response.body.constData());
        const Result<LoginResponse> body = ProtocolCodec::decodeLoginResponse(response.body);
        Session session {body.value().token.toLatin1(), {}};
        const ServerResponse who = get(Api::whoamiPath(), {}, session);
        session.deviceId = ProtocolCodec::decodeWhoamiResponse(who.body).value().deviceId;
        return session;
    }

    ServerResponse post(const QString& path, const QByteArray& body, const Session& session,
        const QByteArray& contentType = QByteArrayLiteral("application/json"))
    {
        ServerRequest request;
        request.method = "POST";
        request.path = path;
        request.body = body;
        request.contentType = contentType;
        request.authorization = session.token.isEmpty() ? QByteArray() : session.authorization();
        request.peerAddress = QStringLiteral("127.0.0.1");
        return service->handle(request);
    }

    ServerResponse get(const QString& path, const QString& query, const Session& session)
    {
        ServerRequest request;
        request.method = "GET";
        request.path = path;
        request.query = query;
        request.authorization = session.token.isEmpty() ? QByteArray() : session.authorization();
        return service->handle(request);
    }

    ServerResponse pushResponse(const Session& session, const QList<Change>& changes)
    {
        return post(Api::pushPath(), ProtocolCodec::encode(PushRequest {session.deviceId, changes}), session);
    }

    PushResponse push(const Session& session, const QList<Change>& changes)
    {
        const ServerResponse response = pushResponse(session, changes);
        if (response.status != 200)
            qFatal("push %d: %s", response.status, response.body.constData());
        return ProtocolCodec::decodePushResponse(response.body).value();
    }

    PullResponse pull(const Session& session, qint64 since, int limit = 1000)
    {
        const ServerResponse response
            = get(Api::pullPath(), ProtocolCodec::encodePullQuery(PullRequest {since, limit}), session);
        if (response.status != 200)
            qFatal("pull %d: %s", response.status, response.body.constData());
        const Result<PullResponse> body = ProtocolCodec::decodePullResponse(response.body);
        if (!body.ok())
            qFatal("pull body: %s", qPrintable(body.error().message));
        return body.value();
    }

    // Every page from since to the end.
    QList<PulledChange> pullAll(const Session& session, qint64 since = 0, int limit = 1000)
    {
        QList<PulledChange> all;
        for (;;) {
            const PullResponse page = pull(session, since, limit);
            all += page.changes;
            since = page.next;
            if (!page.hasMore)
                return all;
        }
    }
};

inline ErrorBody errorOf(const ServerResponse& response)
{
    const Result<ErrorBody> body = ProtocolCodec::decodeErrorBody(response.body);
    return body.ok() ? body.value()
                     : ErrorBody {QStringLiteral("<not an error body>"), QString::fromUtf8(response.body)};
}

inline QByteArray header(const ServerResponse& response, const QByteArray& name)
{
    for (const auto& [key, value] : response.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace ServerSamples
