#pragma once

#include "ServerRecords.h"

#include <QList>

#include <functional>
#include <optional>

// Everything casebook-server keeps, behind one interface so a PostgreSQL backend can take
// SQLCipher's place (docs/ARCHITECTURE.md). Implementations are thread-safe: SyncService
// calls them from the transport's pool threads. Failures throw StoreError with a plain
// message (never sent to clients).
class ServerStorage
{
public:
    virtual ~ServerStorage() = default;

    // Runs work as one transaction; writes from all threads are serialized, so seqs are
    // handed out in commit order and a reader never sees seq n+1 before n. Anything work
    // throws rolls the whole transaction back and is rethrown.
    virtual void write(const std::function<void()>& work) = 0;

    virtual qint64 addTeam(const QString& name, const QDateTime& at) = 0;
    virtual std::optional<ServerTeam> teamByName(const QString& name) = 0;
    virtual std::optional<ServerTeam> teamById(qint64 id) = 0;
    virtual QList<ServerTeam> teams() = 0;

    virtual void addUser(const ServerUser& user) = 0;
    virtual std::optional<ServerUser> userByUsername(const QString& username) = 0;
    virtual std::optional<ServerUser> userById(const QString& id) = 0;
    virtual QList<ServerUser> users() = 0;
    virtual void setUserDisabled(const QString& userId, bool disabled) = 0;

    virtual void addDevice(const ServerDevice& device, const QByteArray& tokenHash) = 0;
    virtual std::optional<ServerDevice> deviceByTokenHash(const QByteArray& tokenHash) = 0;
    virtual std::optional<ServerDevice> deviceById(const QString& id) = 0;
    virtual QList<ServerDevice> devices(const QString& userId) = 0; // empty id: all
    virtual void touchDevice(const QString& id, const QDateTime& at) = 0;
    virtual void revokeDevice(const QString& id, bool wipe) = 0;

    virtual void recordLoginFailure(const QString& userId, const QDateTime& at) = 0;
    // Removes one failure recorded at exactly at (a reserved attempt that succeeded).
    virtual void forgetLoginFailure(const QString& userId, const QDateTime& at) = 0;
    // Failures at or after since, and the oldest of them (invalid when none).
    virtual int loginFailuresSince(const QString& userId, const QDateTime& since) = 0;
    virtual QDateTime oldestLoginFailureSince(const QString& userId, const QDateTime& since) = 0;

    virtual std::optional<StoredRow> currentRow(const QString& entity, const QString& rowId) = 0;
    virtual std::optional<LoggedChange> changeById(const QString& changeId) = 0;
    // Logs change with the next seq, makes its row current with rev = seq; returns the seq.
    // Call inside write().
    virtual qint64 appendChange(const LoggedChange& change) = 0;
    // The live case of this team with this reference (its row id), or empty.
    virtual QString caseWithReference(qint64 teamId, const QString& reference) = 0;
    // A live agency named exactly name that the team sees (its own or a global one), or for
    // teamId 0 any live agency on the server: its row id, or empty.
    virtual QString agencyWithName(qint64 teamId, const QString& name) = 0;
    // Logged changes with seq > since the viewer may see, in seq order, at most limit.
    virtual QList<LoggedChange> changesSince(const Viewer& viewer, qint64 since, int limit) = 0;
    // The viewer's live (not deleted) current rows: entity, row id and rev only.
    virtual QList<StoredRow> liveRows(const Viewer& viewer) = 0;
    virtual qint64 latestSeq(const Viewer& viewer) = 0;
    virtual qint64 changeCount() = 0;

    virtual void audit(const ServerAuditEntry& entry) = 0;
    virtual QList<ServerAuditEntry> auditEntries() = 0;
};
