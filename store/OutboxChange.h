#pragma once

#include <QJsonObject>
#include <QString>

// One queued local change as the sync engine reads it from the outbox.
struct OutboxChange
{
    qint64 seq = 0; // the outbox's own order
    QString changeId;
    QString entity;
    QString rowId;
    qint64 baseRev = 0;
    QString op;
    QJsonObject fields; // the payload: changed columns plus updated_at/updated_by
    QString createdAt;
};
