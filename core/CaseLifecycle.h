#pragma once

#include "CaseRecord.h"
#include "TransitionRequest.h"

#include <QCoreApplication>
#include <QStringList>

// The case lifecycle: referred -> accepted -> open -> closed, referred -> declined, and a
// closed case can be reopened. Statuses are keys of Vocabulary::caseStatuses().
class CaseLifecycle
{
    Q_DECLARE_TR_FUNCTIONS(CaseLifecycle)

public:
    static bool isAllowed(const QString& from, const QString& to);
    static QStringList nextStatuses(const QString& from);
    // The first problem with the request in plain words, or empty when it may go ahead.
    static QString check(const CaseRecord& current, const TransitionRequest& request, const QDate& today);
    // Applies a request that check() accepted.
    static void apply(CaseRecord& record, const TransitionRequest& request);

private:
    static QString checkAllowed(const QString& from, const QString& to);
    static QString checkDate(const CaseRecord& current, const QDate& date, const QDate& today);
    static QString checkReason(const QString& from, const TransitionRequest& request);
};
