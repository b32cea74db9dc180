#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QString>

// Checks for single values typed by a worker or read from an import. Each check returns an
// empty string when the value is acceptable, otherwise one plain-English line naming the
// field and the value. The optional field argument lets a caller name the field its own way
// (an import names its column, "nhs_number"); when empty a readable default is used.
class Validation
{
    Q_DECLARE_TR_FUNCTIONS(Validation)

public:
    // 10 digits, spaces or dashes allowed anywhere, with a valid modulus 11 check digit.
    static QString nhsNumber(const QString& value, const QString& field = QString());
    static QString normaliseNhsNumber(const QString& value);

    // A UK postcode in any case, with or without the space before the inward code.
    static QString postcode(const QString& value, const QString& field = QString());
    static QString normalisePostcode(const QString& value);

    // An ISO yyyy-MM-dd calendar date, not after today unless allowFuture.
    static QString date(
        const QString& value, const QString& field, const QDate& today, bool allowFuture = false);
    static QDate parseDate(const QString& value);

    static QString ons4Score(int value, const QString& field = QString());
    static QString pamScore(double value, const QString& field = QString());

    // Empty is allowed: most people we work with have no email address.
    static QString email(const QString& value, const QString& field = QString());
    static QString requiredText(const QString& value, const QString& field, int maxLength);
    // Empty is allowed; the cap protects the store from pasted documents.
    static QString optionalText(const QString& value, const QString& field, int maxLength);

private:
    static int nhsCheckDigit(const QString& digits);
    static QString orDefault(const QString& field, const char* fallback);
};
