#pragma once

#include <QDate>
#include <QString>

#include <optional>

// What the case list is narrowed to. Empty strings mean "any".
struct CaseFilter
{
    QString status;
    QString leadWorker;
    QString needKey;
    QString agencyId; // referred by or involving this agency
    QString risk;
    bool overdueOnly = false;
    QString search; // full-text: names, reasons, notes
    QDate today; // for "overdue"; today's date when invalid
    // Referral date in [referredFrom, referredTo]; an invalid date leaves that end open.
    QDate referredFrom;
    QDate referredTo;
    // Referred by the agency of this name (an empty name: no referring agency recorded).
    // By name, not id, because the period report counts referrals by the agency's name: a
    // dashboard bar then lists exactly the cases it counted.
    std::optional<QString> referringAgencyName;
    int limit = 500;
    int offset = 0;
};
