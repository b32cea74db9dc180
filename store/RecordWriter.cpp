#include "RecordWriter.h"

#include "AuditLog.h"
#include "Store.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

RecordWriter::RecordWriter(Store& store)
    : m_store(store)
{ }

QVariant RecordWriter::storable(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::QDate:
        return value.toDate().isValid() ? QVariant(value.toDate().toString(Qt::ISODate)) : QVariant();
    case QMetaType::QDateTime:
        return value.toDateTime().isValid() ? QVariant(value.toDateTime().toUTC().toString(Qt::ISODateWithMs))
                                            : QVariant();
    case QMetaType::Bool:
        return qint64(value.toBool() ? 1 : 0);
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
        return value.toLongLong();
    case QMetaType::Double:
        return value.toDouble();
    default:
        return value.toString();
    }
}

void RecordWriter::insert(const char* table, const QString& entity, RowMeta& meta, const QVariantMap& fields,
    const QString& caseReference, const QString& auditDetail)
{
    if (meta.id.isEmpty())
        meta.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    meta.createdAt = meta.updatedAt = m_store.now();
    meta.createdBy = meta.updatedBy = m_store.actor();

    QByteArray columns = "id, rev, deleted, created_at, created_by, updated_at, updated_by";
    QByteArray marks = "?1, ?2, ?3, ?4, ?5, ?6, ?7";
    QVariantList values {
        meta.id, meta.rev, meta.deleted, meta.createdAt, meta.createdBy, meta.updatedAt, meta.updatedBy};
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        columns += ", " + it.key().toLatin1();
        values << storable(it.value());
        marks += ", ?" + QByteArray::number(values.size());
    }
    const QByteArray sql = "INSERT INTO " + QByteArray(table) + " (" + columns + ") VALUES (" + marks + ")";
    m_store.db().prepare(sql.constData()).bindAll(values).run();
    appendOutbox(entity, meta, QStringLiteral("create"), fields);
    AuditLog(m_store).append(QStringLiteral("create"), entity, meta.id, caseReference, auditDetail);
}

bool RecordWriter::update(const char* table, const QString& entity, RowMeta& meta, const QVariantMap& fields,
    const QString& caseReference)
{
    QByteArray columns;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        columns += (columns.isEmpty() ? "" : ", ") + it.key().toLatin1();
    Statement current = m_store.db().prepare(
        QByteArray("SELECT rev, " + columns + " FROM " + table + " WHERE id = ?1 AND deleted = 0")
            .constData());
    current.bind(1, meta.id);
    if (!current.next())
        throw StoreError(StoreError::Code::NotFound,
            QCoreApplication::translate("RecordWriter", "That %1 no longer exists.").arg(entity));
    meta.rev = current.integer(0);

    QVariantMap changed;
    int column = 1;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it, ++column) {
        if (storable(it.value()) != current.value(column))
            changed.insert(it.key(), it.value());
    }
    if (changed.isEmpty())
        return false;

    meta.updatedAt = m_store.now();
    meta.updatedBy = m_store.actor();
    QByteArray assignments = "updated_at = ?1, updated_by = ?2";
    QVariantList values {meta.updatedAt, meta.updatedBy};
    for (auto it = changed.cbegin(); it != changed.cend(); ++it) {
        values << storable(it.value());
        assignments += ", " + it.key().toLatin1() + " = ?" + QByteArray::number(values.size());
    }
    values << meta.id;
    const QByteArray sql = "UPDATE " + QByteArray(table) + " SET " + assignments + " WHERE id = ?"
        + QByteArray::number(values.size());
    m_store.db().prepare(sql.constData()).bindAll(values).run();
    appendOutbox(entity, meta, QStringLiteral("update"), changed);
    AuditLog(m_store).append(QStringLiteral("update"), entity, meta.id, caseReference,
        QStringList(changed.keys()).join(QStringLiteral(", ")));
    return true;
}

void RecordWriter::appendOutbox(
    const QString& entity, const RowMeta& meta, const QString& op, const QVariantMap& fields)
{
    QJsonObject payload;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        payload.insert(it.key(), QJsonValue::fromVariant(storable(it.value())));
    payload.insert(QStringLiteral("updated_at"), meta.updatedAt.toString(Qt::ISODateWithMs));
    payload.insert(QStringLiteral("updated_by"), meta.updatedBy);
    Statement st
        = m_store.db().prepare("INSERT INTO outbox (change_id, entity, row_id, base_rev, op, payload, "
                               "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bindAll({QUuid::createUuid().toString(QUuid::WithoutBraces), entity, meta.id, meta.rev, op,
                   QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)), m_store.now()})
        .run();
}
