#pragma once

#include "Assessment.h"
#include "CaseAction.h"

#include <QDate>
#include <QList>
#include <QStringList>

// What PeriodReport needs to know about one case, filled in by the store. Dates are invalid
// when the event has not happened (a case never closed has no closedDate).
struct ReportCase
{
    QString reference;
    QString status;
    QDate referralDate;
    QDate closedDate;
    QDate declinedDate;
    QString referringAgency; // the agency's name, as shown in the report
    QStringList needs; // keys of Vocabulary::needs()
    QList<Assessment> assessments;
    QList<CaseAction> actions;
};
