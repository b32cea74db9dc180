#pragma once

#include "RowMeta.h"

#include <QDate>

// Something someone has agreed to do. status is a key of Vocabulary::actionStatuses().
struct CaseAction
{
    RowMeta meta;
    QString caseId;
    QString description;
    QString agencyId;
    QString owner;
    QDate dueDate;
    QString status = QStringLiteral("open");
    QDate completedDate;
    QString outcome;

    bool isOverdue(const QDate& today) const
    {
        return status == QLatin1String("open") && dueDate.isValid() && dueDate < today;
    }
};
