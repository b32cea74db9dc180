#pragma once

#include <QDateTime>
#include <QString>

// One line of the append-only audit log. action is a key of Vocabulary::auditActions().
struct AuditEntry
{
    qint64 sequence = 0;
    QDateTime at;
    QString actor;
    QString action;
    QString entity;
    QString entityId;
    QString caseReference;
    QString detail;
};
