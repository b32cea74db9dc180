#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// A date range a lead reports on (both ends included), and the usual ones worked out from
// today. Councils report by financial year, 1 April to 31 March; its quarters (April-June
// first) are the calendar quarters. A period still running stops at today, so its figures
// are "to date" and never count days that have not happened.
class ReportPeriod
{
    Q_DECLARE_TR_FUNCTIONS(ReportPeriod)

public:
    enum class Preset { ThisMonth, ThisQuarter, ThisFinancialYear, LastFinancialYear, Custom };

    ReportPeriod() = default;
    ReportPeriod(const QDate& from, const QDate& to);

    // The preset's range on `today`; Custom has none (an invalid period).
    static ReportPeriod preset(Preset preset, const QDate& today);
    static QList<Preset> presets();
    static QString presetKey(Preset preset); // stable, for settings: "this-month", ...
    static std::optional<Preset> presetFromKey(const QString& key);
    static QString presetLabel(Preset preset); // translated
    static QDate financialYearStart(const QDate& day); // the 1 April on or before day

    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    bool isValid() const { return m_from.isValid() && m_to.isValid() && m_from <= m_to; }
    // Why a custom period cannot be used, in plain words; empty when it can.
    QString problem() const;
    // Each calendar month the period touches, cut to the period at both ends.
    QList<ReportPeriod> months() const;
    // "1 Apr 2025 to 31 Mar 2026" in the locale's short date form.
    QString label() const;
    bool operator==(const ReportPeriod& other) const = default;

private:
    QDate m_from;
    QDate m_to;
};
