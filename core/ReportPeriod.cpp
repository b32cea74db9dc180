#include "ReportPeriod.h"

#include <QLocale>

#include <algorithm>

ReportPeriod::ReportPeriod(const QDate& from, const QDate& to)
    : m_from(from)
    , m_to(to)
{ }

QDate ReportPeriod::financialYearStart(const QDate& day)
{
    return QDate(day.month() >= 4 ? day.year() : day.year() - 1, 4, 1);
}

ReportPeriod ReportPeriod::preset(Preset preset, const QDate& today)
{
    switch (preset) {
    case Preset::ThisMonth:
        return {QDate(today.year(), today.month(), 1), today};
    case Preset::ThisQuarter:
        return {QDate(today.year(), (today.month() - 1) / 3 * 3 + 1, 1), today};
    case Preset::ThisFinancialYear:
        return {financialYearStart(today), today};
    case Preset::LastFinancialYear: {
        const QDate start = financialYearStart(today).addYears(-1);
        return {start, start.addYears(1).addDays(-1)};
    }
    case Preset::Custom:
        break;
    }
    return {};
}

QList<ReportPeriod::Preset> ReportPeriod::presets()
{
    return {Preset::ThisMonth, Preset::ThisQuarter, Preset::ThisFinancialYear, Preset::LastFinancialYear,
        Preset::Custom};
}

QString ReportPeriod::presetKey(Preset preset)
{
    switch (preset) {
    case Preset::ThisMonth:
        return QStringLiteral("this-month");
    case Preset::ThisQuarter:
        return QStringLiteral("this-quarter");
    case Preset::ThisFinancialYear:
        return QStringLiteral("this-financial-year");
    case Preset::LastFinancialYear:
        return QStringLiteral("last-financial-year");
    case Preset::Custom:
        break;
    }
    return QStringLiteral("custom");
}

std::optional<ReportPeriod::Preset> ReportPeriod::presetFromKey(const QString& key)
{
    const QList<Preset> all = presets();
    const auto found
        = std::find_if(all.cbegin(), all.cend(), [&key](Preset preset) { return presetKey(preset) == key; });
    return found == all.cend() ? std::nullopt : std::optional(*found);
}

QString ReportPeriod::presetLabel(Preset preset)
{
    switch (preset) {
    case Preset::ThisMonth:
        return tr("This month");
    case Preset::ThisQuarter:
        return tr("This quarter");
    case Preset::ThisFinancialYear:
        return tr("This financial year");
    case Preset::LastFinancialYear:
        return tr("Last financial year");
    case Preset::Custom:
        break;
    }
    return tr("Custom dates");
}

QString ReportPeriod::problem() const
{
    if (!m_from.isValid() || !m_to.isValid())
        return tr("Choose both the first and the last day of the period.");
    if (m_from > m_to)
        return tr("The period starts on %1, after its last day, %2. Choose a start on or before the end.")
            .arg(QLocale().toString(m_from, QLocale::ShortFormat),
                QLocale().toString(m_to, QLocale::ShortFormat));
    return {};
}

QList<ReportPeriod> ReportPeriod::months() const
{
    QList<ReportPeriod> months;
    if (!isValid())
        return months;
    for (QDate first(m_from.year(), m_from.month(), 1); first <= m_to; first = first.addMonths(1))
        months << ReportPeriod(std::max(first, m_from), std::min(first.addMonths(1).addDays(-1), m_to));
    return months;
}

QString ReportPeriod::label() const
{
    const QString format = QStringLiteral("d MMM yyyy");
    return tr("%1 to %2").arg(QLocale().toString(m_from, format), QLocale().toString(m_to, format));
}
