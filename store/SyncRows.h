#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

class Store;

// Generic access to a synced row for the sync code, by entity name. Tables and columns come
// only from protocol/EntitySchema, never from pulled data: a field the schema does not
// name is ignored. Values travel as JSON values, exactly as the outbox and the wire hold them.
class SyncRows
{
public:
    struct Row
    {
        bool exists = false;
        qint64 rev = 0;
        bool deleted = false;
        QJsonObject fields; // the entity's columns plus created_at/by and updated_at/by
    };

    explicit SyncRows(Store& store);

    static QStringList fieldNames(const QString& entity);
    Row read(const QString& entity, const QString& rowId);
    // A row as the server sent it (fields it leaves out take the column default).
    void insertFromServer(
        const QString& entity, const QString& rowId, qint64 rev, bool deleted, const QJsonObject& fields);
    // Writes the given fields (schema columns and stamps only), the rev and the tombstone.
    void writeFields(
        const QString& entity, const QString& rowId, qint64 rev, bool deleted, const QJsonObject& fields);
    // Raises the row's rev (never lowers it: a newer version may already be here).
    void raiseRev(const QString& entity, const QString& rowId, qint64 rev);

    // The merge base: the last version of the row the server had, as far as this laptop knows.
    bool base(const QString& entity, const QString& rowId, qint64* rev, QJsonObject* fields);
    void setBase(const QString& entity, const QString& rowId, qint64 rev, const QJsonObject& fields);
    // Each column's default as a JSON value (what the server stores for a field a create omits).
    QJsonObject columnDefaults(const QString& entity);

    // The case a row belongs to: the case itself, the row's case_id, or for a person the
    // first case that names them. Empty when none.
    QString caseIdOf(const QString& entity, const QString& rowId);
    QString caseReference(const QString& caseId);

private:
    static QByteArray tableOf(const QString& entity);
    Store& m_store;
};
