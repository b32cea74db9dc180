#pragma once

#include "RowMeta.h"

// Links a person to a case. role is a key of Vocabulary::casePersonRoles().
struct CasePerson
{
    RowMeta meta;
    QString caseId;
    QString personId;
    QString role = QStringLiteral("subject");
};
