#include "Validation.h"

#include <QRegularExpression>

QString Validation::orDefault(const QString& field, const char* fallback)
{
    return field.isEmpty() ? tr(fallback) : field;
}

QString Validation::normaliseNhsNumber(const QString& value)
{
    QString result;
    for (const QChar c : value) {
        if (!c.isSpace() && c != QLatin1Char('-'))
            result.append(c);
    }
    return result;
}

// Returns the expected check digit for the first nine digits, or 10 when no valid number
// can start with them (NHS modulus 11 rule).
int Validation::nhsCheckDigit(const QString& digits)
{
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += digits.at(i).digitValue() * (10 - i);
    const int check = 11 - (sum % 11);
    return check == 11 ? 0 : check;
}

QString Validation::nhsNumber(const QString& value, const QString& field)
{
    const QString name = orDefault(field, QT_TR_NOOP("NHS number"));
    const QString digits = normaliseNhsNumber(value);
    static const QRegularExpression tenDigits(QStringLiteral("^[0-9]{10}$"));
    if (digits.isEmpty())
        return tr("%1 is blank; it must be 10 digits").arg(name);
    if (!tenDigits.match(digits).hasMatch())
        return tr("%1 \"%2\" must be 10 digits").arg(name, value);
    const int check = nhsCheckDigit(digits);
    if (check == 10 || check != digits.at(9).digitValue())
        return tr("%1 \"%2\" fails the NHS number check digit").arg(name, value);
    return QString();
}

QString Validation::normalisePostcode(const QString& value)
{
    QString compact;
    for (const QChar c : value) {
        if (!c.isSpace())
            compact.append(c.toUpper());
    }
    // The inward code is always the last three characters, so the space goes before them.
    if (compact.size() >= 5)
        compact.insert(compact.size() - 3, QLatin1Char(' '));
    return compact;
}

QString Validation::postcode(const QString& value, const QString& field)
{
    const QString name = orDefault(field, QT_TR_NOOP("postcode"));
    if (value.trimmed().isEmpty())
        return tr("%1 is blank").arg(name);
    // Outward codes A9, A99, AA9, AA99, A9A, AA9A; inward code 9AA; and the odd GIR 0AA.
    static const QRegularExpression pattern(
        QStringLiteral("^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$"));
    if (!pattern.match(normalisePostcode(value)).hasMatch())
        return tr("%1 \"%2\" is not a UK postcode (for example PR7 1DP)").arg(name, value);
    return QString();
}

QDate Validation::parseDate(const QString& value)
{
    static const QRegularExpression iso(QStringLiteral("^([0-9]{4})-([0-9]{2})-([0-9]{2})$"));
    const QRegularExpressionMatch m = iso.match(value);
    if (!m.hasMatch())
        return QDate();
    // QDate rejects 2025-02-29 and 2025-13-01 by being invalid.
    return QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
}

QString Validation::date(const QString& value, const QString& field, const QDate& today, bool allowFuture)
{
    if (value.trimmed().isEmpty())
        return tr("%1 is blank; enter a date as yyyy-mm-dd").arg(field);
    const QDate parsed = parseDate(value);
    if (!parsed.isValid())
        return tr("%1 \"%2\" is not a real date in the form yyyy-mm-dd (for example 2025-03-31)")
            .arg(field, value);
    if (!allowFuture && parsed > today)
        return tr("%1 %2 is in the future (today is %3)").arg(field, value, today.toString(Qt::ISODate));
    return QString();
}

QString Validation::ons4Score(int value, const QString& field)
{
    if (value < 0 || value > 10)
        return tr("%1 %2 is outside 0 to 10").arg(orDefault(field, QT_TR_NOOP("ONS4 score"))).arg(value);
    return QString();
}

QString Validation::pamScore(double value, const QString& field)
{
    // NaN fails both comparisons, so test for the range rather than against it.
    if (!(value >= 0 && value <= 100))
        return tr("%1 %2 is outside 0 to 100")
            .arg(orDefault(field, QT_TR_NOOP("PAM score")), QString::number(value));
    return QString();
}

QString Validation::email(const QString& value, const QString& field)
{
    if (value.isEmpty())
        return QString();
    // A sanity check against typing slips, not RFC 5322: one @, a dotted domain, no spaces.
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"));
    if (!pattern.match(value).hasMatch())
        return tr("%1 \"%2\" does not look like an email address")
            .arg(orDefault(field, QT_TR_NOOP("email")), value);
    return QString();
}

QString Validation::requiredText(const QString& value, const QString& field, int maxLength)
{
    if (value.trimmed().isEmpty())
        return tr("%1 is blank; it is required").arg(field);
    return optionalText(value, field, maxLength);
}

QString Validation::optionalText(const QString& value, const QString& field, int maxLength)
{
    if (value.size() > maxLength)
        return tr("%1 is %2 characters long; the limit is %3").arg(field).arg(value.size()).arg(maxLength);
    return QString();
}
