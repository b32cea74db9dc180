#include "SqlCipherServerStorage.h"

#include "ServerKeyFile.h"
#include "store/Database.h"
#include "store/KeyDerivation.h"
#include "store/StoreError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace {
// Forward-only schema steps; step n takes user_version n-1 to n in one transaction.
const char* const migrationSteps[] = {
    R"sql(
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    role TEXT NOT NULL,
    agency_id TEXT,
    password_hash BLOB NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    wipe INTEGER NOT NULL DEFAULT 0);
CREATE INDEX devices_by_user ON devices(user_id);
CREATE TABLE login_failures (
    user_id TEXT NOT NULL REFERENCES users(id),
    at TEXT NOT NULL);
CREATE INDEX login_failures_by_user ON login_failures(user_id, at);
CREATE TABLE rows (
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    team_id INTEGER,
    rev INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    fields TEXT NOT NULL,
    owner_agency_id TEXT,
    case_id TEXT,
    PRIMARY KEY (entity, row_id)) WITHOUT ROWID;
CREATE INDEX rows_by_team ON rows(team_id, deleted);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    team_id INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    fields TEXT NOT NULL,
    owner_agency_id TEXT,
    case_id TEXT,
    user_id TEXT,
    device_id TEXT,
    logged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
CREATE INDEX change_log_by_team ON change_log(team_id, seq);
CREATE TABLE server_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL);
)sql",
    // 2: case references are unique per team, as a worker reads them out; laptops number new
    // cases offline, so the server is where two laptops' choices meet.
    R"sql(
CREATE TABLE case_references (
    team_id INTEGER NOT NULL,
    reference TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (team_id, reference)) WITHOUT ROWID;
)sql",
};

QVariant nullable(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant teamValue(qint64 teamId)
{
    return teamId == 0 ? QVariant() : QVariant(teamId);
}

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Columns entity..case_id in the order rowColumns lists them, starting at first.
StoredRow readRow(const Statement& s, int first)
{
    StoredRow row;
    row.entity = s.text(first);
    row.rowId = s.text(first + 1);
    row.rev = s.integer(first + 2);
    row.teamId = s.isNull(first + 3) ? 0 : s.integer(first + 3);
    row.deleted = s.boolean(first + 4);
    row.fields = jsonObject(s.text(first + 5));
    row.ownerAgencyId = s.text(first + 6);
    row.caseId = s.text(first + 7);
    return row;
}

const char* const visibleChange = "(c.team_id IS NULL OR c.team_id = ?2) "
                                  "AND (c.owner_agency_id IS NULL OR c.owner_agency_id = ?3)";
} // namespace

QString SqlCipherServerStorage::databasePath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("server.db"));
}

QString SqlCipherServerStorage::keyPath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("server.key"));
}

int SqlCipherServerStorage::schemaVersion()
{
    return static_cast<int>(std::size(migrationSteps));
}

std::unique_ptr<SqlCipherServerStorage> SqlCipherServerStorage::open(
    const QString& dataDir, bool create, QString* error)
{
    std::optional<SecureBuffer> key = ServerKeyFile::read(keyPath(dataDir), error);
    if (!key)
        return nullptr;
    const QString path = databasePath(dataDir);
    const bool exists = QFileInfo::exists(path);
    if (!exists && !create) {
        *error
            = QStringLiteral("There is no server store in %1; run casebook-server init first.").arg(dataDir);
        return nullptr;
    }
    try {
        const SecureBuffer literal = KeyDerivation::sqlcipherKeyLiteral(*key);
        key->wipe();
        auto db = std::make_unique<Database>(path, literal, !exists);
        std::unique_ptr<SqlCipherServerStorage> storage(new SqlCipherServerStorage(std::move(db)));
        storage->migrate();
        return storage;
    } catch (const StoreError& e) {
        *error = e.code() == StoreError::Code::WrongPassphrase
            ? QStringLiteral("The key in %1 does not open %2.").arg(keyPath(dataDir), path)
            : e.message();
        return nullptr;
    }
}

SqlCipherServerStorage::SqlCipherServerStorage(std::unique_ptr<Database> db)
    : m_db(std::move(db))
{ }

SqlCipherServerStorage::~SqlCipherServerStorage() = default;

int SqlCipherServerStorage::currentSchemaVersion()
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_db->scalar("PRAGMA user_version"));
}

void SqlCipherServerStorage::migrate()
{
    const int current = currentSchemaVersion();
    if (current > schemaVersion())
        throw StoreError(StoreError::Code::NewerSchema,
            QStringLiteral("The server store was written by a newer casebook-server."));
    for (int version = current + 1; version <= schemaVersion(); ++version) {
        write([&] {
            m_db->exec(migrationSteps[version - 1]);
            m_db->exec(QByteArray("PRAGMA user_version = " + QByteArray::number(version)).constData());
        });
    }
}

void SqlCipherServerStorage::write(const std::function<void()>& work)
{
    std::lock_guard lock(m_mutex);
    if (m_writeDepth > 0) { // already inside this thread's transaction
        work();
        return;
    }
    m_db->exec("BEGIN IMMEDIATE");
    ++m_writeDepth;
    try {
        work();
        m_db->exec("COMMIT");
        --m_writeDepth;
    } catch (...) {
        --m_writeDepth;
        m_db->exec("ROLLBACK");
        throw;
    }
}

qint64 SqlCipherServerStorage::addTeam(const QString& name, const QDateTime& at)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("INSERT INTO teams (name, created_at) VALUES (?1, ?2)").bindAll({name, at}).run();
    return m_db->lastInsertRowId();
}

std::optional<ServerTeam> SqlCipherServerStorage::teamByName(const QString& name)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT id, name FROM teams WHERE name = ?1");
    s.bind(1, name);
    if (!s.next())
        return std::nullopt;
    return ServerTeam {s.integer(0), s.text(1)};
}

std::optional<ServerTeam> SqlCipherServerStorage::teamById(qint64 id)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT id, name FROM teams WHERE id = ?1");
    s.bind(1, id);
    if (!s.next())
        return std::nullopt;
    return ServerTeam {s.integer(0), s.text(1)};
}

QList<ServerTeam> SqlCipherServerStorage::teams()
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT id, name FROM teams ORDER BY name");
    QList<ServerTeam> result;
    while (s.next())
        result.append({s.integer(0), s.text(1)});
    return result;
}

void SqlCipherServerStorage::addUser(const ServerUser& user)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("INSERT INTO users (id, username, display_name, team_id, role, agency_id, "
                  "password_hash, disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .bindAll({user.id, user.username, user.displayName, user.teamId, user.role, nullable(user.agencyId),
            user.passwordHash, user.disabled ? 1 : 0, user.createdAt})
        .run();
}

QList<ServerUser> SqlCipherServerStorage::readUsers(Statement& s)
{
    QList<ServerUser> result;
    while (s.next()) {
        ServerUser user;
        user.id = s.text(0);
        user.username = s.text(1);
        user.displayName = s.text(2);
        user.teamId = s.integer(3);
        user.teamName = s.text(4);
        user.role = s.text(5);
        user.agencyId = s.text(6);
        user.passwordHash = s.value(7).toByteArray();
        user.disabled = s.boolean(8);
        user.createdAt = s.dateTime(9);
        result.append(user);
    }
    return result;
}

#define USER_COLUMNS                                                                                         \
    "SELECT u.id, u.username, u.display_name, u.team_id, t.name, u.role, u.agency_id, "                      \
    "u.password_hash, u.disabled, u.created_at FROM users u JOIN teams t ON t.id = u.team_id "

std::optional<ServerUser> SqlCipherServerStorage::userByUsername(const QString& username)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare(USER_COLUMNS "WHERE u.username = ?1");
    s.bind(1, username);
    const QList<ServerUser> found = readUsers(s);
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<ServerUser> SqlCipherServerStorage::userById(const QString& id)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare(USER_COLUMNS "WHERE u.id = ?1");
    s.bind(1, id);
    const QList<ServerUser> found = readUsers(s);
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<ServerUser> SqlCipherServerStorage::users()
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare(USER_COLUMNS "ORDER BY u.username");
    return readUsers(s);
}

void SqlCipherServerStorage::setUserDisabled(const QString& userId, bool disabled)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("UPDATE users SET disabled = ?2 WHERE id = ?1").bindAll({userId, disabled ? 1 : 0}).run();
}

void SqlCipherServerStorage::addDevice(const ServerDevice& device, const QByteArray& tokenHash)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("INSERT INTO devices (id, user_id, name, token_hash, created_at, last_seen_at, "
                  "expires_at, revoked, wipe) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .bindAll({device.id, device.userId, device.name, tokenHash, device.createdAt, device.lastSeenAt,
            device.expiresAt, device.revoked ? 1 : 0, device.wipe ? 1 : 0})
        .run();
}

QList<ServerDevice> SqlCipherServerStorage::readDevices(Statement& s)
{
    QList<ServerDevice> result;
    while (s.next()) {
        ServerDevice device;
        device.id = s.text(0);
        device.userId = s.text(1);
        device.username = s.text(2);
        device.name = s.text(3);
        device.createdAt = s.dateTime(4);
        device.lastSeenAt = s.dateTime(5);
        device.expiresAt = s.dateTime(6);
        device.revoked = s.boolean(7);
        device.wipe = s.boolean(8);
        result.append(device);
    }
    return result;
}

#define DEVICE_COLUMNS                                                                                       \
    "SELECT d.id, d.user_id, u.username, d.name, d.created_at, d.last_seen_at, d.expires_at, "               \
    "d.revoked, d.wipe FROM devices d JOIN users u ON u.id = d.user_id "

std::optional<ServerDevice> SqlCipherServerStorage::deviceByTokenHash(const QByteArray& tokenHash)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare(DEVICE_COLUMNS "WHERE d.token_hash = ?1");
    s.bind(1, tokenHash);
    const QList<ServerDevice> found = readDevices(s);
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<ServerDevice> SqlCipherServerStorage::deviceById(const QString& id)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare(DEVICE_COLUMNS "WHERE d.id = ?1");
    s.bind(1, id);
    const QList<ServerDevice> found = readDevices(s);
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<ServerDevice> SqlCipherServerStorage::devices(const QString& userId)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare(
        DEVICE_COLUMNS "WHERE ?1 IS NULL OR d.user_id = ?1 ORDER BY u.username, d.created_at");
    s.bind(1, nullable(userId));
    return readDevices(s);
}

void SqlCipherServerStorage::touchDevice(const QString& id, const QDateTime& at)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("UPDATE devices SET last_seen_at = ?2 WHERE id = ?1").bindAll({id, at}).run();
}

void SqlCipherServerStorage::revokeDevice(const QString& id, bool wipe)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("UPDATE devices SET revoked = 1, wipe = max(wipe, ?2) WHERE id = ?1")
        .bindAll({id, wipe ? 1 : 0})
        .run();
}

void SqlCipherServerStorage::recordLoginFailure(const QString& userId, const QDateTime& at)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("INSERT INTO login_failures (user_id, at) VALUES (?1, ?2)").bindAll({userId, at}).run();
    // Failures older than a day can no longer count against anyone.
    m_db->prepare("DELETE FROM login_failures WHERE user_id = ?1 AND at < ?2")
        .bindAll({userId, at.addDays(-1)})
        .run();
}

void SqlCipherServerStorage::forgetLoginFailure(const QString& userId, const QDateTime& at)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("DELETE FROM login_failures WHERE rowid = "
                  "(SELECT rowid FROM login_failures WHERE user_id = ?1 AND at = ?2 LIMIT 1)")
        .bindAll({userId, at})
        .run();
}

int SqlCipherServerStorage::loginFailuresSince(const QString& userId, const QDateTime& since)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT count(*) FROM login_failures WHERE user_id = ?1 AND at >= ?2");
    s.bindAll({userId, since});
    return s.next() ? static_cast<int>(s.integer(0)) : 0;
}

QDateTime SqlCipherServerStorage::oldestLoginFailureSince(const QString& userId, const QDateTime& since)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT min(at) FROM login_failures WHERE user_id = ?1 AND at >= ?2");
    s.bindAll({userId, since});
    return s.next() && !s.isNull(0) ? s.dateTime(0) : QDateTime();
}

std::optional<StoredRow> SqlCipherServerStorage::currentRow(const QString& entity, const QString& rowId)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT entity, row_id, rev, team_id, deleted, fields, owner_agency_id, "
                                "case_id FROM rows WHERE entity = ?1 AND row_id = ?2");
    s.bindAll({entity, rowId});
    if (!s.next())
        return std::nullopt;
    return readRow(s, 0);
}

std::optional<LoggedChange> SqlCipherServerStorage::changeById(const QString& changeId)
{
    std::lock_guard lock(m_mutex);
    Statement s
        = m_db->prepare("SELECT seq, change_id, user_id, device_id, entity, row_id, rev, team_id, "
                        "deleted, fields, owner_agency_id, case_id FROM change_log WHERE change_id = ?1");
    s.bind(1, changeId);
    if (!s.next())
        return std::nullopt;
    return LoggedChange {s.integer(0), s.text(1), readRow(s, 4), s.text(2), s.text(3)};
}

qint64 SqlCipherServerStorage::appendChange(const LoggedChange& change)
{
    std::lock_guard lock(m_mutex);
    const qint64 seq = m_db->scalar("SELECT COALESCE(max(seq), 0) + 1 FROM change_log");
    const StoredRow& row = change.row;
    m_db->prepare("INSERT INTO change_log (seq, change_id, entity, row_id, rev, team_id, deleted, fields, "
                  "owner_agency_id, case_id, user_id, device_id) "
                  "VALUES (?1, ?2, ?3, ?4, ?1, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .bindAll({seq, change.changeId, row.entity, row.rowId, teamValue(row.teamId), row.deleted ? 1 : 0,
            jsonText(row.fields), nullable(row.ownerAgencyId), nullable(row.caseId), nullable(change.userId),
            nullable(change.deviceId)})
        .run();
    m_db->prepare("INSERT OR REPLACE INTO rows (entity, row_id, rev, team_id, deleted, fields, "
                  "owner_agency_id, case_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bindAll({row.entity, row.rowId, seq, teamValue(row.teamId), row.deleted ? 1 : 0,
            jsonText(row.fields), nullable(row.ownerAgencyId), nullable(row.caseId)})
        .run();
    if (row.entity == QLatin1String("case"))
        recordCaseReference(row);
    return seq;
}

// Called with the lock held, inside appendChange's transaction.
void SqlCipherServerStorage::recordCaseReference(const StoredRow& row)
{
    m_db->prepare("DELETE FROM case_references WHERE row_id = ?1").bind(1, row.rowId).run();
    const QString reference = row.fields.value(QStringLiteral("reference")).toString();
    if (row.deleted || reference.isEmpty())
        return;
    m_db->prepare("INSERT OR REPLACE INTO case_references (team_id, reference, row_id) VALUES (?1, ?2, ?3)")
        .bindAll({row.teamId, reference, row.rowId})
        .run();
}

QString SqlCipherServerStorage::caseWithReference(qint64 teamId, const QString& reference)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT row_id FROM case_references WHERE team_id = ?1 AND reference = ?2");
    s.bindAll({teamId, reference});
    return s.next() ? s.text(0) : QString();
}

// Agencies are few (tens per team), so a scan beats keeping a second index of names in step.
QString SqlCipherServerStorage::agencyWithName(qint64 teamId, const QString& name)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT row_id, fields FROM rows WHERE entity = 'agency' AND deleted = 0 "
                                "AND (?1 = 0 OR team_id IS NULL OR team_id = ?1)");
    s.bind(1, teamId);
    while (s.next()) {
        if (jsonObject(s.text(1)).value(QStringLiteral("name")).toString() == name)
            return s.text(0);
    }
    return {};
}

QList<LoggedChange> SqlCipherServerStorage::changesSince(const Viewer& viewer, qint64 since, int limit)
{
    std::lock_guard lock(m_mutex);
    const QByteArray sql
        = QByteArray("SELECT c.seq, c.change_id, c.user_id, c.device_id, c.entity, c.row_id, "
                     "c.rev, c.team_id, c.deleted, c.fields, c.owner_agency_id, c.case_id "
                     "FROM change_log c WHERE c.seq > ?1 AND ")
        + visibleChange + " ORDER BY c.seq LIMIT ?4";
    Statement s = m_db->prepare(sql.constData());
    s.bindAll({since, teamValue(viewer.teamId), nullable(viewer.agencyId), limit});
    QList<LoggedChange> result;
    while (s.next())
        result.append({s.integer(0), s.text(1), readRow(s, 4), s.text(2), s.text(3)});
    return result;
}

QList<StoredRow> SqlCipherServerStorage::liveRows(const Viewer& viewer)
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT entity, row_id, rev FROM rows c WHERE c.deleted = 0 AND ?1 = ?1 AND "
                                "(c.team_id IS NULL OR c.team_id = ?2) "
                                "AND (c.owner_agency_id IS NULL OR c.owner_agency_id = ?3)");
    s.bindAll({0, teamValue(viewer.teamId), nullable(viewer.agencyId)});
    QList<StoredRow> result;
    while (s.next()) {
        StoredRow row;
        row.entity = s.text(0);
        row.rowId = s.text(1);
        row.rev = s.integer(2);
        result.append(row);
    }
    return result;
}

qint64 SqlCipherServerStorage::latestSeq(const Viewer& viewer)
{
    std::lock_guard lock(m_mutex);
    const QByteArray sql
        = QByteArray("SELECT COALESCE(max(c.seq), 0) FROM change_log c WHERE ?1 = ?1 AND ") + visibleChange;
    Statement s = m_db->prepare(sql.constData());
    s.bindAll({0, teamValue(viewer.teamId), nullable(viewer.agencyId)});
    return s.next() ? s.integer(0) : 0;
}

qint64 SqlCipherServerStorage::changeCount()
{
    std::lock_guard lock(m_mutex);
    return m_db->scalar("SELECT count(*) FROM change_log");
}

void SqlCipherServerStorage::audit(const ServerAuditEntry& entry)
{
    std::lock_guard lock(m_mutex);
    m_db->prepare("INSERT INTO server_audit (at, actor, action, subject) VALUES (?1, ?2, ?3, ?4)")
        .bindAll({entry.at, entry.actor, entry.action, entry.subject})
        .run();
}

QList<ServerAuditEntry> SqlCipherServerStorage::auditEntries()
{
    std::lock_guard lock(m_mutex);
    Statement s = m_db->prepare("SELECT at, actor, action, subject FROM server_audit ORDER BY id");
    QList<ServerAuditEntry> result;
    while (s.next())
        result.append({s.dateTime(0), s.text(1), s.text(2), s.text(3)});
    return result;
}
