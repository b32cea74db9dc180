#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

// The plain values ServerStorage hands back and forth. No behaviour: the rules live in
// SyncService, AccessPolicy and ServerAdmin, so another storage backend only moves data.

struct ServerTeam
{
    qint64 id = 0;
    QString name;
};

struct ServerUser
{
    QString id; // UUID, also the row_id of the user's synced "user" row
    QString username;
    QString displayName;
    qint64 teamId = 0;
    QString teamName; // filled in when read
    QString role; // worker, lead, partner, admin (Vocabulary::userRoles)
    QString agencyId; // empty when not tied to an agency
    QByteArray passwordHash; // crypto_pwhash_str output
    bool disabled = false;
    QDateTime createdAt;
};

struct ServerDevice
{
    QString id; // UUID
    QString userId;
    QString username; // filled in when read
    QString name;
    QDateTime createdAt;
    QDateTime lastSeenAt;
    QDateTime expiresAt; // absolute expiry of its token
    bool revoked = false;
    bool wipe = false;
};

// One synced row as the server holds it: its current state or its state at one seq.
struct StoredRow
{
    QString entity;
    QString rowId;
    qint64 teamId = 0; // 0: every team (agencies)
    qint64 rev = 0;
    bool deleted = false;
    QJsonObject fields; // the whole row with its four stamps
    QString ownerAgencyId; // an agency-only note's agency; empty otherwise
    QString caseId; // child rows' case
};

// One entry of the change log: the row snapshot as the change left it.
struct LoggedChange
{
    qint64 seq = 0;
    QString changeId;
    StoredRow row;
    QString userId;
    QString deviceId;
};

// Whose eyes a read is for: rows of this team (and agencies), agency-only notes of this
// agency only.
struct Viewer
{
    qint64 teamId = 0;
    QString agencyId;
};

struct ServerAuditEntry
{
    QDateTime at;
    QString actor;
    QString action;
    QString subject;
};
