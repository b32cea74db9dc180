#include "PushApplier.h"

#include "AccessPolicy.h"
#include "ChangeRules.h"
#include "ServerStorage.h"
#include "protocol/Change.h"
#include "protocol/EntitySchema.h"

namespace {
const QString caseIdKey = QStringLiteral("case_id");
} // namespace

PushApplier::PushApplier(ServerStorage& storage, const AuthContext& auth)
    : m_storage(storage)
    , m_auth(auth)
{ }

PushResult PushApplier::apply(const Change& change)
{
    if (const std::optional<LoggedChange> done = m_storage.changeById(change.changeId)) {
        // Only the team that pushed it learns what a change id got.
        if (done->row.teamId != m_auth.user.teamId)
            return rejected(
                change, QStringLiteral("forbidden"), QStringLiteral("This change id is not yours."));
        PushResult result;
        result.changeId = change.changeId;
        result.status = PushResult::Status::Duplicate;
        result.rev = done->seq;
        return result;
    }
    if (!AccessPolicy::canWrite(m_auth.user))
        return rejected(
            change, QStringLiteral("forbidden"), QStringLiteral("Partner users have read-only access."));
    if (AccessPolicy::isServerAdministered(change.entity))
        return rejected(change, QStringLiteral("forbidden"),
            QStringLiteral("Users are changed by the server's administrator only."));
    if (const QString problem = ChangeRules::check(change); !problem.isEmpty())
        return rejected(change, QStringLiteral("invalid"), problem);
    const std::optional<StoredRow> current = m_storage.currentRow(change.entity, change.rowId);
    return change.op == QLatin1String("create") ? create(change, current) : update(change, current);
}

PushResult PushApplier::create(const Change& change, const std::optional<StoredRow>& current)
{
    if (current) {
        if (!AccessPolicy::canSee(m_auth.user, *current))
            return rejected(
                change, QStringLiteral("forbidden"), QStringLiteral("This row id cannot be used."));
        return conflict(change, *current);
    }
    StoredRow row;
    row.entity = change.entity;
    row.rowId = change.rowId;
    row.fields = change.fields;
    // A create's created stamps are its updated ones (docs/SYNC.md, "Stamps").
    row.fields.insert(QStringLiteral("created_at"), change.fields.value(QStringLiteral("updated_at")));
    row.fields.insert(QStringLiteral("created_by"), change.fields.value(QStringLiteral("updated_by")));
    if (std::optional<PushResult> refusal = scopeNewRow(change, &row))
        return *refusal;
    return applied(change, row);
}

std::optional<PushResult> PushApplier::scopeNewRow(const Change& change, StoredRow* row)
{
    row->teamId = m_auth.user.teamId;
    if (AccessPolicy::isCaseChild(change.entity)) {
        row->caseId = change.fields.value(caseIdKey).toString();
        const std::optional<StoredRow> owner = m_storage.currentRow(QStringLiteral("case"), row->caseId);
        // Another team's case and a missing one get the same answer: nothing is revealed.
        if (!owner || owner->deleted || !AccessPolicy::canSee(m_auth.user, *owner))
            return notFound(change);
        row->teamId = owner->teamId;
    }
    if (change.entity == QLatin1String("case")) {
        if (std::optional<PushResult> taken = referenceTaken(change, row->teamId, change.rowId))
            return taken;
    }
    if (change.entity == QLatin1String("agency")) {
        if (std::optional<PushResult> taken = agencyNameTaken(change, row->teamId, change.rowId))
            return taken;
    }
    if (change.entity == QLatin1String("case_person")) {
        // Linking a person to a case must not reach into another team's people either.
        const QString personId = change.fields.value(QStringLiteral("person_id")).toString();
        const std::optional<StoredRow> person = m_storage.currentRow(QStringLiteral("person"), personId);
        if (!person || person->deleted || !AccessPolicy::canSee(m_auth.user, *person))
            return notFound(change);
    }
    if (change.entity == QLatin1String("note")
        && change.fields.value(QStringLiteral("agency_only")).toInt() == 1) {
        row->ownerAgencyId = change.fields.value(QStringLiteral("agency_id")).toString();
        if (row->ownerAgencyId != m_auth.user.agencyId)
            return rejected(change, QStringLiteral("forbidden"),
                QStringLiteral("An agency-only note can only be written for your own agency."));
    }
    return std::nullopt;
}

PushResult PushApplier::update(const Change& change, const std::optional<StoredRow>& current)
{
    if (!current || !AccessPolicy::canSee(m_auth.user, *current))
        return notFound(change);
    if (EntitySchema::isImmutable(change.entity))
        return rejected(
            change, QStringLiteral("immutable_entity"), QStringLiteral("This entity is never updated."));
    if (change.baseRev != current->rev || current->deleted)
        return conflict(change, *current);
    if (change.entity == QLatin1String("agency") && !AccessPolicy::canChangeAgency(m_auth.user, *current))
        return rejected(change, QStringLiteral("forbidden"),
            QStringLiteral("This agency is kept by the server's administrator."));
    if (change.entity == QLatin1String("case") && change.fields.contains(QStringLiteral("reference"))) {
        if (std::optional<PushResult> taken = referenceTaken(change, current->teamId, current->rowId))
            return *taken;
    }
    if (change.entity == QLatin1String("agency") && change.fields.contains(QStringLiteral("name"))) {
        if (std::optional<PushResult> taken = agencyNameTaken(change, current->teamId, current->rowId))
            return *taken;
    }
    if (change.fields.contains(caseIdKey) && change.fields.value(caseIdKey).toString() != current->caseId
        && AccessPolicy::isCaseChild(change.entity))
        return rejected(
            change, QStringLiteral("invalid"), QStringLiteral("fields.case_id cannot be changed."));
    StoredRow row = *current;
    for (auto it = change.fields.constBegin(); it != change.fields.constEnd(); ++it)
        row.fields.insert(it.key(), it.value());
    return applied(change, row);
}

// Two laptops offline can both give the next number to a new case; the first to reach the
// server keeps it and the other is told, so it can renumber its case (docs/SYNC.md).
std::optional<PushResult> PushApplier::referenceTaken(
    const Change& change, qint64 teamId, const QString& rowId)
{
    const QString reference = change.fields.value(QStringLiteral("reference")).toString();
    return heldByAnother(change, m_storage.caseWithReference(teamId, reference), rowId,
        QStringLiteral("reference_taken"),
        QStringLiteral("Another case of this team already has this reference."));
}

// Laptops keep agency names unique, so two laptops adding the same agency offline must not
// both reach the team: the second is told and renames its own (docs/SYNC.md).
std::optional<PushResult> PushApplier::agencyNameTaken(
    const Change& change, qint64 teamId, const QString& rowId)
{
    const QString name = change.fields.value(QStringLiteral("name")).toString();
    return heldByAnother(change, m_storage.agencyWithName(teamId, name), rowId, QStringLiteral("name_taken"),
        QStringLiteral("Another agency your team sees already has this name."));
}

// A rejection when a row other than rowId holds the unique value (holder empty: nobody does).
std::optional<PushResult> PushApplier::heldByAnother(const Change& change, const QString& holder,
    const QString& rowId, const QString& reason, const QString& message)
{
    if (holder.isEmpty() || holder == rowId)
        return std::nullopt;
    return rejected(change, reason, message);
}

PushResult PushApplier::applied(const Change& change, const StoredRow& row)
{
    LoggedChange logged;
    logged.changeId = change.changeId;
    logged.row = row;
    logged.userId = m_auth.user.id;
    logged.deviceId = m_auth.device.id;
    PushResult result;
    result.changeId = change.changeId;
    result.status = PushResult::Status::Applied;
    result.rev = m_storage.appendChange(logged);
    return result;
}

PushResult PushApplier::rejected(const Change& change, const QString& reason, const QString& message)
{
    PushResult result;
    result.changeId = change.changeId;
    result.status = PushResult::Status::Rejected;
    result.reason = reason;
    result.message = message;
    return result;
}

PushResult PushApplier::conflict(const Change& change, const StoredRow& current)
{
    PushResult result;
    result.changeId = change.changeId;
    result.status = PushResult::Status::Conflict;
    result.rev = current.rev;
    result.entity = current.entity;
    result.rowId = current.rowId;
    result.deleted = current.deleted;
    result.fields = current.fields;
    return result;
}

PushResult PushApplier::notFound(const Change& change)
{
    return rejected(change, QStringLiteral("not_found"),
        QStringLiteral("The row or its case does not exist, or is not your team's."));
}
