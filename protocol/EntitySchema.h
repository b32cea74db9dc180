#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// What each synced entity may carry on the wire: its columns (store/Migrations.cpp) with
// their JSON types, which may be null, and which a create must include. The store is the
// source: a column NOT NULL without a default is required; a nullable column may be null.
// Vocabulary values (statuses, kinds) are checked as text here; what they mean is the
// server's domain check, not the codec's.
class EntitySchema
{
public:
    enum class Type {
        Text, // string up to ProtocolLimits::maxShortText
        LongText, // string up to ProtocolLimits::maxLongText
        Uuid, // "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
        Date, // "yyyy-MM-dd"
        Timestamp, // "yyyy-MM-ddTHH:mm:ss.zzzZ" (UTC, milliseconds)
        Integer, // JSON number with no fraction, |n| <= 2^53 - 1
        Number, // any JSON number
        Flag, // 0 or 1, as the store holds booleans
    };

    struct Field
    {
        QString name;
        Type type = Type::Text;
        bool nullable = false;
        bool requiredOnCreate = false;
    };

    // The outbox's entity names: "agency", "user", "person", "case", ...
    static QStringList entities();
    static bool isKnown(const QString& entity);
    // The store table ("case" -> "cases"); empty for an unknown entity.
    static QString table(const QString& entity);
    // Notes and assessments are written once and never updated (a correction is a new note).
    static bool isImmutable(const QString& entity);
    // The entity's own columns; empty for an unknown entity.
    static QList<Field> fields(const QString& entity);
    // One column, or nullptr when the entity has no such column.
    static const Field* field(const QString& entity, const QString& name);
    // The row stamps: updated_at/updated_by travel with every change; created_at/created_by
    // only in the server's rows (a create's are its updated_at/by).
    static QList<Field> changeStamps();
    static QList<Field> rowStamps();
    static QString typeName(Type type);
};
