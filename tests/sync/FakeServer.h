#pragma once

#include "protocol/PushResult.h"
#include "sync/SyncTransport.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QSet>

// An in-memory sync server for the engine's tests, speaking protocol v1 through the real
// codec (every request and answer is encoded and decoded, so what the client sends must be
// valid v1). It keeps rows with revs, a sequence, idempotent change ids and base-rev
// conflicts; pulls page through the newest version of each row in seq order; the digest
// is RowDigest over what the user may see. Failures are injected per call.
class FakeServer : public SyncTransport
{
public:
    struct Row
    {
        qint64 rev = 0;
        bool deleted = false;
        QJsonObject fields; // the entity's columns plus created/updated stamps
    };
    using Key = QPair<QString, QString>; // entity, row id

    TransportResult<LoginResponse> login(const LoginRequest& request) override;
    void setToken(const QString& token) override { m_token = token; }
    TransportResult<WhoamiResponse> whoami() override;
    TransportResult<PushResponse> push(const PushRequest& request) override;
    TransportResult<PullResponse> pull(const PullRequest& request) override;
    TransportResult<DigestResponse> digest(const DigestRequest& request) override;
    void cancel() override { }

    // The next `calls` calls of any kind fail with this error.
    void failNextCalls(TransportError::Kind kind, int calls = 1, int httpStatus = 0);
    // Pulls succeed for `pages` more pages, then the next pull fails (offline) once.
    void failPullAfterPages(int pages);
    // The next push is applied but its answer never arrives (offline).
    void loseNextPushAnswer() { m_loseNextAnswer = true; }
    // Answers this change with status rejected, every time.
    void rejectChange(const QString& changeId, const QString& reason) { m_rejects.insert(changeId, reason); }
    // Refuses (400) every push that contains this change.
    void refuseChangeRequests(const QString& changeId) { m_refused.insert(changeId); }
    // Takes this change as any other from now on.
    void forgive(const QString& changeId)
    {
        m_rejects.remove(changeId);
        m_refused.remove(changeId);
    }
    // Hides a case and everything on it from this user (access withdrawn), or shows it again.
    void setCaseVisible(const QString& caseId, bool visible);
    // A change made on the server by someone else (an admin): fields overlaid, new rev.
    void serverEdit(const QString& entity, const QString& rowId, const QJsonObject& fields);

    // A row removed on the server (a tombstone with a new rev).
    void serverDelete(const QString& entity, const QString& rowId);

    const QMap<Key, Row>& rows() const { return m_rows; }
    qint64 seq() const { return m_seq; }
    int pushCalls() const { return m_pushCalls; }
    const QStringList& pushedEntities() const { return m_pushedEntities; }
    int liveRows(const QString& entity) const;

private:
    std::optional<TransportError> injectedFailure();
    PushResult apply(const Change& change);
    bool visible(const Key& key, const Row& row) const;
    bool agencyNameTaken(const Change& change) const;
    static TransportError error(TransportError::Kind kind, int status, const QString& code);

    QMap<Key, Row> m_rows;
    QHash<QString, qint64> m_applied; // change id -> rev it got
    QHash<QString, QString> m_rejects;
    QSet<QString> m_refused;
    QSet<QString> m_hiddenCases;
    qint64 m_seq = 0;
    QString m_token;
    int m_failCalls = 0;
    TransportError m_failWith;
    int m_pagesBeforeFailure = -1;
    bool m_loseNextAnswer = false;
    int m_pushCalls = 0;
    QStringList m_pushedEntities;
};
