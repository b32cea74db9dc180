#pragma once

#include <QJsonObject>
#include <QString>

// One local write as the client pushes it: an outbox row (store/RecordWriter.cpp). fields
// holds the written columns with their stored JSON types (flags as 0/1, dates as text,
// null for an empty optional) plus updated_at and updated_by; EntitySchema says which.
struct Change
{
    QString changeId; // UUID: the idempotency key
    QString entity; // "case", "note", ... (EntitySchema)
    QString rowId; // UUID of the row
    qint64 baseRev = 0; // server rev the edit was based on; 0 for a create
    QString op; // "create" or "update"
    QJsonObject fields;

    friend bool operator==(const Change&, const Change&) = default;
};
