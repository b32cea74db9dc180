#pragma once

#include "core/Agency.h"
#include "core/Assessment.h"
#include "core/AuditEntry.h"
#include "core/CaseAction.h"
#include "core/CaseNeed.h"
#include "core/CaseNote.h"
#include "core/CaseRecord.h"
#include "core/Person.h"
#include "store/CaseSummary.h"

#include <QJsonArray>
#include <QJsonObject>

// The CLI's JSON shapes for records: snake_case keys, ISO dates, null for missing values.
class RecordJson
{
public:
    static QJsonObject caseRecord(const CaseRecord& c, const QString& referringAgencyName);
    static QJsonObject summary(const CaseSummary& s, const QDate& today);
    static QJsonArray summaries(const QList<CaseSummary>& list, const QDate& today);
    static QJsonObject person(const Person& p, const QString& role);
    static QJsonObject need(const CaseNeed& n);
    static QJsonObject action(const CaseAction& a, const QString& agencyName, const QDate& today);
    static QJsonObject note(const CaseNote& n, const QString& agencyName);
    static QJsonObject assessment(const Assessment& a);
    static QJsonObject audit(const AuditEntry& e);
    static QJsonValue date(const QDate& d);
};
