#pragma once

#include "EntitySchema.h"
#include "ProtocolError.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

// Strict reading of a JSON body for the codec: each getter checks presence and type of one
// key and records the first problem with its path; later calls after a failure are not
// needed because the codec returns on the first false. Nothing here asserts or throws.
class JsonReader
{
public:
    // Size limit, then nesting depth (scanned on the bytes, so a deep body costs no
    // recursion), then QJsonDocument, then "is an object".
    static Result<QJsonObject> parseObject(const QByteArray& body);

    bool fail(ProtocolError::Code code, const QString& path, const QString& message);
    const ProtocolError& error() const { return m_error; }

    // Refuses the first key (in sorted order) not in allowed.
    bool onlyKeys(const QJsonObject& object, const QStringList& allowed, const QString& path);
    bool string(const QJsonObject& object, const QString& key, const QString& path, qsizetype maxLength,
        bool allowEmpty, QString& out);
    // A UUID, or when nullable also null (out stays empty).
    bool uuid(
        const QJsonObject& object, const QString& key, const QString& path, bool nullable, QString& out);
    bool integer(const QJsonObject& object, const QString& key, const QString& path, qint64 min, qint64 max,
        qint64& out);
    bool boolean(const QJsonObject& object, const QString& key, const QString& path, bool& out);
    bool timestamp(const QJsonObject& object, const QString& key, const QString& path, QDateTime& out);
    bool object(const QJsonObject& object, const QString& key, const QString& path, QJsonObject& out);
    bool array(const QJsonObject& object, const QString& key, const QString& path, qsizetype maxItems,
        QJsonArray& out);
    // One entity field's value against its schema type.
    bool fieldValue(const QJsonValue& value, EntitySchema::Type type, bool nullable, const QString& path);

    // "a.b", "a[3]". A key from the body is cut to 64 characters so that a path (and the
    // message carrying it) stays short whatever the body holds.
    static QString join(const QString& path, const QString& key);
    static QString item(const QString& path, qsizetype index);

    static bool isUuid(const QString& text);
    static bool isDate(const QString& text);
    static bool isTimestamp(const QString& text);

private:
    bool present(const QJsonObject& object, const QString& key, const QString& path, QJsonValue& out);

    ProtocolError m_error;
};
