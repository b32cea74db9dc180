#pragma once

#include "core/RowMeta.h"

#include <QVariantMap>

class Store;

// The one path by which a synced record reaches the store: the row, its outbox entry
// (SYNC.md) and its audit entry are written together inside the caller's transaction.
// Table and column names come from repository code, never from user input.
class RecordWriter
{
public:
    explicit RecordWriter(Store& store);

    // Assigns id (when empty) and the created/updated stamps, then inserts.
    void insert(const char* table, const QString& entity, RowMeta& meta, const QVariantMap& fields,
        const QString& caseReference, const QString& auditDetail = QString());
    // Writes the fields that differ from the stored row. Returns false (and writes
    // nothing) when nothing changed. Throws StoreError::Code::NotFound for a missing row.
    bool update(const char* table, const QString& entity, RowMeta& meta, const QVariantMap& fields,
        const QString& caseReference);

    // The value as SQLite holds it: dates as ISO text, booleans as 0/1, invalid as null.
    static QVariant storable(const QVariant& value);

    // Queues a change for the server (SYNC.md); insert() and update() call this themselves.
    void appendOutbox(
        const QString& entity, const RowMeta& meta, const QString& op, const QVariantMap& fields);

private:
    Store& m_store;
};
