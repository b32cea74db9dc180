#pragma once

#include "RowMeta.h"

// An agency involved in a case, with that agency's contact for it.
struct CaseAgency
{
    RowMeta meta;
    QString caseId;
    QString agencyId;
    QString contact;
};
