#include "SettingsDialog.h"

#include "AppSettings.h"
#include "store/Store.h"
#include "store/StoreError.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace {
// Thrown inside Store::write to roll back every team setting when one is refused.
struct Refused
{
};

QLabel* problemLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setVisible(false);
    return label;
}
} // namespace

SettingsDialog::SettingsDialog(AppSettings& settings, Store* store, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_store(store)
{
    setWindowTitle(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildLaptopPage());
    if (m_store)
        layout->addWidget(buildTeamPage());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    m_autoLockMinutes->setFocus();
}

QWidget* SettingsDialog::buildLaptopPage()
{
    auto* group = new QGroupBox(tr("On this laptop"), this);
    auto* form = new QFormLayout(group);

    m_autoLockMinutes = new QSpinBox(group);
    m_autoLockMinutes->setObjectName(QStringLiteral("autoLockMinutes"));
    m_autoLockMinutes->setRange(1, 240);
    m_autoLockMinutes->setSuffix(tr(" minutes"));
    m_autoLockMinutes->setValue(m_settings.value(AppSettings::Key::AutoLockMinutes).toInt());
    m_autoLockMinutes->setAccessibleName(tr("Lock after minutes without input"));
    auto* autoLockLabel = new QLabel(tr("&Lock after no input for:"), group);
    autoLockLabel->setBuddy(m_autoLockMinutes);
    form->addRow(autoLockLabel, m_autoLockMinutes);

    auto* syncNote = new QLabel(
        tr("Sync is not available yet. These settings are kept for when it is; nothing is sent."), group);
    syncNote->setWordWrap(true);
    form->addRow(syncNote);

    m_syncServerUrl = new QLineEdit(group);
    m_syncServerUrl->setObjectName(QStringLiteral("syncServerUrl"));
    m_syncServerUrl->setText(m_settings.value(AppSettings::Key::SyncServerUrl).toString());
    m_syncServerUrl->setPlaceholderText(tr("https://casebook.example.gov.uk"));
    m_syncServerUrl->setAccessibleName(tr("Sync server address"));
    auto* urlLabel = new QLabel(tr("Sync &server:"), group);
    urlLabel->setBuddy(m_syncServerUrl);
    form->addRow(urlLabel, m_syncServerUrl);

    m_syncIntervalMinutes = new QSpinBox(group);
    m_syncIntervalMinutes->setObjectName(QStringLiteral("syncIntervalMinutes"));
    m_syncIntervalMinutes->setRange(1, 1440);
    m_syncIntervalMinutes->setSuffix(tr(" minutes"));
    m_syncIntervalMinutes->setValue(m_settings.value(AppSettings::Key::SyncIntervalMinutes).toInt());
    m_syncIntervalMinutes->setAccessibleName(tr("Sync every so many minutes"));
    auto* intervalLabel = new QLabel(tr("Sync &every:"), group);
    intervalLabel->setBuddy(m_syncIntervalMinutes);
    form->addRow(intervalLabel, m_syncIntervalMinutes);
    return group;
}

QWidget* SettingsDialog::buildTeamPage()
{
    auto* group = new QGroupBox(tr("For the whole team (kept in the store)"), this);
    auto* form = new QFormLayout(group);
    StoreSettings storeSettings(*m_store);

    struct Row
    {
        StoreSettings::Key key;
        QString label;
        QString accessibleName;
        QString subject; // how a refusal names the value
        const char* objectName;
    };
    const Row rows[] = {
        {StoreSettings::Key::GpAppointmentCost, tr("&GP appointment cost (£):"),
            tr("GP appointment cost in pounds"), tr("The GP appointment cost"), "gpAppointmentCost"},
        {StoreSettings::Key::AeAttendanceCost, tr("&A&&E attendance cost (£):"),
            tr("A and E attendance cost in pounds"), tr("The A&E attendance cost"), "aeAttendanceCost"},
        {StoreSettings::Key::FlatRatePerIntervention, tr("&Flat rate per intervention (£):"),
            tr("Flat rate per intervention in pounds"), tr("The flat rate per intervention"),
            "flatRatePerIntervention"},
        {StoreSettings::Key::RetentionYears, tr("&Keep closed cases for (years):"),
            tr("Years to keep closed cases"), tr("The number of years to keep closed cases"),
            "retentionYears"},
    };
    for (const Row& row : rows) {
        TeamField field;
        field.subject = row.subject;
        field.edit = new QLineEdit(group);
        field.edit->setObjectName(QLatin1String(row.objectName));
        field.edit->setAccessibleName(row.accessibleName);
        try {
            field.edit->setText(storeSettings.value(row.key));
        } catch (const StoreError& error) {
            field.edit->setEnabled(false);
            field.edit->setToolTip(error.message());
        }
        field.problem = problemLabel(group);
        field.problem->setObjectName(QLatin1String(row.objectName) + QStringLiteral("Problem"));
        auto* label = new QLabel(row.label, group);
        label->setBuddy(field.edit);
        auto* cell = new QVBoxLayout;
        cell->setContentsMargins(0, 0, 0, 0);
        cell->addWidget(field.edit);
        cell->addWidget(field.problem);
        form->addRow(label, cell);
        m_teamFields.insert(row.key, field);
    }
    return group;
}

bool SettingsDialog::saveTeamSettings()
{
    if (!m_store)
        return true;
    QWidget* firstProblem = nullptr;
    try {
        m_store->write([&] {
            StoreSettings storeSettings(*m_store);
            for (auto it = m_teamFields.cbegin(); it != m_teamFields.cend(); ++it) {
                const TeamField& field = it.value();
                if (!field.edit->isEnabled())
                    continue;
                QString problem = storeSettings.set(it.key(), field.edit->text());
                // StoreSettings names the value by its key ("unit_cost.gp_appointment"), which
                // is right for the CLI; here the worker sees the label's words instead.
                problem.replace(StoreSettings::name(it.key()), field.subject);
                field.problem->setText(problem);
                field.problem->setVisible(!problem.isEmpty());
                field.edit->setAccessibleDescription(problem);
                if (!problem.isEmpty() && !firstProblem)
                    firstProblem = field.edit;
            }
            if (firstProblem)
                throw Refused();
        });
    } catch (const Refused&) {
        firstProblem->setFocus();
        growToFit();
        return false;
    } catch (const StoreError& error) {
        // Not a value problem (the store itself failed): say so under the first field.
        TeamField field = m_teamFields.first();
        field.problem->setText(error.message());
        field.problem->setVisible(true);
        field.edit->setFocus();
        growToFit();
        return false;
    }
    return true;
}

void SettingsDialog::growToFit()
{
    // A shown message makes the form taller; a top-level window does not grow by itself
    // when its contents wrap (height-for-width), so ask for the height the layout needs.
    layout()->activate();
    resize(width(), std::max({height(), heightForWidth(width()), sizeHint().height()}));
}

void SettingsDialog::accept()
{
    if (!saveTeamSettings())
        return;
    m_settings.setValue(AppSettings::Key::AutoLockMinutes, m_autoLockMinutes->value());
    m_settings.setValue(AppSettings::Key::SyncServerUrl, m_syncServerUrl->text().trimmed());
    m_settings.setValue(AppSettings::Key::SyncIntervalMinutes, m_syncIntervalMinutes->value());
    QDialog::accept();
}
