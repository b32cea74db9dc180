#pragma once

#include "RowMeta.h"

#include <QDate>
#include <array>

// An outcome measure taken at a stage of the case. kind is "ons4", "pam" or "service-use";
// stage is a key of Vocabulary::assessmentStages(). Only the fields of the kind are used.
struct Assessment
{
    RowMeta meta;
    QString caseId;
    QString kind;
    QString stage;
    QDate assessedOn;
    std::array<int, 4> ons4 {{-1, -1, -1, -1}}; // life satisfaction, worthwhile, happy, anxious
    double pamScore = -1;
    int gpAppointments = -1;
    int aeAttendances = -1;
    int periodMonths = 0;
};
