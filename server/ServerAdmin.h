#pragma once

#include "PasswordHasher.h"
#include "ServerRecords.h"

#include <QList>
#include <QString>

#include <functional>

class ServerStorage;

// The server's administration (the casebook-server commands): teams, users, agencies and
// devices. Each action checks its input, writes in one transaction and is audited. Agency
// and user rows are also written as synced rows with a seq, so clients pull them.
// Failures return false (or an empty id) with a plain sentence in *error.
class ServerAdmin
{
public:
    struct NewUser
    {
        QString username;
        QString displayName;
        QString team; // team name; the team must exist
        QString role; // Vocabulary::userRoles
        QString agencyId; // optional: an agency row's id
    };

    static constexpr int MinPasswordLength = 12;

    ServerAdmin(ServerStorage& storage, QString actor,
        PasswordHasher::Limits limits = PasswordHasher::moderate(), std::function<QDateTime()> clock = {});

    bool addTeam(const QString& name, QString* error);
    // Returns the new user's id, or empty.
    QString addUser(const NewUser& user, const QString& password, QString* error);
    QList<ServerUser> users();
    bool setUserDisabled(const QString& username, bool disabled, QString* error);
    // Returns the new agency's id, or empty.
    QString addAgency(const QString& name, const QString& kind, QString* error);
    // All devices, or one user's (username); false for an unknown username.
    bool devices(const QString& username, QList<ServerDevice>* out, QString* error);
    bool revokeDevice(const QString& deviceId, bool wipe, QString* error);
    // Withdraws a synced row (say, a record entered in the wrong team): a tombstone with
    // the next seq, which the devices that may see the row pull and apply.
    bool withdrawRow(const QString& entity, const QString& rowId, QString* error);

private:
    bool checkNewUser(const NewUser& user, const QString& password, ServerTeam* team, QString* error);
    // A synced row written by the administration: the next seq, no device.
    void writeAdminRow(const QString& entity, const QString& rowId, qint64 teamId, QJsonObject fields);
    void audit(const QString& action, const QString& subject);
    QDateTime now() const;

    ServerStorage& m_storage;
    QString m_actor;
    PasswordHasher m_hasher;
    std::function<QDateTime()> m_clock;
};
