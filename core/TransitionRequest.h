#pragma once

#include <QDate>
#include <QString>

// A worker's request to move a case to another status. reason is the closure reason key
// when closing, and free text when declining or reopening.
struct TransitionRequest
{
    QString to;
    QDate date;
    QString reason;
    bool closingAssessmentOffered = false;
};
