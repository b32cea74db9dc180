#include "ServerAdmin.h"

#include "ServerStorage.h"
#include "core/Vocabulary.h"

#include <QRegularExpression>
#include <QUuid>

namespace {
QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool validName(const QString& text, int maxLength)
{
    return !text.trimmed().isEmpty() && text.size() <= maxLength;
}
} // namespace

ServerAdmin::ServerAdmin(
    ServerStorage& storage, QString actor, PasswordHasher::Limits limits, std::function<QDateTime()> clock)
    : m_storage(storage)
    , m_actor(std::move(actor))
    , m_hasher(limits)
    , m_clock(std::move(clock))
{ }

QDateTime ServerAdmin::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void ServerAdmin::audit(const QString& action, const QString& subject)
{
    m_storage.audit({now(), m_actor, action, subject});
}

bool ServerAdmin::addTeam(const QString& name, QString* error)
{
    if (!validName(name, 200)) {
        *error = QStringLiteral("A team name must not be empty (at most 200 characters).");
        return false;
    }
    if (m_storage.teamByName(name)) {
        *error = QStringLiteral("There is already a team with that name.");
        return false;
    }
    m_storage.write([&] {
        m_storage.addTeam(name, now());
        audit(QStringLiteral("team_add"), name);
    });
    return true;
}

bool ServerAdmin::checkNewUser(const NewUser& user, const QString& password, ServerTeam* team, QString* error)
{
    static const QRegularExpression usernamePattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    std::optional<ServerTeam> found;
    if (!usernamePattern.match(user.username).hasMatch())
        *error = QStringLiteral("A username is 1 to 64 lower-case letters, digits, '.', '_' or '-'.");
    else if (m_storage.userByUsername(user.username))
        *error = QStringLiteral("There is already a user with that username.");
    else if (!validName(user.displayName, 200))
        *error = QStringLiteral("A display name must not be empty (at most 200 characters).");
    else if (!Vocabulary::userRoles().contains(user.role))
        *error = QStringLiteral("The role must be one of: %1.")
                     .arg(Vocabulary::userRoles().keys().join(QStringLiteral(", ")));
    else if (!(found = m_storage.teamByName(user.team)))
        *error = QStringLiteral("There is no team with that name; add it first with: team add.");
    else if (!user.agencyId.isEmpty() && !m_storage.currentRow(QStringLiteral("agency"), user.agencyId))
        *error = QStringLiteral("There is no agency with that id; see the id printed by: agency add.");
    else if (password.size() < MinPasswordLength)
        *error = QStringLiteral("The password must be at least %1 characters.").arg(MinPasswordLength);
    else
        *team = *found;
    return error->isEmpty();
}

QString ServerAdmin::addUser(const NewUser& user, const QString& password, QString* error)
{
    error->clear();
    ServerTeam team;
    if (!checkNewUser(user, password, &team, error))
        return {};
    ServerUser stored;
    stored.id = newId();
    stored.username = user.username;
    stored.displayName = user.displayName;
    stored.teamId = team.id;
    stored.role = user.role;
    stored.agencyId = user.agencyId;
    stored.passwordHash = m_hasher.hash(password);
    stored.createdAt = now();
    if (stored.passwordHash.isEmpty()) {
        *error = QStringLiteral("Not enough memory to hash the password.");
        return {};
    }
    QJsonObject fields {{QStringLiteral("username"), user.username},
        {QStringLiteral("display_name"), user.displayName}, {QStringLiteral("role"), user.role},
        {QStringLiteral("team"), team.name},
        {QStringLiteral("agency_id"), user.agencyId.isEmpty() ? QJsonValue() : QJsonValue(user.agencyId)}};
    m_storage.write([&] {
        m_storage.addUser(stored);
        writeAdminRow(QStringLiteral("user"), stored.id, team.id, fields);
        audit(QStringLiteral("user_add"), user.username);
    });
    return stored.id;
}

QList<ServerUser> ServerAdmin::users()
{
    return m_storage.users();
}

bool ServerAdmin::setUserDisabled(const QString& username, bool disabled, QString* error)
{
    const std::optional<ServerUser> user = m_storage.userByUsername(username);
    if (!user) {
        *error = QStringLiteral("There is no user with that username.");
        return false;
    }
    m_storage.write([&] {
        m_storage.setUserDisabled(user->id, disabled);
        audit(disabled ? QStringLiteral("user_disable") : QStringLiteral("user_enable"), username);
    });
    return true;
}

QString ServerAdmin::addAgency(const QString& name, const QString& kind, QString* error)
{
    if (!validName(name, 1000)) {
        *error = QStringLiteral("An agency name must not be empty.");
        return {};
    }
    if (!Vocabulary::agencyKinds().contains(kind)) {
        *error = QStringLiteral("The kind must be one of: %1.")
                     .arg(Vocabulary::agencyKinds().keys().join(QStringLiteral(", ")));
        return {};
    }
    // A global agency is seen by every team, so no team may already use the name.
    if (!m_storage.agencyWithName(0, name).isEmpty()) {
        *error = QStringLiteral("An agency with this name already exists on the server.");
        return {};
    }
    const QString id = newId();
    const QJsonObject fields {
        {QStringLiteral("name"), name}, {QStringLiteral("kind"), kind}, {QStringLiteral("active"), 1}};
    m_storage.write([&] {
        writeAdminRow(QStringLiteral("agency"), id, 0, fields);
        audit(QStringLiteral("agency_add"), id);
    });
    return id;
}

bool ServerAdmin::devices(const QString& username, QList<ServerDevice>* out, QString* error)
{
    QString userId;
    if (!username.isEmpty()) {
        const std::optional<ServerUser> user = m_storage.userByUsername(username);
        if (!user) {
            *error = QStringLiteral("There is no user with that username.");
            return false;
        }
        userId = user->id;
    }
    *out = m_storage.devices(userId);
    return true;
}

bool ServerAdmin::revokeDevice(const QString& deviceId, bool wipe, QString* error)
{
    if (!m_storage.deviceById(deviceId)) {
        *error = QStringLiteral("There is no device with that id; see: device list.");
        return false;
    }
    m_storage.write([&] {
        m_storage.revokeDevice(deviceId, wipe);
        audit(wipe ? QStringLiteral("device_revoke_wipe") : QStringLiteral("device_revoke"), deviceId);
    });
    return true;
}

bool ServerAdmin::withdrawRow(const QString& entity, const QString& rowId, QString* error)
{
    std::optional<StoredRow> row = m_storage.currentRow(entity, rowId);
    if (!row || row->deleted) {
        *error = QStringLiteral("There is no such row, or it was withdrawn already.");
        return false;
    }
    LoggedChange change;
    change.changeId = newId();
    change.row = *row;
    change.row.deleted = true;
    change.row.fields = QJsonObject();
    m_storage.write([&] {
        m_storage.appendChange(change);
        audit(QStringLiteral("row_withdraw"), entity + QLatin1Char(' ') + rowId);
    });
    return true;
}

void ServerAdmin::writeAdminRow(
    const QString& entity, const QString& rowId, qint64 teamId, QJsonObject fields)
{
    const QString stamp = now().toString(Qt::ISODateWithMs);
    fields.insert(QStringLiteral("created_at"), stamp);
    fields.insert(QStringLiteral("created_by"), m_actor);
    fields.insert(QStringLiteral("updated_at"), stamp);
    fields.insert(QStringLiteral("updated_by"), m_actor);
    LoggedChange change;
    change.changeId = newId();
    change.row.entity = entity;
    change.row.rowId = rowId;
    change.row.teamId = teamId;
    change.row.fields = fields;
    m_storage.appendChange(change);
}
