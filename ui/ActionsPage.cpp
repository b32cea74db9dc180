#include "ActionsPage.h"

#include "FieldProblem.h"
#include "FormDraft.h"
#include "core/Vocabulary.h"
#include "models/ActionsModel.h"
#include "models/CaseAgenciesModel.h"
#include "models/StoreSession.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"
#include "store/StoreError.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {
constexpr int maxContactLength = 200;

QTableView* tableFor(QAbstractItemModel* model, const QString& accessibleName, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tab leaves the table for the buttons instead of walking its cells.
    view->setTabKeyNavigation(false);
    view->setWordWrap(true);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QLabel* heading(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setBuddy(buddy);
    return label;
}

struct AgencyForm
{
    QComboBox* agency;
    QLineEdit* contact;
    QLabel* agencyProblem;
    QLabel* contactProblem;
    QLabel* saveProblem;
    QDialogButtonBox* buttons;
};

AgencyForm buildAgencyForm(QDialog& dialog, const QList<Agency>& offered)
{
    dialog.setObjectName(QStringLiteral("addAgencyDialog"));
    dialog.setWindowTitle(ActionsPage::tr("Involve an agency"));
    dialog.setMinimumWidth(420);
    auto* layout = new QFormLayout(&dialog);
    AgencyForm form {};
    form.agency = new QComboBox(&dialog);
    form.agency->setAccessibleName(ActionsPage::tr("Agency to involve"));
    for (const Agency& a : offered)
        form.agency->addItem(a.name, a.meta.id);
    layout->addRow(ActionsPage::tr("&Agency:"), form.agency);
    form.agencyProblem = FieldProblem::addRow(layout, ActionsPage::tr("Problem with the agency"), false);
    form.contact = new QLineEdit(&dialog);
    form.contact->setAccessibleName(ActionsPage::tr("Contact at that agency for this case"));
    form.contact->setPlaceholderText(ActionsPage::tr("Name, and phone or email"));
    layout->addRow(ActionsPage::tr("C&ontact:"), form.contact);
    form.contactProblem = FieldProblem::addRow(layout, ActionsPage::tr("Problem with the contact"), false);
    form.saveProblem = FieldProblem::addRow(layout, ActionsPage::tr("Problem saving"), true);
    if (offered.isEmpty())
        FieldProblem::show(form.agencyProblem,
            ActionsPage::tr("Every agency in the team's list is already involved in this case."));
    form.buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    form.buttons->button(QDialogButtonBox::Save)
        ->setAccessibleName(ActionsPage::tr("Save the agency's involvement"));
    form.buttons->button(QDialogButtonBox::Cancel)
        ->setAccessibleName(ActionsPage::tr("Cancel without saving"));
    layout->addRow(form.buttons);
    QObject::connect(form.buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    return form;
}
} // namespace

ActionsPage::ActionsPage(StoreSession& session, QUndoStack& undoStack, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_model(new ActionsModel(&session, this))
    , m_agencies(new CaseAgenciesModel(&session, this))
{
    auto* layout = new QVBoxLayout(this);
    m_message = FieldProblem::label(tr("Message about actions"), this);
    layout->addWidget(m_message);
    layout->addWidget(buildAgencies(), 1);
    layout->addWidget(buildActions(), 2);
    setTabOrder(m_agenciesView, m_addAgency);
    setTabOrder(m_addAgency, m_view);
    setTabOrder(m_view, m_add);
    setTabOrder(m_add, m_edit);
    setTabOrder(m_edit, m_markDone);

    connect(m_model, &ActionsModel::loadFailed, this, &ActionsPage::showMessage);
    connect(m_agencies, &CaseAgenciesModel::loadFailed, this, &ActionsPage::showMessage);
    connect(&m_session, &StoreSession::locked, this, &ActionsPage::clear);
    clear();
}

QWidget* ActionsPage::buildAgencies()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_agenciesView = tableFor(m_agencies, tr("Agencies involved"), box);
    m_agenciesView->horizontalHeader()->resizeSection(CaseAgenciesModel::Name, 260);
    m_agenciesView->horizontalHeader()->resizeSection(CaseAgenciesModel::Kind, 150);
    // Mnemonics avoid the letters of the workspace tabs and the menu bar, which stay visible.
    layout->addWidget(heading(tr("Agencies involved"), m_agenciesView, box));
    layout->addWidget(m_agenciesView, 1);
    auto* buttons = new QHBoxLayout;
    m_addAgency = new QPushButton(tr("Add agenc&y..."), box);
    m_addAgency->setAccessibleName(tr("Involve another agency in this case"));
    buttons->addWidget(m_addAgency);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_addAgency, &QPushButton::clicked, this, &ActionsPage::askAddAgency);
    return box;
}

QWidget* ActionsPage::buildActions()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = tableFor(m_model, tr("Agreed actions"), box);
    m_view->setAccessibleDescription(tr("Press Enter on an action to edit it"));
    QHeaderView* header = m_view->horizontalHeader();
    header->resizeSection(ActionsModel::What, 260);
    header->resizeSection(ActionsModel::Agency, 170);
    header->resizeSection(ActionsModel::Owner, 120);
    header->resizeSection(ActionsModel::Due, 90);
    header->resizeSection(ActionsModel::Status, 80);
    layout->addWidget(heading(tr("Agreed actions"), m_view, box));
    layout->addWidget(m_view, 1);

    auto* buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Ne&w action..."), box);
    m_add->setAccessibleName(tr("Agree a new action on this case"));
    m_edit = new QPushButton(tr("Ed&it action..."), box);
    m_edit->setAccessibleName(tr("Edit the selected action"));
    m_markDone = new QPushButton(tr("&Mark done..."), box);
    m_markDone->setAccessibleName(tr("Mark the selected action done"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_markDone);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &ActionsPage::addAction);
    connect(m_edit, &QPushButton::clicked, this, &ActionsPage::editCurrentAction);
    connect(m_markDone, &QPushButton::clicked, this, &ActionsPage::markCurrentActionDone);
    // activated covers Enter on a row and a double-click.
    connect(m_view, &QAbstractItemView::activated, this, &ActionsPage::editCurrentAction);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ActionsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->resizeRowsToContents();
        updateButtons();
    });
    return box;
}

void ActionsPage::openCase(const QString& caseId)
{
    m_caseId = caseId;
    showMessage(QString());
    m_model->setCaseId(caseId);
    m_agencies->setCaseId(caseId);
    updateButtons();
}

void ActionsPage::clear()
{
    m_caseId.clear();
    m_model->setCaseId(QString());
    m_agencies->setCaseId(QString());
    showMessage(QString());
    updateButtons();
}

void ActionsPage::updateButtons()
{
    const bool open = m_session.isUnlocked() && !m_caseId.isEmpty();
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    m_addAgency->setEnabled(open);
    m_add->setEnabled(open);
    m_edit->setEnabled(open && current.isValid());
    m_markDone->setEnabled(
        open && current.isValid() && m_model->actionAt(current.row()).status == QLatin1String("open"));
}

void ActionsPage::showMessage(const QString& message)
{
    FieldProblem::show(m_message, message);
}

void ActionsPage::addAction()
{
    if (m_add->isEnabled())
        runActionDialog(ActionDialog::Mode::Add);
}

void ActionsPage::editCurrentAction()
{
    if (m_edit->isEnabled())
        runActionDialog(ActionDialog::Mode::Edit);
}

void ActionsPage::markCurrentActionDone()
{
    if (m_markDone->isEnabled())
        runActionDialog(ActionDialog::Mode::MarkDone);
}

void ActionsPage::runActionDialog(ActionDialog::Mode mode)
{
    ActionDialog dialog(m_session, m_undoStack, m_caseId, this);
    if (mode != ActionDialog::Mode::Add) {
        const QModelIndex current = m_view->selectionModel()->currentIndex();
        if (!current.isValid())
            return;
        dialog.setAction(m_model->actionAt(current.row()), mode);
    }
    // The page may be gone by the time an undo fails, so it is held weakly.
    QPointer<ActionsPage> page(this);
    dialog.setUndoFailureHandler([page](const QString& message) {
        if (page) {
            page->showMessage(message);
            emit page->problem(message);
        }
    });
    if (dialog.exec() == QDialog::Accepted) {
        showMessage(QString());
        selectAction(dialog.savedActionId());
    }
}

void ActionsPage::selectAction(const QString& id)
{
    // The model reloads after a write, so the worker's place is found again by id.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(ActionsModel::IdRole).toString() == id) {
            m_view->selectRow(row);
            m_view->setFocus();
            return;
        }
    }
}

QString ActionsPage::agencyProblem(const QString& agencyId) const
{
    Store* store = m_session.store();
    if (!store)
        return tr("The store is locked.");
    if (agencyId.isEmpty())
        return tr("Choose the agency to involve.");
    try {
        const auto agency = AgencyRepository(*store).get(agencyId);
        if (!agency)
            return tr("That agency is not in the team's list.");
        for (const CaseAgency& involved : CaseRepository(*store).agencies(m_caseId)) {
            if (involved.agencyId == agencyId)
                return tr("%1 is already involved in this case.").arg(agency->name);
        }
    } catch (const StoreError& e) {
        return e.message();
    }
    return {};
}

QString ActionsPage::contactProblem(const QString& contact)
{
    if (contact.size() > maxContactLength)
        return tr("The contact is %1 characters long; the limit is %2.")
            .arg(contact.size())
            .arg(maxContactLength);
    return {};
}

QString ActionsPage::addAgency(const QString& agencyId, const QString& contact)
{
    if (m_caseId.isEmpty())
        return tr("No case is open.");
    const QString trimmed = contact.trimmed();
    if (QString problem = agencyProblem(agencyId); !problem.isEmpty())
        return problem;
    if (QString problem = contactProblem(trimmed); !problem.isEmpty())
        return problem;
    Store& store = *m_session.store();
    try {
        const auto record = CaseRepository(store).get(m_caseId);
        if (!record)
            return tr("That case no longer exists.");
        CaseAgency involvement;
        involvement.caseId = m_caseId;
        involvement.agencyId = agencyId;
        involvement.contact = trimmed;
        store.write([&] { CaseRepository(store).addAgency(involvement, record->reference); });
    } catch (const StoreError& e) {
        return e.message();
    }
    m_session.notifyCaseChanged(m_caseId);
    return {};
}

void ActionsPage::askAddAgency()
{
    if (!m_addAgency->isEnabled())
        return;
    // Agencies already on the case are left out: each is involved once, with one contact.
    QList<Agency> offered;
    try {
        for (const Agency& a : AgencyRepository(*m_session.store()).list()) {
            if (a.active && !m_agencies->involves(a.meta.id))
                offered << a;
        }
    } catch (const StoreError& e) {
        showMessage(e.message());
        return;
    }
    QDialog dialog(this);
    connect(&m_session, &StoreSession::locked, &dialog, &QDialog::reject);
    const AgencyForm form = buildAgencyForm(dialog, offered);
    // The contact typed here is as much the worker's typing as any bigger form's: parked in
    // the store if it locks (the dialog then closes), put back when they involve an agency next.
    new FormDraft(m_session, &dialog, QStringLiteral("dialog:add-agency:") + m_caseId, m_caseId);
    connect(form.buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        const QString id = form.agency->currentData().toString();
        const QString contact = form.contact->text().trimmed();
        const QString agencyRefusal = agencyProblem(id);
        const QString contactRefusal = contactProblem(contact);
        FieldProblem::show(form.agencyProblem, agencyRefusal);
        FieldProblem::show(form.contactProblem, contactRefusal);
        if (!agencyRefusal.isEmpty() || !contactRefusal.isEmpty())
            return;
        const QString failure = addAgency(id, contact);
        FieldProblem::show(form.saveProblem, failure);
        if (failure.isEmpty())
            dialog.accept();
    });
    dialog.exec();
}
