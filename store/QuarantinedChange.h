#pragma once

#include <QString>

// A local change the server refused (or kept refusing), parked so the rest can sync. It
// stays in the outbox with the server's reason until a worker releases it.
struct QuarantinedChange
{
    qint64 seq = 0;
    QString changeId;
    QString entity;
    QString rowId;
    QString op;
    QString caseReference;
    QString reason; // the server's lower_snake_case code
    QString message; // the server's sentence, if any
    int attempts = 0;
    QString createdAt;
};
