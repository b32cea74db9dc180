#include "SyncRows.h"

#include "Store.h"
#include "protocol/EntitySchema.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {

QJsonValue jsonOf(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return QJsonValue(QJsonValue::Null);
    return QJsonValue::fromVariant(value);
}

QVariant sqlOf(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return {};
    if (value.isBool())
        return qint64(value.toBool() ? 1 : 0);
    if (value.isDouble()) {
        const double d = value.toDouble();
        const auto whole = static_cast<qint64>(d);
        return static_cast<double>(whole) == d ? QVariant(whole) : QVariant(d);
    }
    return value.toString();
}

// The stamps every row carries beside its own columns.
QStringList stampNames()
{
    return {QStringLiteral("created_at"), QStringLiteral("created_by"), QStringLiteral("updated_at"),
        QStringLiteral("updated_by")};
}

// A column default as PRAGMA table_info shows it: NULL, a number or a quoted string.
QJsonValue parseDefault(const QVariant& literal)
{
    if (literal.isNull())
        return QJsonValue(QJsonValue::Null);
    const QString text = literal.toString();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\'')))
        return text.mid(1, text.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
    bool isNumber = false;
    const double number = text.toDouble(&isNumber);
    return isNumber ? QJsonValue(number) : QJsonValue(QJsonValue::Null);
}

} // namespace

SyncRows::SyncRows(Store& store)
    : m_store(store)
{ }

QByteArray SyncRows::tableOf(const QString& entity)
{
    const QString table = EntitySchema::table(entity);
    if (table.isEmpty())
        throw StoreError(StoreError::Code::Invalid,
            QCoreApplication::translate(
                "SyncRows", "The server sent a kind of record this version does not know."));
    return table.toLatin1();
}

QStringList SyncRows::fieldNames(const QString& entity)
{
    QStringList names;
    for (const EntitySchema::Field& field : EntitySchema::fields(entity))
        names << field.name;
    return names;
}

SyncRows::Row SyncRows::read(const QString& entity, const QString& rowId)
{
    const QStringList columns = fieldNames(entity) + stampNames();
    const QByteArray sql = "SELECT rev, deleted, " + columns.join(QStringLiteral(", ")).toLatin1() + " FROM "
        + tableOf(entity) + " WHERE id = ?1";
    Statement st = m_store.db().prepare(sql.constData());
    st.bind(1, rowId);
    Row row;
    if (!st.next())
        return row;
    row.exists = true;
    row.rev = st.integer(0);
    row.deleted = st.boolean(1);
    for (int i = 0; i < columns.size(); ++i)
        row.fields.insert(columns.at(i), jsonOf(st.value(i + 2)));
    return row;
}

void SyncRows::insertFromServer(
    const QString& entity, const QString& rowId, qint64 rev, bool deleted, const QJsonObject& fields)
{
    QByteArray columns = "id, rev, deleted";
    QVariantList values {rowId, rev, deleted ? 1 : 0};
    const QJsonObject defaults = columnDefaults(entity);
    for (const QString& name : fieldNames(entity) + stampNames()) {
        if (!fields.contains(name) && defaults.value(name).isNull() && !stampNames().contains(name))
            continue; // the column's own default (or null) applies
        columns += ", " + name.toLatin1();
        values << sqlOf(fields.contains(name) ? fields.value(name) : defaults.value(name));
        if (values.constLast().isNull() && stampNames().contains(name))
            values.last() = QString(); // a tombstone may come without stamps; they are NOT NULL
    }
    QByteArray marks;
    for (int i = 1; i <= values.size(); ++i)
        marks += (i > 1 ? ", ?" : "?") + QByteArray::number(i);
    const QByteArray sql = "INSERT INTO " + tableOf(entity) + " (" + columns + ") VALUES (" + marks + ")";
    m_store.db().prepare(sql.constData()).bindAll(values).run();
}

void SyncRows::writeFields(
    const QString& entity, const QString& rowId, qint64 rev, bool deleted, const QJsonObject& fields)
{
    QByteArray assignments = "rev = ?1, deleted = ?2";
    QVariantList values {rev, deleted ? 1 : 0};
    const bool immutable = EntitySchema::isImmutable(entity);
    const QStringList writable = (immutable ? QStringList() : fieldNames(entity)) + stampNames();
    for (const QString& name : writable) {
        if (!fields.contains(name))
            continue;
        const QVariant value = sqlOf(fields.value(name));
        if (value.isNull() && stampNames().contains(name))
            continue;
        values << value;
        assignments += ", " + name.toLatin1() + " = ?" + QByteArray::number(values.size());
    }
    values << rowId;
    const QByteArray sql = "UPDATE " + tableOf(entity) + " SET " + assignments + " WHERE id = ?"
        + QByteArray::number(values.size());
    m_store.db().prepare(sql.constData()).bindAll(values).run();
}

void SyncRows::raiseRev(const QString& entity, const QString& rowId, qint64 rev)
{
    const QByteArray sql = "UPDATE " + tableOf(entity) + " SET rev = ?1 WHERE id = ?2 AND rev < ?1";
    m_store.db().prepare(sql.constData()).bindAll({rev, rowId}).run();
}

bool SyncRows::base(const QString& entity, const QString& rowId, qint64* rev, QJsonObject* fields)
{
    Statement st
        = m_store.db().prepare("SELECT rev, fields FROM sync_base WHERE entity = ?1 AND row_id = ?2");
    st.bindAll({entity, rowId});
    if (!st.next())
        return false;
    *rev = st.integer(0);
    *fields = QJsonDocument::fromJson(st.text(1).toUtf8()).object();
    return true;
}

void SyncRows::setBase(const QString& entity, const QString& rowId, qint64 rev, const QJsonObject& fields)
{
    QJsonObject kept;
    for (const QString& name : fieldNames(entity)) {
        if (fields.contains(name))
            kept.insert(name, fields.value(name));
    }
    Statement st = m_store.db().prepare(
        "INSERT OR REPLACE INTO sync_base (entity, row_id, rev, fields) VALUES (?1, ?2, ?3, ?4)");
    st.bindAll({entity, rowId, rev, QString::fromUtf8(QJsonDocument(kept).toJson(QJsonDocument::Compact))})
        .run();
}

QJsonObject SyncRows::columnDefaults(const QString& entity)
{
    const QByteArray sql = "PRAGMA table_info(" + tableOf(entity) + ")";
    Statement st = m_store.db().prepare(sql.constData());
    QJsonObject defaults;
    while (st.next())
        defaults.insert(st.text(1), parseDefault(st.value(4)));
    return defaults;
}

QString SyncRows::caseIdOf(const QString& entity, const QString& rowId)
{
    if (entity == QLatin1String("case"))
        return rowId;
    if (EntitySchema::field(entity, QStringLiteral("case_id"))) {
        const QByteArray sql = "SELECT case_id FROM " + tableOf(entity) + " WHERE id = ?1";
        Statement st = m_store.db().prepare(sql.constData());
        st.bind(1, rowId);
        return st.next() ? st.text(0) : QString();
    }
    if (entity == QLatin1String("person")) {
        Statement st = m_store.db().prepare("SELECT case_id FROM case_people WHERE person_id = ?1 ORDER BY "
                                            "role <> 'subject', created_at LIMIT 1");
        st.bind(1, rowId);
        return st.next() ? st.text(0) : QString();
    }
    return {};
}

QString SyncRows::caseReference(const QString& caseId)
{
    if (caseId.isEmpty())
        return {};
    Statement st = m_store.db().prepare("SELECT reference FROM cases WHERE id = ?1");
    st.bind(1, caseId);
    return st.next() ? st.text(0) : QString();
}
