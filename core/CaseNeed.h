#pragma once

#include "RowMeta.h"

// One need on a case. needKey is a key of Vocabulary::needs(); severity of
// Vocabulary::severities(); status of Vocabulary::needStatuses(). clutterRating is the
// Clutter Image Rating (1-9) for hoarding, 0 when not recorded.
struct CaseNeed
{
    RowMeta meta;
    QString caseId;
    QString needKey;
    QString severity = QStringLiteral("medium");
    QString status = QStringLiteral("open");
    int clutterRating = 0;
    QString notes;
};
