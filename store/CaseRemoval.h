#pragma once

#include <QString>

// A case taken off this laptop because the server no longer shares it.
struct CaseRemoval
{
    qint64 id = 0;
    QString caseId;
    QString caseReference;
    QString reason;
    QString removedAt;
};
