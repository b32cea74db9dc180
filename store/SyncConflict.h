#pragma once

#include <QJsonValue>
#include <QString>

// A field changed on this laptop and on the server to different values. The record holds
// the server's value; the local one is kept here until a worker decides.
struct SyncConflict
{
    qint64 id = 0;
    QString entity;
    QString rowId;
    QString caseId; // empty when the row belongs to no case (an agency, a person on none)
    QString caseReference;
    QString field;
    QJsonValue localValue;
    QJsonValue serverValue;
    qint64 serverRev = 0;
    QString detectedAt;
};
