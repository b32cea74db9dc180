#pragma once

#include "ServerStorage.h"

#include <QString>

#include <memory>
#include <mutex>

class Database;
class Statement;

// ServerStorage over one SQLCipher file, DIR/server.db, keyed from DIR/server.key
// (ServerKeyFile). One connection behind one mutex serves every thread: writes are
// serialized as they must be, and reads take the same lock, which is correct first and
// fast enough for one team's server (measure before splitting readers off).
class SqlCipherServerStorage : public ServerStorage
{
public:
    static QString databasePath(const QString& dataDir);
    static QString keyPath(const QString& dataDir);
    // Opens DIR/server.db (creating it when create and it is missing) and migrates it.
    // nullptr and a plain sentence in *error when the key file or the store is unusable.
    static std::unique_ptr<SqlCipherServerStorage> open(const QString& dataDir, bool create, QString* error);
    static int schemaVersion();

    ~SqlCipherServerStorage() override;

    int currentSchemaVersion();

    void write(const std::function<void()>& work) override;

    qint64 addTeam(const QString& name, const QDateTime& at) override;
    std::optional<ServerTeam> teamByName(const QString& name) override;
    std::optional<ServerTeam> teamById(qint64 id) override;
    QList<ServerTeam> teams() override;

    void addUser(const ServerUser& user) override;
    std::optional<ServerUser> userByUsername(const QString& username) override;
    std::optional<ServerUser> userById(const QString& id) override;
    QList<ServerUser> users() override;
    void setUserDisabled(const QString& userId, bool disabled) override;

    void addDevice(const ServerDevice& device, const QByteArray& tokenHash) override;
    std::optional<ServerDevice> deviceByTokenHash(const QByteArray& tokenHash) override;
    std::optional<ServerDevice> deviceById(const QString& id) override;
    QList<ServerDevice> devices(const QString& userId) override;
    void touchDevice(const QString& id, const QDateTime& at) override;
    void revokeDevice(const QString& id, bool wipe) override;

    void recordLoginFailure(const QString& userId, const QDateTime& at) override;
    void forgetLoginFailure(const QString& userId, const QDateTime& at) override;
    int loginFailuresSince(const QString& userId, const QDateTime& since) override;
    QDateTime oldestLoginFailureSince(const QString& userId, const QDateTime& since) override;

    std::optional<StoredRow> currentRow(const QString& entity, const QString& rowId) override;
    std::optional<LoggedChange> changeById(const QString& changeId) override;
    qint64 appendChange(const LoggedChange& change) override;
    QString caseWithReference(qint64 teamId, const QString& reference) override;
    QString agencyWithName(qint64 teamId, const QString& name) override;
    QList<LoggedChange> changesSince(const Viewer& viewer, qint64 since, int limit) override;
    QList<StoredRow> liveRows(const Viewer& viewer) override;
    qint64 latestSeq(const Viewer& viewer) override;
    qint64 changeCount() override;

    void audit(const ServerAuditEntry& entry) override;
    QList<ServerAuditEntry> auditEntries() override;

private:
    void recordCaseReference(const StoredRow& row);
    explicit SqlCipherServerStorage(std::unique_ptr<Database> db);
    void migrate();
    QList<ServerUser> readUsers(Statement& statement);
    QList<ServerDevice> readDevices(Statement& statement);

    std::unique_ptr<Database> m_db;
    std::recursive_mutex m_mutex;
    int m_writeDepth = 0;
};
