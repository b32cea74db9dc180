#pragma once

#include "CaseRecord.h"
#include "Person.h"

#include <QStringList>

// One valid referral read from an import file. The store resolves referringAgencyName to an
// agency and turns needs (keys of Vocabulary::needs()) into CaseNeed rows.
struct ReferralRow
{
    int line = 0;
    CaseRecord caseRecord;
    Person subject;
    QString referringAgencyName;
    QStringList needs;
};
