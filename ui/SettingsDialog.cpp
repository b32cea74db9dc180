#include "SettingsDialog.h"

#include "AppSettings.h"
#include "ChoiceDelegate.h"
#include "FieldProblem.h"
#include "models/ReferenceNormsModel.h"
#include "store/NormRepository.h"
#include "store/Store.h"
#include "store/StoreError.h"
#include "store/SyncAccount.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableView>
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
    // An explicit minimum replaces the layout's own, so it must include what the layout
    // needs (the norms table's columns); a window's first size is otherwise capped at two
    // thirds of the screen, which cuts the table short on a small one.
    setMinimumWidth(std::max(fontMetrics().averageCharWidth() * 80, layout->minimumSize().width()));
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

    // The server and the sign-in live in the encrypted store (SyncAccount), not in QSettings.
    m_syncAccount = new QLabel(group);
    m_syncAccount->setObjectName(QStringLiteral("syncAccount"));
    m_syncAccount->setWordWrap(true);
    m_syncAccount->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syncAccount->setAccessibleName(tr("Sync server and sign-in"));
    m_syncAccount->setText(syncAccountText());
    auto* accountLabel = new QLabel(tr("Sync server:"), group);
    form->addRow(accountLabel, m_syncAccount);
    m_signIn = new QPushButton(tr("Sign &in to the sync server..."), group);
    m_signIn->setAccessibleName(tr("Sign in to the sync server"));
    m_signIn->setEnabled(m_store != nullptr);
    connect(m_signIn, &QPushButton::clicked, this, &SettingsDialog::signInRequested);
    form->addRow(QString(), m_signIn);

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
    buildNormsSection(group, form);
    return group;
}

void SettingsDialog::buildNormsSection(QWidget* group, QFormLayout* form)
{
    using Norms = ReferenceNormsModel;
    m_norms = new ReferenceNormsModel(this);
    m_normsView = new QTableView(group);
    m_normsView->setObjectName(QStringLiteral("referenceNorms"));
    m_normsView->setModel(m_norms);
    m_normsView->setItemDelegate(
        new ChoiceDelegate(Norms::ChoiceValuesRole, Norms::ChoiceLabelsRole, m_normsView));
    m_normsView->setAccessibleName(tr("Reference norms"));
    m_normsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_normsView->setTabKeyNavigation(false); // Tab moves on to the buttons; arrows move between cells
    m_normsView->setWordWrap(false);
    m_normsView->verticalHeader()->hide();
    QHeaderView* header = m_normsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(Norms::Label, QHeaderView::Stretch);
    // The four national rows and two more before it scrolls: enough to see what is there
    // while the whole dialog still fits a 768-pixel laptop screen with a problem shown.
    m_normsView->setMinimumHeight(header->sizeHint().height()
        + m_normsView->verticalHeader()->defaultSectionSize() * 6 + 2 * m_normsView->frameWidth());

    auto* label = new QLabel(tr("&Reference norms: the ONS4 averages that outcome scores are shown against. "
                                "Change a value or label, or add a regional or local norm."),
        group);
    label->setWordWrap(true);
    label->setBuddy(m_normsView);
    form->addRow(label);
    form->addRow(m_normsView);
    m_normsProblem = FieldProblem::addRow(form, tr("Problems with the reference norms"), true);
    m_normsProblem->setObjectName(QStringLiteral("referenceNormsProblem"));

    m_addNorm = new QPushButton(tr("Add &norm"), group);
    m_addNorm->setObjectName(QStringLiteral("addNorm"));
    m_addNorm->setAccessibleName(tr("Add norm"));
    m_addNorm->setToolTip(tr("Add a regional or local norm; it is saved with OK"));
    m_removeNorm = new QPushButton(tr("Re&move unsaved norm"), group);
    m_removeNorm->setObjectName(QStringLiteral("removeNorm"));
    m_removeNorm->setAccessibleName(tr("Remove unsaved norm"));
    m_removeNorm->setToolTip(tr("Take out a norm added since this dialog opened; saved norms stay"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addNorm);
    buttons->addWidget(m_removeNorm);
    buttons->addStretch();
    form->addRow(buttons);

    connect(m_addNorm, &QPushButton::clicked, this, &SettingsDialog::addNorm);
    connect(m_removeNorm, &QPushButton::clicked, this, &SettingsDialog::removeNorm);
    connect(m_normsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &SettingsDialog::updateNormButtons);
    connect(m_norms, &QAbstractItemModel::rowsRemoved, this, &SettingsDialog::updateNormButtons);
    // Once problems are on screen, keep them true as the worker fixes each one.
    const auto recheck = [this] {
        if (!m_normsProblem->text().isEmpty())
            showNormProblems(false);
    };
    connect(m_norms, &QAbstractItemModel::dataChanged, this, recheck);
    connect(m_norms, &QAbstractItemModel::rowsRemoved, this, recheck);

    try {
        m_norms->setNorms(NormRepository(*m_store).list());
    } catch (const StoreError& error) {
        // As with a team value that cannot be read: shown, not editable, and not saved.
        m_normsView->setEnabled(false);
        m_addNorm->setEnabled(false);
        FieldProblem::show(m_normsProblem, error.message());
    }
    fitNormsWidth();
    updateNormButtons();
}

void SettingsDialog::fitNormsWidth()
{
    // The shipped label ("UK average (ONS APS, year ending March 2023)") is the one a worker
    // must be able to read, so the table asks for the width its widest row needs, within
    // reason (a pasted 200-character label is cut short and shown whole in its tooltip).
    const QAbstractItemView* view = m_normsView; // sizeHintForColumn is public only here
    int width = 2 * m_normsView->frameWidth() + m_normsView->verticalScrollBar()->sizeHint().width();
    for (int column = 0; column < ReferenceNormsModel::ColumnCount; ++column)
        width += std::max(
            view->sizeHintForColumn(column), m_normsView->horizontalHeader()->sectionSizeHint(column));
    m_normsView->setMinimumWidth(std::min(width, fontMetrics().averageCharWidth() * 120));
}

void SettingsDialog::addNorm()
{
    commitOpenNormEditor();
    const int row = m_norms->addNorm();
    // A continued set already has its label, so the value is what is left to type.
    const bool hasLabel
        = !m_norms->index(row, ReferenceNormsModel::Label).data(Qt::EditRole).toString().isEmpty();
    const QModelIndex at
        = m_norms->index(row, hasLabel ? ReferenceNormsModel::Value : ReferenceNormsModel::Label);
    m_normsView->setCurrentIndex(at);
    m_normsView->scrollTo(at);
    m_normsView->setFocus(Qt::OtherFocusReason);
    m_normsView->edit(at);
}

void SettingsDialog::removeNorm()
{
    commitOpenNormEditor();
    m_norms->removeNewNorm(m_normsView->currentIndex().row());
    m_normsView->setFocus(Qt::OtherFocusReason);
}

void SettingsDialog::updateNormButtons()
{
    m_removeNorm->setEnabled(m_normsView->isEnabled() && m_norms->isNew(m_normsView->currentIndex().row()));
}

void SettingsDialog::commitOpenNormEditor()
{
    // A cell editor still open holds text the model has not seen; leaving the cell commits
    // it (QAbstractItemView::currentChanged), so leave and come back.
    if (!m_normsView)
        return;
    QItemSelectionModel* selection = m_normsView->selectionModel();
    const QModelIndex current = selection->currentIndex();
    if (!m_normsView->indexWidget(current)) // the open editor, if any
        return;
    selection->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    selection->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
}

bool SettingsDialog::showNormProblems(bool goToFirst)
{
    if (!m_normsView || !m_normsView->isEnabled())
        return true;
    const QList<ReferenceNormsModel::Problem> problems = m_norms->problems();
    QStringList lines;
    for (const ReferenceNormsModel::Problem& problem : problems)
        lines << problem.text;
    const QString text = lines.join(QLatin1Char('\n'));
    FieldProblem::show(m_normsProblem, text);
    m_normsView->setAccessibleDescription(text);
    if (goToFirst && !problems.isEmpty()) {
        const QModelIndex at = m_norms->index(problems.constFirst().row, problems.constFirst().column);
        m_normsView->setCurrentIndex(at);
        m_normsView->scrollTo(at);
    }
    return problems.isEmpty();
}

void SettingsDialog::saveNorms()
{
    // Inside the team settings' transaction (Store::write nests): all of it lands or none.
    if (!m_normsView->isEnabled())
        return;
    NormRepository repository(*m_store);
    for (ReferenceNorm norm : m_norms->changedNorms())
        repository.update(norm);
    for (ReferenceNorm norm : m_norms->newNorms())
        repository.add(norm);
}

bool SettingsDialog::saveTeamSettings()
{
    if (!m_store)
        return true;
    commitOpenNormEditor();
    QWidget* firstProblem = nullptr;
    bool savingNorms = false;
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
            // Checked after the team values so every refusal is on screen at once.
            if (!showNormProblems(true) && !firstProblem)
                firstProblem = m_normsView;
            if (firstProblem)
                throw Refused();
            savingNorms = true;
            saveNorms();
        });
    } catch (const Refused&) {
        firstProblem->setFocus();
        growToFit();
        return false;
    } catch (const StoreError& error) {
        if (savingNorms) {
            // Nothing was written (the transaction rolled back); say why under the norms.
            FieldProblem::show(m_normsProblem, error.message());
            m_normsView->setFocus(Qt::OtherFocusReason);
            growToFit();
            return false;
        }
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
    m_settings.setValue(AppSettings::Key::SyncIntervalMinutes, m_syncIntervalMinutes->value());
    QDialog::accept();
}

QString SettingsDialog::syncAccountText() const
{
    if (!m_store)
        return tr("Unlock the store to see the sync server.");
    SyncAccount account(*m_store);
    const QString server = account.serverUrl();
    if (server.isEmpty())
        return tr("None: sign in to the team's sync server to share changes.");
    if (!account.isLoggedIn())
        return tr("%1 (not signed in)").arg(server);
    return tr("%1, signed in as %2").arg(server, account.username());
}

void SettingsDialog::refreshSyncAccount()
{
    m_syncAccount->setText(syncAccountText());
}
