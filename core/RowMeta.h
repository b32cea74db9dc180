#pragma once

#include <QDateTime>
#include <QString>

// Bookkeeping every synced record carries (SYNC.md): identity, the server revision this
// copy is based on (0 = never synced), tombstone, and who touched it when.
struct RowMeta
{
    QString id; // UUID without braces
    qint64 rev = 0;
    bool deleted = false;
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    QString updatedBy;
};
