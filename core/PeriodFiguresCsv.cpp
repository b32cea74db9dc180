#include "PeriodFiguresCsv.h"

#include "CsvWriter.h"
#include "PeriodReport.h"

#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace {
// A reader's order: the period and headline counts first, then each breakdown.
const char* const sectionOrder[] = {"referrals_by_month", "referrals_by_source", "needs", "wellbeing", "pam",
    "service_use", "estimated_savings_gbp"};

QString valueText(const QJsonValue& value)
{
    if (value.isNull())
        return {}; // no one to measure: blank rather than a misleading 0
    if (value.isString())
        return value.toString();
    const double number = value.toDouble();
    return number == std::trunc(number) ? QString::number(qint64(number)) : QString::number(number, 'g', 15);
}

void addObject(
    QList<QStringList>& rows, const QString& section, const QString& prefix, const QJsonObject& object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it.value().isObject())
            addObject(rows, section, key, it.value().toObject());
        else
            rows << QStringList {section, key, valueText(it.value())};
    }
}
} // namespace

QList<QStringList> PeriodFiguresCsv::rows(const PeriodReport& report)
{
    QJsonObject json = report.toJson();
    QList<QStringList> rows {{QStringLiteral("section"), QStringLiteral("key"), QStringLiteral("value")}};
    for (const char* key : {"from", "to"})
        rows << QStringList {
            QStringLiteral("period"), QLatin1String(key), valueText(json.take(QLatin1String(key)))};
    QJsonObject sections;
    for (const char* key : sectionOrder)
        sections.insert(QLatin1String(key), json.take(QLatin1String(key)));
    // What is left are the headline counts (and any figure added since, not lost).
    addObject(rows, QStringLiteral("headline"), QString(), json);
    for (const char* key : sectionOrder) {
        const QJsonValue section = sections.value(QLatin1String(key));
        if (section.isObject())
            addObject(rows, QLatin1String(key), QString(), section.toObject());
    }
    return rows;
}

QString PeriodFiguresCsv::text(const PeriodReport& report)
{
    CsvWriter csv;
    for (const QStringList& row : rows(report))
        csv.addRecord(row);
    return csv.text();
}
