#include "ProtocolCodec.h"

#include "EntitySchema.h"
#include "JsonReader.h"
#include "ProtocolLimits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <functional>

using Code = ProtocolError::Code;

namespace {

// What a fields object is checked as. A change carries what was written (a create all of
// its required columns, an update at least one column) with updated_at/by; a server row
// carries every required column and all four stamps; a tombstone may carry anything
// allowed or nothing.
enum class FieldsMode { Create, Update, Row, Tombstone };

const EntitySchema::Field* stampNamed(const QList<EntitySchema::Field>& stamps, const QString& name)
{
    for (const EntitySchema::Field& stamp : stamps) {
        if (stamp.name == name)
            return &stamp;
    }
    return nullptr;
}

bool readFields(
    JsonReader& r, const QString& entity, const QJsonObject& fields, FieldsMode mode, const QString& path)
{
    const bool isChange = mode == FieldsMode::Create || mode == FieldsMode::Update;
    const QList<EntitySchema::Field> stamps
        = isChange ? EntitySchema::changeStamps() : EntitySchema::rowStamps();
    bool anyColumn = false;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString at = JsonReader::join(path, it.key());
        const EntitySchema::Field* field = EntitySchema::field(entity, it.key());
        anyColumn = anyColumn || field;
        if (!field)
            field = stampNamed(stamps, it.key());
        if (!field)
            return r.fail(
                Code::FieldNotAllowed, at, QStringLiteral("%1 is not a field of %2.").arg(at, entity));
        if (!r.fieldValue(it.value(), field->type, field->nullable, at))
            return false;
    }
    if (mode == FieldsMode::Tombstone)
        return true;
    QList<EntitySchema::Field> required = stamps;
    if (mode != FieldsMode::Update)
        required = EntitySchema::fields(entity) + stamps;
    for (const EntitySchema::Field& field : required) {
        if (field.requiredOnCreate && !fields.contains(field.name))
            return r.fail(Code::MissingField, JsonReader::join(path, field.name),
                QStringLiteral("%1 is missing.").arg(JsonReader::join(path, field.name)));
    }
    if (mode == FieldsMode::Update && !anyColumn)
        return r.fail(
            Code::MissingField, path, QStringLiteral("%1 changes no field of %2.").arg(path, entity));
    return true;
}

bool readEntity(JsonReader& r, const QJsonObject& object, const QString& path, QString& entity)
{
    if (!r.string(object, QStringLiteral("entity"), path, ProtocolLimits::maxShortText, false, entity))
        return false;
    if (!EntitySchema::isKnown(entity)) {
        const QString at = JsonReader::join(path, QStringLiteral("entity"));
        return r.fail(
            Code::UnknownEntity, at, QStringLiteral("%1 is not an entity this protocol syncs.").arg(at));
    }
    return true;
}

bool readChange(JsonReader& r, const QJsonObject& object, const QString& path, Change& change)
{
    if (!r.onlyKeys(object,
            {QStringLiteral("change_id"), QStringLiteral("entity"), QStringLiteral("row_id"),
                QStringLiteral("base_rev"), QStringLiteral("op"), QStringLiteral("fields")},
            path))
        return false;
    if (!r.uuid(object, QStringLiteral("change_id"), path, false, change.changeId)
        || !readEntity(r, object, path, change.entity)
        || !r.uuid(object, QStringLiteral("row_id"), path, false, change.rowId)
        || !r.integer(object, QStringLiteral("base_rev"), path, 0, ProtocolLimits::maxInteger, change.baseRev)
        || !r.string(object, QStringLiteral("op"), path, ProtocolLimits::maxShortText, false, change.op))
        return false;
    const QString opPath = JsonReader::join(path, QStringLiteral("op"));
    const bool create = change.op == QLatin1String("create");
    if (!create && change.op != QLatin1String("update"))
        return r.fail(
            Code::UnknownOp, opPath, QStringLiteral("%1 must be \"create\" or \"update\".").arg(opPath));
    if (!create && EntitySchema::isImmutable(change.entity))
        return r.fail(Code::ImmutableEntity, opPath,
            QStringLiteral("A %1 is never updated once written; %2 must be \"create\".")
                .arg(change.entity, opPath));
    if (create && change.baseRev != 0) {
        const QString at = JsonReader::join(path, QStringLiteral("base_rev"));
        return r.fail(Code::OutOfRange, at, QStringLiteral("%1 must be 0 for a create.").arg(at));
    }
    if (!r.object(object, QStringLiteral("fields"), path, change.fields))
        return false;
    return readFields(r, change.entity, change.fields, create ? FieldsMode::Create : FieldsMode::Update,
        JsonReader::join(path, QStringLiteral("fields")));
}

bool readPushResult(JsonReader& r, const QJsonObject& object, const QString& path, PushResult& result)
{
    QString status;
    if (!r.string(object, QStringLiteral("status"), path, ProtocolLimits::maxShortText, false, status))
        return false;
    const QString statusPath = JsonReader::join(path, QStringLiteral("status"));
    QStringList keys {QStringLiteral("change_id"), QStringLiteral("status")};
    if (status == QLatin1String("applied")) {
        result.status = PushResult::Status::Applied;
        keys << QStringLiteral("rev");
    } else if (status == QLatin1String("duplicate")) {
        result.status = PushResult::Status::Duplicate;
        keys << QStringLiteral("rev");
    } else if (status == QLatin1String("conflict")) {
        result.status = PushResult::Status::Conflict;
        keys << QStringLiteral("rev") << QStringLiteral("entity") << QStringLiteral("row_id")
             << QStringLiteral("deleted") << QStringLiteral("fields");
    } else if (status == QLatin1String("rejected")) {
        result.status = PushResult::Status::Rejected;
        keys << QStringLiteral("reason") << QStringLiteral("message");
    } else {
        return r.fail(Code::BadValue, statusPath,
            QStringLiteral("%1 must be \"applied\", \"duplicate\", \"conflict\" or \"rejected\".")
                .arg(statusPath));
    }
    if (!r.onlyKeys(object, keys, path)
        || !r.uuid(object, QStringLiteral("change_id"), path, false, result.changeId))
        return false;
    if (result.status == PushResult::Status::Rejected) {
        if (!r.string(object, QStringLiteral("reason"), path, 64, false, result.reason)
            || !r.string(
                object, QStringLiteral("message"), path, ProtocolLimits::maxShortText, true, result.message))
            return false;
        static const QRegularExpression reasonShape(QStringLiteral("^[a-z][a-z0-9_]*$"));
        const QString at = JsonReader::join(path, QStringLiteral("reason"));
        if (!reasonShape.match(result.reason).hasMatch())
            return r.fail(Code::BadValue, at, QStringLiteral("%1 must be a lower_snake_case code.").arg(at));
        return true;
    }
    if (!r.integer(object, QStringLiteral("rev"), path, 1, ProtocolLimits::maxInteger, result.rev))
        return false;
    if (result.status != PushResult::Status::Conflict)
        return true;
    if (!readEntity(r, object, path, result.entity)
        || !r.uuid(object, QStringLiteral("row_id"), path, false, result.rowId)
        || !r.boolean(object, QStringLiteral("deleted"), path, result.deleted)
        || !r.object(object, QStringLiteral("fields"), path, result.fields))
        return false;
    return readFields(r, result.entity, result.fields,
        result.deleted ? FieldsMode::Tombstone : FieldsMode::Row,
        JsonReader::join(path, QStringLiteral("fields")));
}

bool readPulledChange(JsonReader& r, const QJsonObject& object, const QString& path, PulledChange& change)
{
    if (!r.onlyKeys(object,
            {QStringLiteral("seq"), QStringLiteral("entity"), QStringLiteral("row_id"), QStringLiteral("rev"),
                QStringLiteral("deleted"), QStringLiteral("fields")},
            path))
        return false;
    if (!r.integer(object, QStringLiteral("seq"), path, 1, ProtocolLimits::maxInteger, change.seq)
        || !readEntity(r, object, path, change.entity)
        || !r.uuid(object, QStringLiteral("row_id"), path, false, change.rowId)
        || !r.integer(object, QStringLiteral("rev"), path, 1, ProtocolLimits::maxInteger, change.rev)
        || !r.boolean(object, QStringLiteral("deleted"), path, change.deleted)
        || !r.object(object, QStringLiteral("fields"), path, change.fields))
        return false;
    return readFields(r, change.entity, change.fields,
        change.deleted ? FieldsMode::Tombstone : FieldsMode::Row,
        JsonReader::join(path, QStringLiteral("fields")));
}

// Reads each element of array `key` as an object with readItem.
template<typename T>
bool readList(JsonReader& r, const QJsonObject& object, const QString& key, qsizetype maxItems, QList<T>& out,
    const std::function<bool(JsonReader&, const QJsonObject&, const QString&, T&)>& readItem)
{
    QJsonArray items;
    if (!r.array(object, key, QString(), maxItems, items))
        return false;
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString at = JsonReader::item(key, i);
        if (!items.at(i).isObject())
            return r.fail(Code::WrongType, at, QStringLiteral("%1 must be an object.").arg(at));
        T value;
        if (!readItem(r, items.at(i).toObject(), at, value))
            return false;
        out << value;
    }
    return true;
}

// Parses the body, then runs read over the top-level object.
template<typename T>
Result<T> decodeWith(
    const QByteArray& body, const std::function<bool(JsonReader&, const QJsonObject&, T&)>& read)
{
    const Result<QJsonObject> parsed = JsonReader::parseObject(body);
    if (!parsed.ok())
        return parsed.error();
    JsonReader r;
    T value;
    if (!read(r, parsed.value(), value))
        return r.error();
    return value;
}

QJsonValue uuidOrNull(const QString& id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

QString timestampText(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject ProtocolCodec::toJson(const Change& change)
{
    return {{QStringLiteral("change_id"), change.changeId}, {QStringLiteral("entity"), change.entity},
        {QStringLiteral("row_id"), change.rowId}, {QStringLiteral("base_rev"), change.baseRev},
        {QStringLiteral("op"), change.op}, {QStringLiteral("fields"), change.fields}};
}

QJsonObject ProtocolCodec::toJson(const PushRequest& request)
{
    QJsonArray changes;
    for (const Change& change : request.changes)
        changes.append(toJson(change));
    return {{QStringLiteral("device_id"), request.deviceId}, {QStringLiteral("changes"), changes}};
}

QJsonObject ProtocolCodec::toJson(const PushResult& result)
{
    QJsonObject object {{QStringLiteral("change_id"), result.changeId}};
    switch (result.status) {
    case PushResult::Status::Applied:
        object.insert(QStringLiteral("status"), QStringLiteral("applied"));
        object.insert(QStringLiteral("rev"), result.rev);
        break;
    case PushResult::Status::Duplicate:
        object.insert(QStringLiteral("status"), QStringLiteral("duplicate"));
        object.insert(QStringLiteral("rev"), result.rev);
        break;
    case PushResult::Status::Conflict:
        object.insert(QStringLiteral("status"), QStringLiteral("conflict"));
        object.insert(QStringLiteral("rev"), result.rev);
        object.insert(QStringLiteral("entity"), result.entity);
        object.insert(QStringLiteral("row_id"), result.rowId);
        object.insert(QStringLiteral("deleted"), result.deleted);
        object.insert(QStringLiteral("fields"), result.fields);
        break;
    case PushResult::Status::Rejected:
        object.insert(QStringLiteral("status"), QStringLiteral("rejected"));
        object.insert(QStringLiteral("reason"), result.reason);
        object.insert(QStringLiteral("message"), result.message);
        break;
    }
    return object;
}

QJsonObject ProtocolCodec::toJson(const PushResponse& response)
{
    QJsonArray results;
    for (const PushResult& result : response.results)
        results.append(toJson(result));
    return {{QStringLiteral("results"), results}};
}

QJsonObject ProtocolCodec::toJson(const PulledChange& change)
{
    return {{QStringLiteral("seq"), change.seq}, {QStringLiteral("entity"), change.entity},
        {QStringLiteral("row_id"), change.rowId}, {QStringLiteral("rev"), change.rev},
        {QStringLiteral("deleted"), change.deleted}, {QStringLiteral("fields"), change.fields}};
}

QJsonObject ProtocolCodec::toJson(const PullResponse& response)
{
    QJsonArray changes;
    for (const PulledChange& change : response.changes)
        changes.append(toJson(change));
    return {{QStringLiteral("changes"), changes}, {QStringLiteral("next"), response.next},
        {QStringLiteral("has_more"), response.hasMore}};
}

QJsonObject ProtocolCodec::toJson(const LoginRequest& request)
{
    return {{QStringLiteral("username"), request.username}, {QStringLiteral("password"), request.password},
        {QStringLiteral("device_name"), request.deviceName}};
}

QJsonObject ProtocolCodec::toJson(const LoginResponse& response)
{
    return {{QStringLiteral("token"), response.token},
        {QStringLiteral("expires_at"), timestampText(response.expiresAt)},
        {QStringLiteral("display_name"), response.displayName},
        {QStringLiteral("agency_id"), uuidOrNull(response.agencyId)},
        {QStringLiteral("role"), response.role}};
}

QJsonObject ProtocolCodec::toJson(const ErrorBody& body)
{
    return {{QStringLiteral("error"),
        QJsonObject {{QStringLiteral("code"), body.code}, {QStringLiteral("message"), body.message}}}};
}

QJsonObject ProtocolCodec::toJson(const WhoamiResponse& response)
{
    return {{QStringLiteral("username"), response.username},
        {QStringLiteral("display_name"), response.displayName}, {QStringLiteral("role"), response.role},
        {QStringLiteral("agency_id"), uuidOrNull(response.agencyId)}, {QStringLiteral("team"), response.team},
        {QStringLiteral("device_id"), response.deviceId},
        {QStringLiteral("expires_at"), timestampText(response.expiresAt)}};
}

QJsonObject ProtocolCodec::toJson(const HealthResponse& response)
{
    return {{QStringLiteral("status"), response.status}, {QStringLiteral("version"), response.version}};
}

QJsonObject ProtocolCodec::toJson(const DigestRequest& request)
{
    return {{QStringLiteral("digest"), request.digest}, {QStringLiteral("rows"), request.rows},
        {QStringLiteral("cursor"), request.cursor}};
}

QJsonObject ProtocolCodec::toJson(const DigestResponse& response)
{
    return {{QStringLiteral("match"), response.match}, {QStringLiteral("rows"), response.rows},
        {QStringLiteral("latest_seq"), response.latestSeq}};
}

QByteArray ProtocolCodec::toBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<Change> ProtocolCodec::decodeChange(const QByteArray& body)
{
    return decodeWith<Change>(
        body, [](JsonReader& r, const QJsonObject& o, Change& v) { return readChange(r, o, QString(), v); });
}

Result<PushRequest> ProtocolCodec::decodePushRequest(const QByteArray& body)
{
    return decodeWith<PushRequest>(body, [](JsonReader& r, const QJsonObject& o, PushRequest& v) {
        if (!r.onlyKeys(o, {QStringLiteral("device_id"), QStringLiteral("changes")}, QString())
            || !r.uuid(o, QStringLiteral("device_id"), QString(), false, v.deviceId)
            || !readList<Change>(
                r, o, QStringLiteral("changes"), ProtocolLimits::maxChangesPerPush, v.changes, readChange))
            return false;
        // One change id twice in a batch would make "applied once" ambiguous.
        QSet<QString> seen;
        for (qsizetype i = 0; i < v.changes.size(); ++i) {
            if (seen.contains(v.changes.at(i).changeId)) {
                const QString at = JsonReader::join(
                    JsonReader::item(QStringLiteral("changes"), i), QStringLiteral("change_id"));
                return r.fail(
                    Code::DuplicateChange, at, QStringLiteral("%1 appears earlier in this push.").arg(at));
            }
            seen.insert(v.changes.at(i).changeId);
        }
        return true;
    });
}

Result<PushResult> ProtocolCodec::decodePushResult(const QByteArray& body)
{
    return decodeWith<PushResult>(body, [](JsonReader& r, const QJsonObject& o, PushResult& v) {
        return readPushResult(r, o, QString(), v);
    });
}

Result<PushResponse> ProtocolCodec::decodePushResponse(const QByteArray& body)
{
    return decodeWith<PushResponse>(body, [](JsonReader& r, const QJsonObject& o, PushResponse& v) {
        return r.onlyKeys(o, {QStringLiteral("results")}, QString())
            && readList<PushResult>(r, o, QStringLiteral("results"), ProtocolLimits::maxChangesPerPush,
                v.results, readPushResult);
    });
}

Result<PulledChange> ProtocolCodec::decodePulledChange(const QByteArray& body)
{
    return decodeWith<PulledChange>(body, [](JsonReader& r, const QJsonObject& o, PulledChange& v) {
        return readPulledChange(r, o, QString(), v);
    });
}

Result<PullResponse> ProtocolCodec::decodePullResponse(const QByteArray& body)
{
    return decodeWith<PullResponse>(body, [](JsonReader& r, const QJsonObject& o, PullResponse& v) {
        return r.onlyKeys(o, {QStringLiteral("changes"), QStringLiteral("next"), QStringLiteral("has_more")},
                   QString())
            && readList<PulledChange>(
                r, o, QStringLiteral("changes"), ProtocolLimits::maxPullLimit, v.changes, readPulledChange)
            && r.integer(o, QStringLiteral("next"), QString(), 0, ProtocolLimits::maxInteger, v.next)
            && r.boolean(o, QStringLiteral("has_more"), QString(), v.hasMore);
    });
}

Result<LoginRequest> ProtocolCodec::decodeLoginRequest(const QByteArray& body)
{
    return decodeWith<LoginRequest>(body, [](JsonReader& r, const QJsonObject& o, LoginRequest& v) {
        const qsizetype max = ProtocolLimits::maxShortText;
        return r.onlyKeys(o,
                   {QStringLiteral("username"), QStringLiteral("password"), QStringLiteral("device_name")},
                   QString())
            && r.string(o, QStringLiteral("username"), QString(), max, false, v.username)
            && r.string(o, QStringLiteral("password"), QString(), max, false, v.password)
            && r.string(o, QStringLiteral("device_name"), QString(), max, false, v.deviceName);
    });
}

Result<LoginResponse> ProtocolCodec::decodeLoginResponse(const QByteArray& body)
{
    return decodeWith<LoginResponse>(body, [](JsonReader& r, const QJsonObject& o, LoginResponse& v) {
        const qsizetype max = ProtocolLimits::maxShortText;
        return r.onlyKeys(o,
                   {QStringLiteral("token"), QStringLiteral("expires_at"), QStringLiteral("display_name"),
                       QStringLiteral("agency_id"), QStringLiteral("role")},
                   QString())
            && r.string(o, QStringLiteral("token"), QString(), max, false, v.token)
            && r.timestamp(o, QStringLiteral("expires_at"), QString(), v.expiresAt)
            && r.string(o, QStringLiteral("display_name"), QString(), max, true, v.displayName)
            && r.uuid(o, QStringLiteral("agency_id"), QString(), true, v.agencyId)
            && r.string(o, QStringLiteral("role"), QString(), max, false, v.role);
    });
}

Result<ErrorBody> ProtocolCodec::decodeErrorBody(const QByteArray& body)
{
    return decodeWith<ErrorBody>(body, [](JsonReader& r, const QJsonObject& o, ErrorBody& v) {
        const QString at = QStringLiteral("error");
        QJsonObject error;
        return r.onlyKeys(o, {at}, QString()) && r.object(o, at, QString(), error)
            && r.onlyKeys(error, {QStringLiteral("code"), QStringLiteral("message")}, at)
            && r.string(error, QStringLiteral("code"), at, 64, false, v.code)
            && r.string(error, QStringLiteral("message"), at, ProtocolLimits::maxShortText, true, v.message);
    });
}

Result<WhoamiResponse> ProtocolCodec::decodeWhoamiResponse(const QByteArray& body)
{
    return decodeWith<WhoamiResponse>(body, [](JsonReader& r, const QJsonObject& o, WhoamiResponse& v) {
        const qsizetype max = ProtocolLimits::maxShortText;
        return r.onlyKeys(o,
                   {QStringLiteral("username"), QStringLiteral("display_name"), QStringLiteral("role"),
                       QStringLiteral("agency_id"), QStringLiteral("team"), QStringLiteral("device_id"),
                       QStringLiteral("expires_at")},
                   QString())
            && r.string(o, QStringLiteral("username"), QString(), max, false, v.username)
            && r.string(o, QStringLiteral("display_name"), QString(), max, true, v.displayName)
            && r.string(o, QStringLiteral("role"), QString(), max, false, v.role)
            && r.uuid(o, QStringLiteral("agency_id"), QString(), true, v.agencyId)
            && r.string(o, QStringLiteral("team"), QString(), max, false, v.team)
            && r.uuid(o, QStringLiteral("device_id"), QString(), false, v.deviceId)
            && r.timestamp(o, QStringLiteral("expires_at"), QString(), v.expiresAt);
    });
}

Result<HealthResponse> ProtocolCodec::decodeHealthResponse(const QByteArray& body)
{
    return decodeWith<HealthResponse>(body, [](JsonReader& r, const QJsonObject& o, HealthResponse& v) {
        return r.onlyKeys(o, {QStringLiteral("status"), QStringLiteral("version")}, QString())
            && r.string(o, QStringLiteral("status"), QString(), 64, false, v.status)
            && r.string(o, QStringLiteral("version"), QString(), 64, false, v.version);
    });
}

Result<DigestRequest> ProtocolCodec::decodeDigestRequest(const QByteArray& body)
{
    return decodeWith<DigestRequest>(body, [](JsonReader& r, const QJsonObject& o, DigestRequest& v) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
        if (!r.onlyKeys(o, {QStringLiteral("digest"), QStringLiteral("rows"), QStringLiteral("cursor")}, QString())
            || !r.string(o, QStringLiteral("digest"), QString(), 64, false, v.digest)
            || !r.integer(o, QStringLiteral("rows"), QString(), 0, ProtocolLimits::maxInteger, v.rows)
            || !r.integer(o, QStringLiteral("cursor"), QString(), 0, ProtocolLimits::maxInteger, v.cursor))
            return false;
        if (!hex.match(v.digest).hasMatch())
            return r.fail(Code::BadValue, QStringLiteral("digest"),
                QStringLiteral("digest is not 64 lower-case hexadecimal characters."));
        return true;
    });
}

Result<DigestResponse> ProtocolCodec::decodeDigestResponse(const QByteArray& body)
{
    return decodeWith<DigestResponse>(body, [](JsonReader& r, const QJsonObject& o, DigestResponse& v) {
        return r.onlyKeys(o, {QStringLiteral("match"), QStringLiteral("rows"), QStringLiteral("latest_seq")},
                   QString())
            && r.boolean(o, QStringLiteral("match"), QString(), v.match)
            && r.integer(o, QStringLiteral("rows"), QString(), 0, ProtocolLimits::maxInteger, v.rows)
            && r.integer(o, QStringLiteral("latest_seq"), QString(), 0, ProtocolLimits::maxInteger, v.latestSeq);
    });
}

QString ProtocolCodec::encodePullQuery(const PullRequest& request)
{
    return QStringLiteral("since=%1&limit=%2").arg(request.since).arg(request.limit);
}

Result<PullRequest> ProtocolCodec::decodePullQuery(const QString& query)
{
    // Two numbers of at most 16 digits and their names: anything longer is not a pull.
    if (query.size() > 64)
        return ProtocolError {
            Code::BodyTooLarge, QString(), QStringLiteral("The query is longer than 64 characters.")};
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,16}$"));
    static const QRegularExpression negative(QStringLiteral("^-[0-9]{1,16}$"));
    PullRequest request;
    bool haveSince = false;
    bool haveLimit = false;
    const QStringList parts = query.split(QLatin1Char('&'));
    for (const QString& part : parts) {
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        const QString key = equals < 0 ? part : part.left(equals);
        const QString text = equals < 0 ? QString() : part.mid(equals + 1);
        const bool isSince = key == QLatin1String("since");
        if (!isSince && key != QLatin1String("limit"))
            return ProtocolError {Code::UnknownField, JsonReader::join(QString(), key),
                QStringLiteral("A pull takes only since and limit.")};
        bool& have = isSince ? haveSince : haveLimit;
        if (have)
            return ProtocolError {Code::BadValue, key, QStringLiteral("%1 is given twice.").arg(key)};
        have = true;
        if (negative.match(text).hasMatch())
            return ProtocolError {Code::OutOfRange, key, QStringLiteral("%1 must not be negative.").arg(key)};
        if (!digits.match(text).hasMatch())
            return ProtocolError {
                Code::WrongType, key, QStringLiteral("%1 must be a whole number.").arg(key)};
        const qint64 value = text.toLongLong();
        if (isSince) {
            request.since = value;
        } else {
            if (value < 1 || value > ProtocolLimits::maxPullLimit)
                return ProtocolError {Code::OutOfRange, key,
                    QStringLiteral("limit must be from 1 to %1.").arg(ProtocolLimits::maxPullLimit)};
            request.limit = static_cast<int>(value);
        }
    }
    if (!haveSince)
        return ProtocolError {
            Code::MissingField, QStringLiteral("since"), QStringLiteral("since is missing.")};
    if (!haveLimit)
        return ProtocolError {
            Code::MissingField, QStringLiteral("limit"), QStringLiteral("limit is missing.")};
    return request;
}

ErrorBody ProtocolCodec::errorBodyFor(const ProtocolError& error)
{
    return {ProtocolError::codeName(error.code), error.message};
}
