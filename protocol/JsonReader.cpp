#include "JsonReader.h"

#include "ProtocolLimits.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUuid>

#include <cmath>

using Code = ProtocolError::Code;

namespace {

// The deepest nesting of objects and arrays in the bytes, stopping early past limit.
// Brackets inside strings do not count; an invalid body may be miscounted, which only
// decides which of two refusals it gets.
bool deeperThan(const QByteArray& body, int limit)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : body) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit)
                return true;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

} // namespace

Result<QJsonObject> JsonReader::parseObject(const QByteArray& body)
{
    if (body.size() > ProtocolLimits::maxBodyBytes)
        return ProtocolError {Code::BodyTooLarge, QString(),
            QStringLiteral("The body is larger than %1 bytes.").arg(ProtocolLimits::maxBodyBytes)};
    if (deeperThan(body, ProtocolLimits::maxDepth))
        return ProtocolError {Code::TooDeep, QString(),
            QStringLiteral("The body nests objects and arrays more than %1 deep.")
                .arg(ProtocolLimits::maxDepth)};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ProtocolError {Code::InvalidJson, QString(),
            QStringLiteral("The body is not valid JSON (%1 at byte %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset)};
    if (!document.isObject())
        return ProtocolError {
            Code::NotAnObject, QString(), QStringLiteral("The body must be a JSON object.")};
    return document.object();
}

bool JsonReader::fail(Code code, const QString& path, const QString& message)
{
    m_error = {code, path, message};
    return false;
}

bool JsonReader::onlyKeys(const QJsonObject& object, const QStringList& allowed, const QString& path)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            return fail(Code::UnknownField, join(path, it.key()),
                QStringLiteral("%1 is not a field of this message.").arg(join(path, it.key())));
    }
    return true;
}

bool JsonReader::present(const QJsonObject& object, const QString& key, const QString& path, QJsonValue& out)
{
    out = object.value(key);
    if (out.isUndefined())
        return fail(
            Code::MissingField, join(path, key), QStringLiteral("%1 is missing.").arg(join(path, key)));
    return true;
}

bool JsonReader::string(const QJsonObject& object, const QString& key, const QString& path,
    qsizetype maxLength, bool allowEmpty, QString& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    const QString at = join(path, key);
    if (!value.isString())
        return fail(Code::WrongType, at, QStringLiteral("%1 must be a string.").arg(at));
    out = value.toString();
    if (out.size() > maxLength)
        return fail(Code::StringTooLong, at,
            QStringLiteral("%1 is longer than %2 characters.").arg(at).arg(maxLength));
    if (!allowEmpty && out.isEmpty())
        return fail(Code::EmptyString, at, QStringLiteral("%1 must not be empty.").arg(at));
    return true;
}

bool JsonReader::uuid(
    const QJsonObject& object, const QString& key, const QString& path, bool nullable, QString& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    const QString at = join(path, key);
    if (nullable && value.isNull()) {
        out.clear();
        return true;
    }
    if (!value.isString())
        return fail(Code::WrongType, at, QStringLiteral("%1 must be a UUID string.").arg(at));
    out = value.toString();
    if (!isUuid(out))
        return fail(Code::BadUuid, at, QStringLiteral("%1 is not a UUID.").arg(at));
    return true;
}

bool JsonReader::integer(
    const QJsonObject& object, const QString& key, const QString& path, qint64 min, qint64 max, qint64& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    const QString at = join(path, key);
    if (!fieldValue(value, EntitySchema::Type::Integer, false, at))
        return false;
    out = static_cast<qint64>(value.toDouble());
    if (out < min || out > max)
        return fail(
            Code::OutOfRange, at, QStringLiteral("%1 must be from %2 to %3.").arg(at).arg(min).arg(max));
    return true;
}

bool JsonReader::boolean(const QJsonObject& object, const QString& key, const QString& path, bool& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    if (!value.isBool())
        return fail(Code::WrongType, join(path, key),
            QStringLiteral("%1 must be true or false.").arg(join(path, key)));
    out = value.toBool();
    return true;
}

bool JsonReader::timestamp(const QJsonObject& object, const QString& key, const QString& path, QDateTime& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    const QString at = join(path, key);
    if (!fieldValue(value, EntitySchema::Type::Timestamp, false, at))
        return false;
    out = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return true;
}

bool JsonReader::object(const QJsonObject& object, const QString& key, const QString& path, QJsonObject& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    if (!value.isObject())
        return fail(
            Code::WrongType, join(path, key), QStringLiteral("%1 must be an object.").arg(join(path, key)));
    out = value.toObject();
    return true;
}

bool JsonReader::array(
    const QJsonObject& object, const QString& key, const QString& path, qsizetype maxItems, QJsonArray& out)
{
    QJsonValue value;
    if (!present(object, key, path, value))
        return false;
    const QString at = join(path, key);
    if (!value.isArray())
        return fail(Code::WrongType, at, QStringLiteral("%1 must be an array.").arg(at));
    out = value.toArray();
    if (out.size() > maxItems)
        return fail(
            Code::TooManyItems, at, QStringLiteral("%1 has more than %2 items.").arg(at).arg(maxItems));
    return true;
}

bool JsonReader::fieldValue(
    const QJsonValue& value, EntitySchema::Type type, bool nullable, const QString& path)
{
    using Type = EntitySchema::Type;
    if (value.isNull()) {
        if (nullable)
            return true;
        return fail(Code::WrongType, path,
            QStringLiteral("%1 must be %2, not null.").arg(path, EntitySchema::typeName(type)));
    }
    const auto wrongType = [&] {
        return fail(
            Code::WrongType, path, QStringLiteral("%1 must be %2.").arg(path, EntitySchema::typeName(type)));
    };
    switch (type) {
    case Type::Text:
    case Type::LongText: {
        if (!value.isString())
            return wrongType();
        const qsizetype limit
            = type == Type::LongText ? ProtocolLimits::maxLongText : ProtocolLimits::maxShortText;
        if (value.toString().size() > limit)
            return fail(Code::StringTooLong, path,
                QStringLiteral("%1 is longer than %2 characters.").arg(path).arg(limit));
        return true;
    }
    case Type::Uuid:
        if (!value.isString())
            return wrongType();
        if (!isUuid(value.toString()))
            return fail(Code::BadUuid, path, QStringLiteral("%1 is not a UUID.").arg(path));
        return true;
    case Type::Date:
        if (!value.isString())
            return wrongType();
        if (!isDate(value.toString()))
            return fail(Code::BadDate, path, QStringLiteral("%1 is not a date (yyyy-MM-dd).").arg(path));
        return true;
    case Type::Timestamp:
        if (!value.isString())
            return wrongType();
        if (!isTimestamp(value.toString()))
            return fail(Code::BadTimestamp, path,
                QStringLiteral("%1 is not a UTC timestamp (yyyy-MM-ddTHH:mm:ss.zzzZ).").arg(path));
        return true;
    case Type::Integer: {
        if (!value.isDouble())
            return wrongType();
        const double number = value.toDouble();
        if (number != std::trunc(number))
            return wrongType();
        if (std::fabs(number) > double(ProtocolLimits::maxInteger))
            return fail(Code::OutOfRange, path, QStringLiteral("%1 is too large to be exact.").arg(path));
        return true;
    }
    case Type::Number:
        if (!value.isDouble())
            return wrongType();
        if (!std::isfinite(value.toDouble()))
            return fail(Code::OutOfRange, path, QStringLiteral("%1 is not a finite number.").arg(path));
        return true;
    case Type::Flag:
        if (!value.isDouble() || (value.toDouble() != 0.0 && value.toDouble() != 1.0))
            return wrongType();
        return true;
    }
    return wrongType();
}

QString JsonReader::join(const QString& path, const QString& key)
{
    const QString shown = key.size() > 64 ? key.left(64) + QStringLiteral("...") : key;
    return path.isEmpty() ? shown : path + QLatin1Char('.') + shown;
}

QString JsonReader::item(const QString& path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

bool JsonReader::isUuid(const QString& text)
{
    // Only the store's own form (lower case, no braces), so one row has one id string on
    // every laptop and the server. The nil UUID is never a real id.
    const QUuid uuid = QUuid::fromString(text);
    return text.size() == 36 && !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == text;
}

bool JsonReader::isDate(const QString& text)
{
    static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    return shape.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).toString(Qt::ISODate) == text;
}

bool JsonReader::isTimestamp(const QString& text)
{
    // Exactly what Store::now() writes (ISODateWithMs in UTC), so text compares equal
    // everywhere; Qt's parser alone would also take offsets, missing milliseconds and 24:00.
    // Written back, a valid one gives the same text.
    static const QRegularExpression shape(
        QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"));
    return shape.match(text).hasMatch()
        && QDateTime::fromString(text, Qt::ISODateWithMs).toUTC().toString(Qt::ISODateWithMs) == text;
}
