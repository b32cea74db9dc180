#pragma once

#include <QJsonObject>
#include <QString>

// The server's answer for one pushed change, in the order pushed.
struct PushResult
{
    enum class Status {
        Applied, // accepted now; rev is the row's new rev
        Duplicate, // this change id was applied before; rev is what it got then
        Conflict, // base rev was not current; the server's row follows, nothing was written
        Rejected, // refused for a reason the client cannot fix by retrying as is
    };

    QString changeId;
    Status status = Status::Applied;
    qint64 rev = 0; // applied, duplicate, conflict
    // Conflict only: the server's current row.
    QString entity;
    QString rowId;
    bool deleted = false;
    QJsonObject fields;
    // Rejected only.
    QString reason; // lower_snake_case code, e.g. "forbidden"
    QString message;

    friend bool operator==(const PushResult&, const PushResult&) = default;
};
