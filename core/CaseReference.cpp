#include "CaseReference.h"

#include <QRegularExpression>

#include <algorithm>

QString CaseReference::format(int year, int number)
{
    return QStringLiteral("PVT-%1-%2")
        .arg(year, 4, 10, QLatin1Char('0'))
        .arg(number, 4, 10, QLatin1Char('0'));
}

bool CaseReference::parse(const QString& ref, int* year, int* number)
{
    // Nine digits at most keeps the number inside an int.
    static const QRegularExpression pattern(QStringLiteral("^PVT-([0-9]{4})-([0-9]{4,9})$"));
    const QRegularExpressionMatch m = pattern.match(ref);
    if (!m.hasMatch())
        return false;
    const int y = m.captured(1).toInt();
    const int n = m.captured(2).toInt();
    // Only the canonical spelling counts, so PVT-2025-00042 is not a second name for 0042.
    if (n < 1 || format(y, n) != ref)
        return false;
    if (year)
        *year = y;
    if (number)
        *number = n;
    return true;
}

QString CaseReference::next(int year, const QStringList& existingReferences)
{
    int highest = 0;
    for (const QString& ref : existingReferences) {
        int y = 0;
        int n = 0;
        if (parse(ref, &y, &n) && y == year)
            highest = std::max(highest, n);
    }
    return format(year, highest + 1);
}
