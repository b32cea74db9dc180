#pragma once

#include <QDate>
#include <QString>

// What the case list is narrowed to. Empty strings mean "any".
struct CaseFilter
{
    QString status;
    QString leadWorker;
    QString needKey;
    QString agencyId;
    QString risk;
    bool overdueOnly = false;
    QString search; // full-text: names, reasons, notes
    QDate today; // for "overdue"; today's date when invalid
    int limit = 500;
    int offset = 0;
};
