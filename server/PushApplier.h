#pragma once

#include "AuthContext.h"
#include "protocol/PushResult.h"

#include <QDateTime>

class ServerStorage;
struct Change;

// Decides and applies one pushed change (docs/SYNC.md, "Push"): duplicate, conflict,
// rejected or applied, with the team scoping and domain checks. Runs inside the push's
// transaction: SyncService calls it once per change, in order.
class PushApplier
{
public:
    PushApplier(ServerStorage& storage, const AuthContext& auth);

    PushResult apply(const Change& change);

private:
    PushResult create(const Change& change, const std::optional<StoredRow>& current);
    PushResult update(const Change& change, const std::optional<StoredRow>& current);
    // The team a new row belongs to, or a rejection when its case is not this team's.
    std::optional<PushResult> scopeNewRow(const Change& change, StoredRow* row);
    std::optional<PushResult> referenceTaken(const Change& change, qint64 teamId, const QString& rowId);
    std::optional<PushResult> agencyNameTaken(const Change& change, qint64 teamId, const QString& rowId);
    static std::optional<PushResult> heldByAnother(const Change& change, const QString& holder,
        const QString& rowId, const QString& reason, const QString& message);
    PushResult applied(const Change& change, const StoredRow& row);

    static PushResult rejected(const Change& change, const QString& reason, const QString& message);
    static PushResult conflict(const Change& change, const StoredRow& current);
    static PushResult notFound(const Change& change);

    ServerStorage& m_storage;
    const AuthContext& m_auth;
};
