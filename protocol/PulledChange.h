#pragma once

#include <QJsonObject>
#include <QString>

// One row's state at server sequence seq. fields is the whole row (every column of the
// entity plus created_at/by and updated_at/by); a tombstone may carry no fields.
struct PulledChange
{
    qint64 seq = 0;
    QString entity;
    QString rowId;
    qint64 rev = 0;
    bool deleted = false;
    QJsonObject fields;

    friend bool operator==(const PulledChange&, const PulledChange&) = default;
};
