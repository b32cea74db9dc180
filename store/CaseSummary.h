#pragma once

#include <QDate>
#include <QString>

// One row of the case list: enough to scan and pick a case without opening it.
struct CaseSummary
{
    QString id;
    QString reference;
    QString subjectName;
    QString status;
    QString risk;
    QString leadWorker;
    QDate referralDate;
    QDate reviewDate;
    QString referringAgency;
    int openActions = 0;
    int overdueActions = 0;
};
