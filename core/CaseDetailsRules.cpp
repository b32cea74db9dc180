#include "CaseDetailsRules.h"

namespace {
QString dateText(const QDate& date)
{
    return date.toString(Qt::ISODate);
}
} // namespace

bool CaseDetailsRules::consentDetailsRequired(const QString& consent)
{
    return consent == QLatin1String("given") || consent == QLatin1String("refused");
}

bool CaseDetailsRules::lawfulBasisRequired(const QString& consent)
{
    return consent != QLatin1String("given");
}

bool CaseDetailsRules::rationaleRequired(const QString& risk)
{
    return risk == QLatin1String("high");
}

QString CaseDetailsRules::referralDate(const CaseRecord& record, const QDate& today)
{
    if (!record.referralDate.isValid())
        return tr("The referral date is required.");
    if (record.referralDate > today)
        return tr("The referral date %1 is in the future.").arg(dateText(record.referralDate));
    return {};
}

QString CaseDetailsRules::consentDate(const CaseRecord& record, const QDate& today)
{
    if (!record.consentDate.isValid()) {
        return consentDetailsRequired(record.consent) ? tr("Give the date consent was given or refused.")
                                                      : QString();
    }
    if (record.consentDate > today)
        return tr("The consent date %1 is in the future.").arg(dateText(record.consentDate));
    return {};
}

QString CaseDetailsRules::consentRecordedBy(const CaseRecord& record)
{
    if (consentDetailsRequired(record.consent) && record.consentRecordedBy.trimmed().isEmpty())
        return tr("Give the name of who recorded the consent decision.");
    return {};
}

QString CaseDetailsRules::lawfulBasis(const CaseRecord& record)
{
    if (lawfulBasisRequired(record.consent) && record.lawfulBasis.trimmed().isEmpty())
        return tr("Without consent, give the lawful basis for sharing information.");
    return {};
}

QString CaseDetailsRules::riskRationale(const CaseRecord& record)
{
    if (rationaleRequired(record.risk) && record.riskRationale.trimmed().isEmpty())
        return tr("A high risk needs a rationale: say why the risk is high.");
    return {};
}

QString CaseDetailsRules::dateOfBirth(const Person& person, const QDate& referralDate, const QDate& today)
{
    if (!person.dateOfBirth.isValid())
        return {};
    if (person.dateOfBirth > today)
        return tr("The date of birth %1 is in the future.").arg(dateText(person.dateOfBirth));
    if (referralDate.isValid() && person.dateOfBirth >= referralDate)
        return tr("The date of birth %1 is not before the referral date %2.")
            .arg(dateText(person.dateOfBirth), dateText(referralDate));
    return {};
}

QStringList CaseDetailsRules::check(const CaseRecord& record, const Person* subject, const QDate& today)
{
    QStringList problems {subject ? dateOfBirth(*subject, record.referralDate, today) : QString(),
        referralDate(record, today), consentDate(record, today), consentRecordedBy(record),
        lawfulBasis(record), riskRationale(record)};
    problems.removeAll(QString());
    return problems;
}
