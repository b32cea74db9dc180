#include "EntitySchema.h"

#include <QHash>

namespace {

using Type = EntitySchema::Type;
using Field = EntitySchema::Field;

struct Entity
{
    QString table;
    bool immutable = false;
    QList<Field> fields;
};

// Shorthands for the table below: required (NOT NULL, no default), optional (has a
// default), nullable (may be null).
Field req(const char* name, Type type)
{
    return {QString::fromLatin1(name), type, false, true};
}
Field opt(const char* name, Type type)
{
    return {QString::fromLatin1(name), type, false, false};
}
Field nul(const char* name, Type type)
{
    return {QString::fromLatin1(name), type, true, false};
}

// Mirrors the CREATE TABLEs of store/Migrations.cpp (schema 5); TestProtocolCodec checks
// a payload of every entity as RecordWriter writes it.
const QHash<QString, Entity>& schema()
{
    static const QHash<QString, Entity> entities {
        {QStringLiteral("agency"),
            {QStringLiteral("agencies"), false,
                {req("name", Type::Text), req("kind", Type::Text), opt("active", Type::Flag)}}},
        {QStringLiteral("user"),
            {QStringLiteral("users"), false,
                {req("username", Type::Text), req("display_name", Type::Text), nul("agency_id", Type::Uuid),
                    req("role", Type::Text), opt("team", Type::Text)}}},
        {QStringLiteral("person"),
            {QStringLiteral("people"), false,
                {opt("given_name", Type::Text), opt("family_name", Type::Text),
                    opt("preferred_name", Type::Text), nul("date_of_birth", Type::Date),
                    opt("nhs_number", Type::Text), opt("address", Type::Text), opt("postcode", Type::Text),
                    opt("ward", Type::Text), opt("phone", Type::Text), opt("email", Type::Text),
                    opt("preferred_language", Type::Text), opt("gp_practice", Type::Text),
                    opt("access_needs", Type::LongText)}}},
        {QStringLiteral("case"),
            {QStringLiteral("cases"), false,
                {req("reference", Type::Text), req("status", Type::Text), req("referral_date", Type::Date),
                    nul("referring_agency_id", Type::Uuid), opt("referrer_name", Type::Text),
                    opt("referrer_contact", Type::Text), opt("reason", Type::LongText),
                    req("consent", Type::Text), nul("consent_date", Type::Date),
                    opt("consent_recorded_by", Type::Text), opt("lawful_basis", Type::Text),
                    req("risk", Type::Text), opt("risk_rationale", Type::LongText),
                    opt("lead_worker", Type::Text), nul("review_date", Type::Date),
                    nul("status_date", Type::Date), nul("closed_date", Type::Date),
                    opt("closure_reason", Type::LongText), opt("decline_reason", Type::LongText)}}},
        {QStringLiteral("case_person"),
            {QStringLiteral("case_people"), false,
                {req("case_id", Type::Uuid), req("person_id", Type::Uuid), req("role", Type::Text)}}},
        {QStringLiteral("case_agency"),
            {QStringLiteral("case_agencies"), false,
                {req("case_id", Type::Uuid), req("agency_id", Type::Uuid), opt("contact", Type::Text)}}},
        {QStringLiteral("need"),
            {QStringLiteral("case_needs"), false,
                {req("case_id", Type::Uuid), req("need_key", Type::Text), req("severity", Type::Text),
                    req("status", Type::Text), opt("clutter_rating", Type::Integer),
                    opt("notes", Type::LongText)}}},
        {QStringLiteral("action"),
            {QStringLiteral("actions"), false,
                {req("case_id", Type::Uuid), req("description", Type::LongText), nul("agency_id", Type::Uuid),
                    opt("owner", Type::Text), nul("due_date", Type::Date), req("status", Type::Text),
                    nul("completed_date", Type::Date), opt("outcome", Type::LongText)}}},
        {QStringLiteral("note"),
            {QStringLiteral("notes"), true,
                {req("case_id", Type::Uuid), req("occurred_on", Type::Date), req("author", Type::Text),
                    nul("agency_id", Type::Uuid), req("kind", Type::Text), req("text", Type::LongText),
                    opt("significant", Type::Flag), opt("agency_only", Type::Flag),
                    nul("corrects_note_id", Type::Uuid)}}},
        {QStringLiteral("assessment"),
            {QStringLiteral("assessments"), true,
                {req("case_id", Type::Uuid), req("kind", Type::Text), req("stage", Type::Text),
                    req("assessed_on", Type::Date), nul("ons4_1", Type::Integer),
                    nul("ons4_2", Type::Integer), nul("ons4_3", Type::Integer), nul("ons4_4", Type::Integer),
                    nul("pam_score", Type::Number), nul("gp_appointments", Type::Integer),
                    nul("ae_attendances", Type::Integer), nul("period_months", Type::Integer)}}},
        {QStringLiteral("reference_norm"),
            {QStringLiteral("reference_norms"), false,
                {req("scope", Type::Text), req("label", Type::Text), req("item", Type::Integer),
                    req("value", Type::Number)}}},
    };
    return entities;
}

} // namespace

QStringList EntitySchema::entities()
{
    QStringList names = schema().keys();
    names.sort();
    return names;
}

bool EntitySchema::isKnown(const QString& entity)
{
    return schema().contains(entity);
}

QString EntitySchema::table(const QString& entity)
{
    return schema().value(entity).table;
}

bool EntitySchema::isImmutable(const QString& entity)
{
    return schema().value(entity).immutable;
}

QList<EntitySchema::Field> EntitySchema::fields(const QString& entity)
{
    return schema().value(entity).fields;
}

const EntitySchema::Field* EntitySchema::field(const QString& entity, const QString& name)
{
    const auto it = schema().constFind(entity);
    if (it == schema().cend())
        return nullptr;
    for (const Field& f : it->fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QList<EntitySchema::Field> EntitySchema::changeStamps()
{
    return {req("updated_at", Type::Timestamp), req("updated_by", Type::Text)};
}

QList<EntitySchema::Field> EntitySchema::rowStamps()
{
    return {req("created_at", Type::Timestamp), req("created_by", Type::Text),
        req("updated_at", Type::Timestamp), req("updated_by", Type::Text)};
}

QString EntitySchema::typeName(Type type)
{
    switch (type) {
    case Type::Text:
    case Type::LongText:
        return QStringLiteral("a string");
    case Type::Uuid:
        return QStringLiteral("a UUID string");
    case Type::Date:
        return QStringLiteral("a date string (yyyy-MM-dd)");
    case Type::Timestamp:
        return QStringLiteral("a UTC timestamp string (yyyy-MM-ddTHH:mm:ss.zzzZ)");
    case Type::Integer:
        return QStringLiteral("a whole number");
    case Type::Number:
        return QStringLiteral("a number");
    case Type::Flag:
        return QStringLiteral("0 or 1");
    }
    return QString();
}
