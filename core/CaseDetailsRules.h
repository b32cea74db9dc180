#pragma once

#include "CaseRecord.h"
#include "Person.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

// The rules that tie a case's details together, beyond single values (Validation): the
// consent record, the lawful basis for sharing without consent, the reason for a high
// risk, and dates that cannot be in the future. Each check returns an empty string when
// the record is acceptable, otherwise one plain sentence naming the field, so an editor can
// show it beside that field and the CLI or an import can list it.
class CaseDetailsRules
{
    Q_DECLARE_TR_FUNCTIONS(CaseDetailsRules)

public:
    // Given or refused is a decision someone recorded, so it needs a date and a name.
    static bool consentDetailsRequired(const QString& consent);
    // Anything but consent given means the team shares under another lawful basis (UK GDPR).
    static bool lawfulBasisRequired(const QString& consent);
    static bool rationaleRequired(const QString& risk);

    static QString referralDate(const CaseRecord& record, const QDate& today);
    static QString consentDate(const CaseRecord& record, const QDate& today);
    static QString consentRecordedBy(const CaseRecord& record);
    static QString lawfulBasis(const CaseRecord& record);
    static QString riskRationale(const CaseRecord& record);
    // Not in the future and, like an import, before the referral.
    static QString dateOfBirth(const Person& person, const QDate& referralDate, const QDate& today);

    // Every problem above, in reading order, for callers that list rather than place them.
    static QStringList check(const CaseRecord& record, const Person* subject, const QDate& today);
};
