#include "SyncRepository.h"

#include "AuditLog.h"
#include "Store.h"
#include "SyncRows.h"
#include "SyncStateTable.h"
#include "ThreeWayMerge.h"
#include "core/CaseReference.h"
#include "protocol/EntitySchema.h"
#include "protocol/ProtocolCodec.h"
#include "protocol/ProtocolLimits.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace {

const QString cursorKey = QStringLiteral("pull_cursor");
const QString fullRepullKey = QStringLiteral("full_repull");

// Rows pulled from the server may name rows this laptop does not hold (an agency-only note
// a correction points at, a parent the server sends later in the page). The server owns
// referential integrity for its rows, so a pull writes with the store's foreign-key checks
// off; they are back on for every local write. (A no-op inside an outer transaction.)
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(Database& db)
        : m_db(db)
    {
        m_db.exec("PRAGMA foreign_keys = OFF");
    }
    ~ForeignKeysOff()
    {
        try {
            m_db.exec("PRAGMA foreign_keys = ON");
        } catch (...) { }
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
    Database& m_db;
};

// Children before parents, so a removal pass deletes what refers to a row before the row.
const QStringList removalOrder {QStringLiteral("note"), QStringLiteral("assessment"),
    QStringLiteral("action"), QStringLiteral("need"), QStringLiteral("case_agency"),
    QStringLiteral("case_person"), QStringLiteral("case"), QStringLiteral("user"), QStringLiteral("person"),
    QStringLiteral("agency"), QStringLiteral("reference_norm")};

QString jsonText(const QJsonValue& value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

QJsonObject payloadOf(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

bool isClosedStatus(const QString& status)
{
    return status == QLatin1String("closed") || status == QLatin1String("declined");
}

// Push bodies stay well under the protocol's limit (the envelope and escaping are extra).
constexpr qsizetype batchBytes = ProtocolLimits::maxBodyBytes - qsizetype(256) * 1024;

} // namespace

QString SyncRepository::removalReason()
{
    return QCoreApplication::translate("SyncRepository",
        "no longer shared with you by the server (access withdrawn or the case was purged)");
}

SyncRepository::SyncRepository(Store& store)
    : m_store(store)
{ }

// ---- push ---------------------------------------------------------------------------------

PushBatch SyncRepository::nextPushBatch(const QSet<QString>& skip)
{
    Statement st = m_store.db().prepare("SELECT seq, change_id, entity, row_id, base_rev, op, payload, "
                                        "created_at, quarantined FROM outbox ORDER BY seq");
    PushBatch batch;
    QSet<QString> rowsTaken;
    qsizetype bytes = 0;
    while (st.next()) {
        OutboxChange change {st.integer(0), st.text(1), st.text(2), st.text(3), st.integer(4), st.text(5),
            payloadOf(st.text(6)), st.text(7)};
        if (!EntitySchema::isKnown(change.entity)) {
            ++batch.notCarried; // team settings: protocol v1 has no entity for them
            continue;
        }
        const QString rowKey = change.entity + QLatin1Char('/') + change.rowId;
        const bool rowBusy = rowsTaken.contains(rowKey);
        rowsTaken.insert(rowKey);
        if (st.boolean(8))
            ++batch.quarantined;
        else if (rowBusy || skip.contains(change.changeId))
            ++batch.waiting;
        else {
            Change wire {
                change.changeId, change.entity, change.rowId, change.baseRev, change.op, change.fields};
            const qsizetype size = ProtocolCodec::encode(wire).size() + 1;
            if (batch.changes.size() >= ProtocolLimits::maxChangesPerPush || bytes + size > batchBytes) {
                ++batch.waiting;
                continue;
            }
            bytes += size;
            batch.changes << change;
        }
    }
    return batch;
}

SyncApplyCounts SyncRepository::applyPushResults(
    const QList<OutboxChange>& batch, const QList<PushResult>& results)
{
    ForeignKeysOff foreignKeysOff(m_store.db());
    return m_store.write([&] {
        SyncApplyCounts counts;
        for (qsizetype i = 0; i < batch.size() && i < results.size(); ++i) {
            const OutboxChange& change = batch.at(i);
            const PushResult& result = results.at(i);
            switch (result.status) {
            case PushResult::Status::Applied:
            case PushResult::Status::Duplicate:
                notePushed(change);
                acknowledge(change, result.rev);
                ++counts.pushed;
                break;
            case PushResult::Status::Conflict:
                notePushed(change);
                ++counts.merged;
                counts.conflicts += mergeRow(
                    change.entity, change.rowId, result.rev, result.deleted, result.fields, counts);
                break;
            case PushResult::Status::Rejected:
                if (result.reason == QLatin1String("reference_taken")
                    && change.entity == QLatin1String("case") && renumberCase(change.rowId, counts))
                    break;
                if (result.reason == QLatin1String("name_taken") && change.entity == QLatin1String("agency")
                    && !refusedTooOften(change) && renameAgency(change.rowId, counts))
                    break;
                if (result.reason == QLatin1String("not_found") && waitsForItsCase(change))
                    break; // goes once its case has reached the server

                quarantine(change, result.reason, result.message);
                ++counts.quarantined;
                break;
            }
        }
        return counts;
    });
}

void SyncRepository::acknowledge(const OutboxChange& change, qint64 rev)
{
    m_store.db().prepare("DELETE FROM outbox WHERE change_id = ?1").bind(1, change.changeId).run();
    SyncRows rows(m_store);
    rows.raiseRev(change.entity, change.rowId, rev);
    if (!EntitySchema::isImmutable(change.entity)) {
        qint64 baseRev = 0;
        QJsonObject base;
        const bool hasBase = rows.base(change.entity, change.rowId, &baseRev, &base);
        if (!hasBase || baseRev < rev) {
            // The server's row at rev is the version this change was based on plus the change.
            QJsonObject next = change.op == QLatin1String("create")
                ? completed(change.entity, QJsonObject(), rows.columnDefaults(change.entity))
                : hasBase ? base
                          : rows.read(change.entity, change.rowId).fields;
            for (auto it = change.fields.constBegin(); it != change.fields.constEnd(); ++it)
                next.insert(it.key(), it.value());
            rows.setBase(change.entity, change.rowId, rev, next);
        }
    }
    // Later changes of the same row were made on top of this one: they are based on rev now.
    m_store.db()
        .prepare("UPDATE outbox SET base_rev = ?1 WHERE entity = ?2 AND row_id = ?3 AND base_rev < ?1")
        .bindAll({rev, change.entity, change.rowId})
        .run();
}

void SyncRepository::quarantine(const OutboxChange& change, const QString& reason, const QString& message)
{
    m_store.db()
        .prepare("UPDATE outbox SET quarantined = 1, attempts = attempts + 1, last_reason = ?1, "
                 "last_message = ?2 WHERE change_id = ?3")
        .bindAll({reason, message, change.changeId})
        .run();
    AuditLog(m_store).append(QStringLiteral("sync"), change.entity, change.rowId,
        SyncRows(m_store).caseReference(SyncRows(m_store).caseIdOf(change.entity, change.rowId)),
        QStringLiteral("change quarantined: ") + reason);
}

bool SyncRepository::renumberCase(const QString& caseId, SyncApplyCounts& counts)
{
    Statement current = m_store.db().prepare("SELECT reference, rev, referral_date FROM cases WHERE id = ?1");
    current.bind(1, caseId);
    if (!current.next() || current.integer(1) != 0)
        return false;
    const QString old = current.text(0);
    int year = 0;
    if (!CaseReference::parse(old, &year, nullptr))
        year = current.date(2).isValid() ? current.date(2).year() : m_store.now().date().year();
    QStringList used;
    Statement all = m_store.db().prepare("SELECT reference FROM cases");
    while (all.next())
        used << all.text(0);
    const QString fresh = CaseReference::next(year, used);
    m_store.db().prepare("UPDATE cases SET reference = ?1 WHERE id = ?2").bindAll({fresh, caseId}).run();
    // The queued create (and any queued update naming the reference) carries the new one.
    rewriteQueued(QStringLiteral("case"), caseId, QStringLiteral("reference"), fresh);
    AuditLog(m_store).append(QStringLiteral("sync"), QStringLiteral("case"), caseId, fresh,
        QStringLiteral("renumbered from %1: another laptop's new case has that reference").arg(old));
    counts.renumbered << QStringLiteral("%1 -> %2").arg(old, fresh);
    return true;
}

// Counts one more refusal of change; true once it has reached the cap. A server that keeps
// refusing renamed agencies sets the change aside rather than renaming for ever.
bool SyncRepository::refusedTooOften(const OutboxChange& change)
{
    m_store.db()
        .prepare("UPDATE outbox SET refusals = refusals + 1 WHERE change_id = ?1")
        .bind(1, change.changeId)
        .run();
    Statement st = m_store.db().prepare("SELECT refusals FROM outbox WHERE change_id = ?1");
    st.bind(1, change.changeId);
    return !st.next() || st.integer(0) >= refusalCap;
}

// Queued changes of the row that set field set it to value instead; returns how many did.
int SyncRepository::rewriteQueued(
    const QString& entity, const QString& rowId, const QString& field, const QString& value)
{
    Statement queued
        = m_store.db().prepare("SELECT change_id, payload FROM outbox WHERE entity = ?1 AND row_id = ?2");
    queued.bindAll({entity, rowId});
    QList<QPair<QString, QJsonObject>> rewrites;
    while (queued.next()) {
        QJsonObject payload = payloadOf(queued.text(1));
        if (payload.contains(field)) {
            payload.insert(field, value);
            rewrites.append({queued.text(0), payload});
        }
    }
    for (const auto& [changeId, payload] : rewrites)
        m_store.db()
            .prepare("UPDATE outbox SET payload = ?1, quarantined = 0, last_reason = '', last_message = '' "
                     "WHERE change_id = ?2")
            .bindAll({QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), changeId})
            .run();
    return static_cast<int>(rewrites.size());
}

bool SyncRepository::renameAgency(const QString& agencyId, SyncApplyCounts& counts)
{
    Statement current = m_store.db().prepare("SELECT name, rev FROM agencies WHERE id = ?1");
    current.bind(1, agencyId);
    if (!current.next())
        return false;
    const QString old = current.text(0);
    const qint64 rev = current.integer(1);
    const QString fresh = freeAgencyName(old);
    m_store.db().prepare("UPDATE agencies SET name = ?1 WHERE id = ?2").bindAll({fresh, agencyId}).run();
    if (rewriteQueued(QStringLiteral("agency"), agencyId, QStringLiteral("name"), fresh) == 0 && rev > 0) {
        // A synced agency the server also holds under the clashing name: the new name goes too.
        const QJsonObject stamps = requeue(QStringLiteral("agency"), agencyId, rev,
            QJsonObject {{QStringLiteral("name"), fresh}}, QList<OutboxChange>());
        SyncRows(m_store).writeFields(QStringLiteral("agency"), agencyId, rev, false, stamps);
    }
    AuditLog(m_store).append(QStringLiteral("sync"), QStringLiteral("agency"), agencyId, QString(),
        QStringLiteral("renamed: another laptop's agency reached the server first with the same name"));
    counts.renamedAgencies << QStringLiteral("%1 -> %2").arg(old, fresh);
    return true;
}

// "Food bank" -> "Food bank (2)", "Food bank (2)" -> "Food bank (3)": the first name no agency
// on this laptop has.
QString SyncRepository::freeAgencyName(const QString& name)
{
    static const QRegularExpression numbered(QStringLiteral("^(.*) \\((\\d+)\\)$"));
    QString stem = name;
    int n = 2;
    if (const QRegularExpressionMatch m = numbered.match(name); m.hasMatch()) {
        stem = m.captured(1);
        n = m.captured(2).toInt() + 1;
    }
    Statement taken = m_store.db().prepare("SELECT 1 FROM agencies WHERE name = ?1");
    for (;; ++n) {
        QString candidate = QStringLiteral("%1 (%2)").arg(stem).arg(n);
        taken.reset();
        taken.bind(1, candidate);
        if (!taken.next())
            return candidate;
    }
}

// A pulled agency (new, or renamed on the server) whose name a different agency here holds:
// that agency moves to a free name first, so neither is lost.
void SyncRepository::makeRoomForAgencyName(
    const QString& agencyId, const QJsonObject& fields, SyncApplyCounts& counts)
{
    const QString name = fields.value(QStringLiteral("name")).toString();
    if (name.isEmpty())
        return;
    Statement holder = m_store.db().prepare("SELECT id FROM agencies WHERE name = ?1 AND id <> ?2");
    holder.bindAll({name, agencyId});
    if (holder.next())
        renameAgency(holder.text(0), counts);
}

// A need, note or link refused because its case is not on the server yet, while that case
// is still queued here (say, being renumbered): not the change's fault, so not set aside.
bool SyncRepository::waitsForItsCase(const OutboxChange& change)
{
    const QString caseId = SyncRows(m_store).caseIdOf(change.entity, change.rowId);
    if (caseId.isEmpty() || caseId == change.rowId)
        return false;
    Statement st
        = m_store.db().prepare("SELECT 1 FROM cases c JOIN outbox o ON o.entity = 'case' AND "
                               "o.row_id = c.id AND o.quarantined = 0 WHERE c.id = ?1 AND c.rev = 0");
    st.bind(1, caseId);
    return st.next();
}

bool SyncRepository::withdrawCase(const QString& caseId, SyncApplyCounts& counts)
{
    static const QStringList children {QStringLiteral("note"), QStringLiteral("assessment"),
        QStringLiteral("action"), QStringLiteral("need"), QStringLiteral("case_agency"),
        QStringLiteral("case_person")};
    QList<QPair<QString, QString>> rows;
    for (const QString& entity : children) {
        const QByteArray sql
            = "SELECT id FROM " + EntitySchema::table(entity).toLatin1() + " WHERE case_id = ?1";
        Statement st = m_store.db().prepare(sql.constData());
        st.bind(1, caseId);
        while (st.next())
            rows.append({entity, st.text(0)});
    }
    rows.append({QStringLiteral("case"), caseId});
    for (const auto& [entity, id] : rows) {
        if (hasPending(entity, id))
            return false; // local work on it: kept, and the server's refusal will say why
    }
    for (const auto& [entity, id] : rows)
        removeRow(entity, id, counts.removed);
    return true;
}

void SyncRepository::makeRoomForReference(
    const QString& caseId, const QJsonObject& fields, SyncApplyCounts& counts)
{
    const QString reference = fields.value(QStringLiteral("reference")).toString();
    if (reference.isEmpty())
        return;
    Statement holder = m_store.db().prepare("SELECT id FROM cases WHERE reference = ?1 AND id <> ?2");
    holder.bindAll({reference, caseId});
    if (holder.next())
        renumberCase(holder.text(0), counts);
}

bool SyncRepository::recordRefusal(const OutboxChange& change, const QString& code, const QString& message)
{
    return m_store.write([&] {
        m_store.db()
            .prepare("UPDATE outbox SET refusals = refusals + 1, attempts = attempts + 1, last_reason = ?1, "
                     "last_message = ?2 WHERE change_id = ?3")
            .bindAll({code, message, change.changeId})
            .run();
        Statement st = m_store.db().prepare("SELECT refusals FROM outbox WHERE change_id = ?1");
        st.bind(1, change.changeId);
        if (!st.next() || st.integer(0) < refusalCap)
            return false;
        quarantine(change, code, message);
        return true;
    });
}

void SyncRepository::recordAttempt(const QList<OutboxChange>& batch)
{
    m_store.write([&] {
        for (const OutboxChange& change : batch) {
            m_store.db()
                .prepare("UPDATE outbox SET attempts = attempts + 1 WHERE change_id = ?1")
                .bind(1, change.changeId)
                .run();
        }
    });
}

void SyncRepository::notePushed(const OutboxChange& change)
{
    const QString caseId = SyncRows(m_store).caseIdOf(change.entity, change.rowId);
    if (!caseId.isEmpty() && m_pushedChangeAtByCase.value(caseId) < change.createdAt)
        m_pushedChangeAtByCase.insert(caseId, change.createdAt);
}

// ---- merge --------------------------------------------------------------------------------

QList<OutboxChange> SyncRepository::pendingFor(
    const QString& entity, const QString& rowId, QString* quarantineReason, QString* quarantineMessage)
{
    Statement st = m_store.db().prepare(
        "SELECT seq, change_id, entity, row_id, base_rev, op, payload, created_at, quarantined, last_reason, "
        "last_message FROM outbox WHERE entity = ?1 AND row_id = ?2 ORDER BY seq");
    st.bindAll({entity, rowId});
    QList<OutboxChange> pending;
    while (st.next()) {
        pending << OutboxChange {st.integer(0), st.text(1), st.text(2), st.text(3), st.integer(4), st.text(5),
            payloadOf(st.text(6)), st.text(7)};
        if (st.boolean(8)) {
            *quarantineReason = st.text(9);
            *quarantineMessage = st.text(10);
        }
    }
    return pending;
}

bool SyncRepository::hasPending(const QString& entity, const QString& rowId)
{
    Statement st = m_store.db().prepare("SELECT 1 FROM outbox WHERE entity = ?1 AND row_id = ?2 LIMIT 1");
    st.bindAll({entity, rowId});
    return st.next();
}

// fields with every schema field present: missing ones from fallback.
QJsonObject SyncRepository::completed(
    const QString& entity, const QJsonObject& fields, const QJsonObject& fallback)
{
    QJsonObject result;
    for (const QString& name : SyncRows::fieldNames(entity))
        result.insert(name, fields.contains(name) ? fields.value(name) : fallback.value(name));
    return result;
}

int SyncRepository::mergeRow(const QString& entity, const QString& rowId, qint64 serverRev,
    bool serverDeleted, const QJsonObject& serverFields, SyncApplyCounts& counts)
{
    SyncRows rows(m_store);
    const SyncRows::Row local = rows.read(entity, rowId);
    QString quarantineReason;
    QString quarantineMessage;
    const QList<OutboxChange> pending = pendingFor(entity, rowId, &quarantineReason, &quarantineMessage);
    m_store.db()
        .prepare("DELETE FROM outbox WHERE entity = ?1 AND row_id = ?2")
        .bindAll({entity, rowId})
        .run();
    if (!local.exists) {
        rows.insertFromServer(entity, rowId, serverRev, serverDeleted, serverFields);
        if (!EntitySchema::isImmutable(entity))
            rows.setBase(entity, rowId, serverRev, serverFields);
        return 0;
    }
    if (EntitySchema::isImmutable(entity)) {
        // Notes and assessments never change: the server holds this one, it just gets its rev.
        rows.writeFields(entity, rowId, std::max(local.rev, serverRev), serverDeleted, serverFields);
        return 0;
    }
    const QStringList names = SyncRows::fieldNames(entity);
    qint64 baseRev = 0;
    QJsonObject base;
    const bool hasBase = rows.base(entity, rowId, &baseRev, &base);
    const ThreeWayMerge::Outcome out = ThreeWayMerge::merge(
        names, completed(entity, base, rows.columnDefaults(entity)), hasBase, local.fields, serverFields);

    QJsonObject written = out.merged;
    for (const QString& stamp : {QStringLiteral("created_at"), QStringLiteral("created_by"),
             QStringLiteral("updated_at"), QStringLiteral("updated_by")}) {
        if (serverFields.contains(stamp))
            written.insert(stamp, serverFields.value(stamp));
    }
    const QString previousStatus = local.fields.value(QStringLiteral("status")).toString();
    rows.writeFields(entity, rowId, serverRev, serverDeleted, written);
    rows.setBase(entity, rowId, serverRev, completed(entity, serverFields, hasBase ? base : out.merged));

    QJsonObject lost = out.conflictLocal;
    if (serverDeleted) {
        // The server removed the row: what was only changed here cannot go back; keep it for a worker.
        for (auto it = out.localOnly.constBegin(); it != out.localOnly.constEnd(); ++it)
            lost.insert(it.key(), it.value());
    } else if (!out.localOnly.isEmpty()) {
        // The row carries the stamps of the worker's edit that goes again, as the server's
        // row will once it is applied.
        const QJsonObject stamps = requeue(entity, rowId, serverRev, out.localOnly, pending);
        rows.writeFields(entity, rowId, serverRev, false, stamps);
        if (!quarantineReason.isEmpty()) {
            m_store.db()
                .prepare("UPDATE outbox SET quarantined = 1, last_reason = ?1, last_message = ?2 "
                         "WHERE entity = ?3 AND row_id = ?4")
                .bindAll({quarantineReason, quarantineMessage, entity, rowId})
                .run();
        }
    }
    if (entity == QLatin1String("case")) {
        // The case's own queued changes were folded into the merge above: count them too.
        QString latestReplaced;
        for (const OutboxChange& change : pending)
            latestReplaced = std::max(latestReplaced, change.createdAt);
        checkReopen(rowId, previousStatus, serverFields, counts, latestReplaced);
    }
    return recordConflicts(entity, rowId, serverRev, lost, serverFields);
}

QJsonObject SyncRepository::requeue(const QString& entity, const QString& rowId, qint64 baseRev,
    QJsonObject fields, const QList<OutboxChange>& replaced)
{
    // The local-only fields go again as one update on the server's rev, stamped as the
    // worker's last edit of the row.
    QString createdAt = m_store.now().toString(Qt::ISODateWithMs);
    QJsonValue updatedAt = createdAt;
    QJsonValue updatedBy = m_store.actor();
    if (!replaced.isEmpty()) {
        createdAt = replaced.constLast().createdAt;
        updatedAt = replaced.constLast().fields.value(QStringLiteral("updated_at"));
        updatedBy = replaced.constLast().fields.value(QStringLiteral("updated_by"));
    }
    fields.insert(QStringLiteral("updated_at"), updatedAt);
    fields.insert(QStringLiteral("updated_by"), updatedBy);
    m_store.db()
        .prepare("INSERT INTO outbox (change_id, entity, row_id, base_rev, op, payload, created_at) "
                 "VALUES (?1, ?2, ?3, ?4, 'update', ?5, ?6)")
        .bindAll({QUuid::createUuid().toString(QUuid::WithoutBraces), entity, rowId, baseRev,
            QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)), createdAt})
        .run();
    return QJsonObject {{QStringLiteral("updated_at"), updatedAt}, {QStringLiteral("updated_by"), updatedBy}};
}

int SyncRepository::recordConflicts(const QString& entity, const QString& rowId, qint64 serverRev,
    const QJsonObject& localValues, const QJsonObject& serverFields)
{
    if (localValues.isEmpty())
        return 0;
    SyncRows rows(m_store);
    const QString caseId = rows.caseIdOf(entity, rowId);
    for (auto it = localValues.constBegin(); it != localValues.constEnd(); ++it) {
        m_store.db()
            .prepare("INSERT INTO sync_conflicts (entity, row_id, case_id, field, local_value, server_value, "
                     "server_rev, detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .bindAll({entity, rowId, caseId.isEmpty() ? QVariant() : QVariant(caseId), it.key(),
                jsonText(it.value()), jsonText(serverFields.value(it.key())), serverRev, m_store.now()})
            .run();
    }
    // Field names only: the values are personal data.
    AuditLog(m_store).append(QStringLiteral("sync"), entity, rowId, rows.caseReference(caseId),
        QStringLiteral("conflict kept for review: ")
            + QStringList(localValues.keys()).join(QStringLiteral(", ")));
    return static_cast<int>(localValues.size());
}

// ---- reopen decision ----------------------------------------------------------------------

QString SyncRepository::latestPendingChangeAt(const QString& caseId)
{
    Statement own = m_store.db().prepare(
        "SELECT coalesce(max(created_at), '') FROM outbox WHERE entity = 'case' AND row_id = ?1");
    own.bind(1, caseId);
    QString latest = own.next() ? own.text(0) : QString();
    for (const QString& entity : EntitySchema::entities()) {
        if (!EntitySchema::field(entity, QStringLiteral("case_id")))
            continue;
        const QByteArray sql = "SELECT coalesce(max(o.created_at), '') FROM outbox o JOIN "
            + EntitySchema::table(entity).toLatin1()
            + " t ON t.id = o.row_id WHERE o.entity = ?1 AND t.case_id = ?2";
        Statement st = m_store.db().prepare(sql.constData());
        st.bindAll({entity, caseId});
        if (st.next() && st.text(0) > latest)
            latest = st.text(0);
    }
    return latest;
}

void SyncRepository::checkReopen(const QString& caseId, const QString& previousStatus,
    const QJsonObject& serverFields, SyncApplyCounts& counts, const QString& otherChangeAt)
{
    const QString status = serverFields.value(QStringLiteral("status")).toString();
    // A closing this laptop already knew of is the worker's own context, not news.
    if (!isClosedStatus(status) || isClosedStatus(previousStatus))
        return;
    const QString closedAt = serverFields.value(QStringLiteral("updated_at")).toString();
    QString latest = latestPendingChangeAt(caseId);
    latest = std::max({latest, m_pushedChangeAtByCase.value(caseId), otherChangeAt});
    if (latest.isEmpty() || latest <= closedAt)
        return;
    m_store.db()
        .prepare("INSERT OR REPLACE INTO sync_reopen (case_id, server_status, raised_at) VALUES (?1, ?2, ?3)")
        .bindAll({caseId, status, m_store.now()})
        .run();
    const QString reference = SyncRows(m_store).caseReference(caseId);
    AuditLog(m_store).append(QStringLiteral("sync"), QStringLiteral("case"), caseId, reference,
        QStringLiteral("closed elsewhere, changed here after the closing: reopen decision raised"));
    if (!counts.reopenCaseReferences.contains(reference))
        counts.reopenCaseReferences << reference;
}

// ---- pull ---------------------------------------------------------------------------------

qint64 SyncRepository::pullCursor()
{
    return SyncStateTable(m_store).value(cursorKey, QStringLiteral("0")).toLongLong();
}

SyncApplyCounts SyncRepository::applyPullPage(const PullResponse& page)
{
    ForeignKeysOff foreignKeysOff(m_store.db());
    return m_store.write([&] {
        SyncApplyCounts counts;
        const bool full = fullRepullActive();
        for (const PulledChange& change : page.changes)
            applyPulled(change, full, counts);
        SyncStateTable(m_store).setValue(cursorKey, QString::number(page.next));
        return counts;
    });
}

void SyncRepository::applyPulled(const PulledChange& change, bool fullRepull, SyncApplyCounts& counts)
{
    if (!EntitySchema::isKnown(change.entity))
        return; // the decoder refuses these; never a table name from the wire
    if (fullRepull) {
        m_store.db()
            .prepare("INSERT OR IGNORE INTO sync_seen (entity, row_id) VALUES (?1, ?2)")
            .bindAll({change.entity, change.rowId})
            .run();
    }
    SyncRows rows(m_store);
    const SyncRows::Row local = rows.read(change.entity, change.rowId);
    if (local.exists && change.rev <= local.rev)
        return; // this laptop already has this version or a newer one
    if (!local.exists && change.deleted)
        return; // nothing here to remove
    ++counts.pulled;
    if (change.entity == QLatin1String("case") && change.deleted && withdrawCase(change.rowId, counts))
        return;
    if (change.entity == QLatin1String("case") && !change.deleted)
        makeRoomForReference(change.rowId, change.fields, counts);
    if (change.entity == QLatin1String("agency") && !change.deleted)
        makeRoomForAgencyName(change.rowId, change.fields, counts);
    const bool mutableEntity = !EntitySchema::isImmutable(change.entity);
    if (!local.exists) {
        rows.insertFromServer(change.entity, change.rowId, change.rev, false, change.fields);
    } else if (hasPending(change.entity, change.rowId)) {
        counts.conflicts
            += mergeRow(change.entity, change.rowId, change.rev, change.deleted, change.fields, counts);
        return;
    } else {
        rows.writeFields(change.entity, change.rowId, change.rev, change.deleted, change.fields);
    }
    if (mutableEntity)
        rows.setBase(
            change.entity, change.rowId, change.rev, completed(change.entity, change.fields, local.fields));
    if (change.entity == QLatin1String("case"))
        checkReopen(
            change.rowId, local.fields.value(QStringLiteral("status")).toString(), change.fields, counts);
}

// ---- digest and full re-pull ----------------------------------------------------------------

RowDigest SyncRepository::digest()
{
    RowDigest digest;
    for (const QString& entity : EntitySchema::entities()) {
        const QByteArray sql = "SELECT id, rev FROM " + EntitySchema::table(entity).toLatin1()
            + " WHERE rev > 0 AND deleted = 0";
        Statement st = m_store.db().prepare(sql.constData());
        while (st.next())
            digest.add(entity, st.text(0), st.integer(1));
    }
    return digest;
}

void SyncRepository::startFullRepull()
{
    m_store.write([&] {
        m_store.db().exec("DELETE FROM sync_seen");
        SyncStateTable state(m_store);
        state.setValue(fullRepullKey, QStringLiteral("1"));
        state.setValue(cursorKey, QStringLiteral("0"));
    });
}

bool SyncRepository::fullRepullActive()
{
    return SyncStateTable(m_store).value(fullRepullKey) == QLatin1String("1");
}

bool SyncRepository::isReferenced(const QString& table, const QString& id)
{
    for (const QString& entity : EntitySchema::entities()) {
        const QByteArray child = EntitySchema::table(entity).toLatin1();
        Statement keys
            = m_store.db().prepare(QByteArray("PRAGMA foreign_key_list(" + child + ")").constData());
        while (keys.next()) {
            if (keys.text(2) != table)
                continue;
            // The column name comes from the store's own schema, not from any data.
            const QByteArray sql
                = "SELECT 1 FROM " + child + " WHERE " + keys.text(3).toLatin1() + " = ?1 LIMIT 1";
            Statement st = m_store.db().prepare(sql.constData());
            st.bind(1, id);
            if (st.next())
                return true;
        }
    }
    return false;
}

void SyncRepository::removeRow(const QString& entity, const QString& id, QStringList& removedReferences)
{
    SyncRows rows(m_store);
    const QString reference = entity == QLatin1String("case") ? rows.caseReference(id) : QString();
    const QByteArray sql = "DELETE FROM " + EntitySchema::table(entity).toLatin1() + " WHERE id = ?1";
    m_store.db().prepare(sql.constData()).bind(1, id).run();
    m_store.db()
        .prepare("DELETE FROM sync_base WHERE entity = ?1 AND row_id = ?2")
        .bindAll({entity, id})
        .run();
    m_store.db()
        .prepare("DELETE FROM sync_conflicts WHERE entity = ?1 AND row_id = ?2")
        .bindAll({entity, id})
        .run();
    if (entity != QLatin1String("case"))
        return;
    m_store.db().prepare("DELETE FROM sync_reopen WHERE case_id = ?1").bind(1, id).run();
    m_store.db()
        .prepare(
            "INSERT INTO sync_removals (case_id, case_reference, reason, removed_at) VALUES (?1, ?2, ?3, ?4)")
        .bindAll({id, reference, removalReason(), m_store.now()})
        .run();
    AuditLog(m_store).append(QStringLiteral("delete"), entity, id, reference,
        QStringLiteral("removed by sync: no longer shared by the server"));
    removedReferences << reference;
}

QStringList SyncRepository::finishFullRepull()
{
    return m_store.write([&] {
        QList<QPair<QString, QString>> candidates;
        for (const QString& entity : removalOrder) {
            const QByteArray sql = "SELECT id FROM " + EntitySchema::table(entity).toLatin1()
                + " t WHERE rev > 0 AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = ?1 AND "
                  "s.row_id = t.id) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = ?1 AND o.row_id "
                  "= t.id)";
            Statement st = m_store.db().prepare(sql.constData());
            st.bind(1, entity);
            while (st.next())
                candidates.append({entity, st.text(0)});
        }
        // Children go first; a row something kept still refers to (local work) stays.
        QStringList removed;
        int removedRows = 0;
        for (bool progress = true; progress;) {
            progress = false;
            for (auto it = candidates.begin(); it != candidates.end();) {
                if (isReferenced(EntitySchema::table(it->first), it->second)) {
                    ++it;
                    continue;
                }
                removeRow(it->first, it->second, removed);
                ++removedRows;
                it = candidates.erase(it);
                progress = true;
            }
        }
        // What stays for local work is no longer held from the server: out of the digest
        // (rev 0), so the next sync does not see drift and re-pull again. Should the server
        // share it again, its pull merges with the local work as usual.
        for (const QString& entity : removalOrder) {
            const QByteArray sql = "UPDATE " + EntitySchema::table(entity).toLatin1()
                + " SET rev = 0 WHERE rev > 0 AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = ?1 "
                  "AND s.row_id = "
                + EntitySchema::table(entity).toLatin1() + ".id)";
            m_store.db().prepare(sql.constData()).bind(1, entity).run();
        }
        m_store.db().exec("DELETE FROM sync_seen");
        SyncStateTable(m_store).remove(fullRepullKey);
        AuditLog(m_store).append(QStringLiteral("sync"), QString(), QString(), QString(),
            QStringLiteral("full re-pull: %1 rows no longer shared removed, %2 kept for local work")
                .arg(removedRows)
                .arg(candidates.size()));
        return removed;
    });
}

// ---- outcome ------------------------------------------------------------------------------

void SyncRepository::recordSuccess(const QString& auditDetail)
{
    m_store.write([&] {
        SyncStateTable(m_store).setValue(
            QStringLiteral("last_success_at"), m_store.now().toString(Qt::ISODateWithMs));
        AuditLog(m_store).append(QStringLiteral("sync"), QString(), QString(), QString(), auditDetail);
    });
}

void SyncRepository::recordFailure(const QString& reason, const QString& auditDetail)
{
    m_store.write([&] {
        SyncStateTable state(m_store);
        state.setValue(QStringLiteral("last_failure_at"), m_store.now().toString(Qt::ISODateWithMs));
        state.setValue(QStringLiteral("last_failure_reason"), reason);
        AuditLog(m_store).append(QStringLiteral("sync"), QString(), QString(), QString(), auditDetail);
    });
}
