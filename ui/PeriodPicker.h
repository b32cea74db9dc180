#pragma once

#include "core/ReportPeriod.h"

#include <QDate>
#include <QWidget>

#include <optional>

class AppSettings;
class QComboBox;
class QDateEdit;
class QLabel;

// Chooses the dashboard's period: this month, this quarter, this financial year, last
// financial year (April to March) or two dates. The preset is remembered in AppSettings.
// A custom period whose start is after its end is explained under the dates and not used
// (periodChosen is not emitted) until it is put right.
class PeriodPicker : public QWidget
{
    Q_OBJECT

public:
    explicit PeriodPicker(AppSettings& settings, QWidget* parent = nullptr);

    // The clock: presets are worked out from this day (today's date unless a test sets one).
    void setToday(const QDate& today);
    // Works the preset out again (the app may have been open since yesterday); emits
    // periodChosen, which the dashboard ignores when the period is the same.
    void recalculate();
    void choosePreset(ReportPeriod::Preset preset);
    ReportPeriod::Preset preset() const;
    ReportPeriod period() const; // may be invalid while custom dates are wrong
    QString problem() const; // shown under the dates; empty when the period is usable

    QComboBox* presetBox() const { return m_preset; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }

signals:
    void periodChosen(const ReportPeriod& period);

private:
    void presetChanged();
    void datesEdited();

    AppSettings& m_settings;
    std::optional<QDate> m_today; // set by tests; otherwise the current date
    QComboBox* m_preset = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLabel* m_problem = nullptr;
};
