#include "PeriodPicker.h"

#include "AppSettings.h"
#include "FieldProblem.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

PeriodPicker::PeriodPicker(AppSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("Pe&riod:"), this);
    m_preset = new QComboBox(this);
    m_preset->setAccessibleName(tr("Period"));
    for (ReportPeriod::Preset choice : ReportPeriod::presets())
        m_preset->addItem(ReportPeriod::presetLabel(choice), int(choice));
    label->setBuddy(m_preset);
    const auto dateEdit = [this](const QString& accessibleName) {
        auto* edit = new QDateEdit(this);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("d MMM yyyy"));
        edit->setAccessibleName(accessibleName);
        connect(edit, &QDateEdit::dateChanged, this, &PeriodPicker::datesEdited);
        return edit;
    };
    m_from = dateEdit(tr("First day of the period"));
    m_to = dateEdit(tr("Last day of the period"));
    auto* fromLabel = new QLabel(tr("Fro&m"), this);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_to);
    for (QWidget* widget :
        std::initializer_list<QWidget*> {label, m_preset, fromLabel, m_from, toLabel, m_to})
        row->addWidget(widget);
    column->addLayout(row);
    m_problem = FieldProblem::label(tr("Problem with the period"), this);
    column->addWidget(m_problem);

    const std::optional<ReportPeriod::Preset> remembered
        = ReportPeriod::presetFromKey(m_settings.value(AppSettings::Key::DashboardPeriod).toString());
    m_preset->setCurrentIndex(
        m_preset->findData(int(remembered.value_or(ReportPeriod::Preset::ThisFinancialYear))));
    connect(m_preset, &QComboBox::currentIndexChanged, this, &PeriodPicker::presetChanged);
    presetChanged();
}

void PeriodPicker::setToday(const QDate& today)
{
    m_today = today;
    presetChanged();
}

void PeriodPicker::recalculate()
{
    presetChanged();
}

void PeriodPicker::choosePreset(ReportPeriod::Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

ReportPeriod::Preset PeriodPicker::preset() const
{
    return ReportPeriod::Preset(m_preset->currentData().toInt());
}

ReportPeriod PeriodPicker::period() const
{
    return {m_from->date(), m_to->date()};
}

QString PeriodPicker::problem() const
{
    return period().problem();
}

void PeriodPicker::presetChanged()
{
    m_settings.setValue(AppSettings::Key::DashboardPeriod, ReportPeriod::presetKey(preset()));
    const bool custom = preset() == ReportPeriod::Preset::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (!custom) {
        // The dates show what the preset means; one signal for the pair, not two.
        const ReportPeriod range = ReportPeriod::preset(preset(), m_today.value_or(QDate::currentDate()));
        const QSignalBlocker quietFrom(m_from);
        const QSignalBlocker quietTo(m_to);
        m_from->setDate(range.from());
        m_to->setDate(range.to());
    }
    datesEdited();
}

void PeriodPicker::datesEdited()
{
    const QString why = problem();
    FieldProblem::show(m_problem, why);
    if (why.isEmpty())
        emit periodChosen(period());
}
