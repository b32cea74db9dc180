#include "FakeServer.h"

#include "protocol/EntitySchema.h"
#include "protocol/ProtocolCodec.h"
#include "protocol/RowDigest.h"

TransportError FakeServer::error(TransportError::Kind kind, int status, const QString& code)
{
    TransportError e;
    e.kind = kind;
    e.httpStatus = status;
    e.code = code;
    e.message = QStringLiteral("fake server: ") + code;
    return e;
}

void FakeServer::failNextCalls(TransportError::Kind kind, int calls, int httpStatus)
{
    m_failCalls = calls;
    m_failWith = error(kind, httpStatus, QStringLiteral("injected"));
}

void FakeServer::failPullAfterPages(int pages)
{
    m_pagesBeforeFailure = pages;
}

std::optional<TransportError> FakeServer::injectedFailure()
{
    if (m_failCalls <= 0)
        return std::nullopt;
    --m_failCalls;
    return m_failWith;
}

TransportResult<LoginResponse> FakeServer::login(const LoginRequest& request)
{
    LoginResponse r;
    r.token = QStringLiteral("token-") + request.username;
    r.displayName = request.username;
    r.role = QStringLiteral("worker");
    r.expiresAt = QDateTime::currentDateTimeUtc().addDays(1);
    return r;
}

TransportResult<WhoamiResponse> FakeServer::whoami()
{
    WhoamiResponse who;
    who.username = QStringLiteral("tester");
    who.role = QStringLiteral("worker");
    who.team = QStringLiteral("North");
    who.deviceId = QStringLiteral("5d1c2b3a-4c1a-4d7e-9a51-0c7f3e2d1a10");
    who.expiresAt = QDateTime::currentDateTimeUtc().addDays(1);
    return who;
}

void FakeServer::setCaseVisible(const QString& caseId, bool visible)
{
    if (visible)
        m_hiddenCases.remove(caseId);
    else
        m_hiddenCases.insert(caseId);
}

bool FakeServer::visible(const Key& key, const Row& row) const
{
    if (key.first == QLatin1String("case"))
        return !m_hiddenCases.contains(key.second);
    if (row.fields.contains(QStringLiteral("case_id")))
        return !m_hiddenCases.contains(row.fields.value(QStringLiteral("case_id")).toString());
    if (key.first == QLatin1String("person")) {
        bool linked = false;
        for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
            if (it.key().first != QLatin1String("case_person")
                || it->fields.value(QStringLiteral("person_id")).toString() != key.second)
                continue;
            linked = true;
            if (!m_hiddenCases.contains(it->fields.value(QStringLiteral("case_id")).toString()))
                return true;
        }
        return !linked;
    }
    return true;
}

PushResult FakeServer::apply(const Change& change)
{
    PushResult result;
    result.changeId = change.changeId;
    if (m_applied.contains(change.changeId)) {
        result.status = PushResult::Status::Duplicate;
        result.rev = m_applied.value(change.changeId);
        return result;
    }
    if (m_rejects.contains(change.changeId)) {
        result.status = PushResult::Status::Rejected;
        result.reason = m_rejects.value(change.changeId);
        result.message = QStringLiteral("Not allowed.");
        return result;
    }
    const Key key {change.entity, change.rowId};
    const bool exists = m_rows.contains(key);
    const bool create = change.op == QLatin1String("create");
    if ((create && exists) || (!create && exists && m_rows.value(key).rev != change.baseRev)) {
        const Row& row = m_rows[key];
        result.status = PushResult::Status::Conflict;
        result.rev = row.rev;
        result.entity = change.entity;
        result.rowId = change.rowId;
        result.deleted = row.deleted;
        result.fields = row.fields;
        return result;
    }
    if (!create && !exists) {
        result.status = PushResult::Status::Rejected;
        result.reason = QStringLiteral("not_found");
        return result;
    }
    if (change.entity == QLatin1String("agency") && agencyNameTaken(change)) {
        result.status = PushResult::Status::Rejected;
        result.reason = QStringLiteral("name_taken");
        return result;
    }
    Row& row = m_rows[key];
    for (auto it = change.fields.constBegin(); it != change.fields.constEnd(); ++it)
        row.fields.insert(it.key(), it.value());
    if (create) {
        row.fields.insert(QStringLiteral("created_at"), change.fields.value(QStringLiteral("updated_at")));
        row.fields.insert(QStringLiteral("created_by"), change.fields.value(QStringLiteral("updated_by")));
    }
    row.rev = ++m_seq;
    m_applied.insert(change.changeId, row.rev);
    result.status = PushResult::Status::Applied;
    result.rev = row.rev;
    return result;
}

TransportResult<PushResponse> FakeServer::push(const PushRequest& sent)
{
    if (auto failure = injectedFailure())
        return *failure;
    ++m_pushCalls;
    // Through the wire format, so the client's changes must be valid protocol v1.
    const auto decoded = ProtocolCodec::decodePushRequest(ProtocolCodec::encode(sent));
    if (!decoded.ok())
        return error(TransportError::Kind::Refused, 400, ProtocolError::codeName(decoded.error().code));
    const PushRequest& request = decoded.value();
    for (const Change& change : request.changes) {
        if (m_refused.contains(change.changeId))
            return error(TransportError::Kind::Refused, 400, QStringLiteral("bad_value"));
    }
    PushResponse response;
    for (const Change& change : request.changes) {
        m_pushedEntities << change.entity;
        response.results << apply(change);
    }
    if (m_loseNextAnswer) {
        m_loseNextAnswer = false;
        return error(TransportError::Kind::Offline, 0, QStringLiteral("answer_lost"));
    }
    const auto answer = ProtocolCodec::decodePushResponse(ProtocolCodec::encode(response));
    if (!answer.ok())
        return error(TransportError::Kind::BadResponse, 200, ProtocolError::codeName(answer.error().code));
    return answer.value();
}

TransportResult<PullResponse> FakeServer::pull(const PullRequest& request)
{
    if (auto failure = injectedFailure())
        return *failure;
    if (m_pagesBeforeFailure == 0) {
        m_pagesBeforeFailure = -1;
        return error(TransportError::Kind::Offline, 0, QStringLiteral("pull_interrupted"));
    }
    if (m_pagesBeforeFailure > 0)
        --m_pagesBeforeFailure;
    // The newest version of each row, in seq (= rev) order.
    QMap<qint64, Key> bySeq;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (it->rev > request.since && visible(it.key(), it.value()))
            bySeq.insert(it->rev, it.key());
    }
    PullResponse response;
    response.next = request.since;
    for (auto it = bySeq.cbegin(); it != bySeq.cend(); ++it) {
        if (response.changes.size() == request.limit) {
            response.hasMore = true;
            break;
        }
        const Row& row = m_rows.value(it.value());
        response.changes << PulledChange {row.rev, it.value().first, it.value().second, row.rev, row.deleted,
            row.deleted ? QJsonObject() : row.fields};
        response.next = row.rev;
    }
    const auto answer = ProtocolCodec::decodePullResponse(ProtocolCodec::encode(response));
    if (!answer.ok())
        return error(TransportError::Kind::BadResponse, 200,
            ProtocolError::codeName(answer.error().code) + QLatin1Char(' ') + answer.error().path);
    return answer.value();
}

TransportResult<DigestResponse> FakeServer::digest(const DigestRequest& request)
{
    if (auto failure = injectedFailure())
        return *failure;
    RowDigest digest;
    DigestResponse response;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (!visible(it.key(), it.value()))
            continue;
        response.latestSeq = std::max(response.latestSeq, it->rev);
        if (!it->deleted)
            digest.add(it.key().first, it.key().second, it->rev);
    }
    response.rows = digest.rows();
    response.match = digest.hex() == request.digest && digest.rows() == request.rows;
    return response;
}

// As the real server: a pushed agency may not take the name of another live agency. (Edits made
// with serverEdit are not checked, so a test can give the server clashing names.)
bool FakeServer::agencyNameTaken(const Change& change) const
{
    if (!change.fields.contains(QStringLiteral("name")))
        return false;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (it.key().first == change.entity && it.key().second != change.rowId && !it->deleted
            && it->fields.value(QStringLiteral("name")) == change.fields.value(QStringLiteral("name")))
            return true;
    }
    return false;
}

void FakeServer::serverEdit(const QString& entity, const QString& rowId, const QJsonObject& fields)
{
    Row& row = m_rows[{entity, rowId}];
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        row.fields.insert(it.key(), it.value());
    row.rev = ++m_seq;
}

int FakeServer::liveRows(const QString& entity) const
{
    int count = 0;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        count += it.key().first == entity && !it->deleted ? 1 : 0;
    return count;
}

void FakeServer::serverDelete(const QString& entity, const QString& rowId)
{
    Row& row = m_rows[{entity, rowId}];
    row.deleted = true;
    row.rev = ++m_seq;
}
