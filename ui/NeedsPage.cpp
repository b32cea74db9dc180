#include "NeedsPage.h"

#include "NeedDialog.h"
#include "models/NeedsModel.h"
#include "models/StoreSession.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

NeedsPage::NeedsPage(StoreSession& session, QUndoStack& undoStack, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_model(new NeedsModel(&session, this))
{
    auto* layout = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message about needs"));
    m_message->hide();
    layout->addWidget(m_message);

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Needs"));
    m_view->setAccessibleDescription(tr("Press Enter on a need to edit it"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tab leaves the table for the buttons instead of walking its cells.
    m_view->setTabKeyNavigation(false);
    m_view->setWordWrap(true);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->resizeSection(NeedsModel::Need, 220);
    header->resizeSection(NeedsModel::Severity, 90);
    header->resizeSection(NeedsModel::Status, 100);
    header->resizeSection(NeedsModel::ClutterRating, 110);
    layout->addWidget(m_view, 1);

    auto* buttons = new QHBoxLayout;
    // Mnemonics avoid the letters of the workspace tabs and the menu bar, which stay visible.
    m_add = new QPushButton(tr("Ne&w need..."), this);
    m_add->setAccessibleName(tr("Add a need to this case"));
    m_edit = new QPushButton(tr("Ed&it need..."), this);
    m_edit->setAccessibleName(tr("Edit the selected need"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    setTabOrder(m_view, m_add);
    setTabOrder(m_add, m_edit);

    connect(m_add, &QPushButton::clicked, this, &NeedsPage::addNeed);
    connect(m_edit, &QPushButton::clicked, this, &NeedsPage::editCurrentNeed);
    // activated covers Enter on a row and a double-click.
    connect(m_view, &QAbstractItemView::activated, this, &NeedsPage::editCurrentNeed);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &NeedsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->resizeRowsToContents();
        updateButtons();
    });
    connect(m_model, &NeedsModel::loadFailed, this, &NeedsPage::showMessage);
    connect(&m_session, &StoreSession::locked, this, &NeedsPage::clear);
    clear();
}

void NeedsPage::openCase(const QString& caseId)
{
    m_caseId = caseId;
    showMessage(QString());
    m_model->setCaseId(caseId);
    updateButtons();
}

void NeedsPage::clear()
{
    m_caseId.clear();
    m_model->setCaseId(QString());
    showMessage(QString());
    updateButtons();
}

void NeedsPage::updateButtons()
{
    const bool open = m_session.isUnlocked() && !m_caseId.isEmpty();
    m_add->setEnabled(open);
    m_edit->setEnabled(open && m_view->selectionModel()->currentIndex().isValid());
}

void NeedsPage::showMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void NeedsPage::addNeed()
{
    if (!m_add->isEnabled())
        return;
    NeedDialog dialog(m_session, m_undoStack, m_caseId, this);
    if (dialog.exec() == QDialog::Accepted) {
        showMessage(QString());
        selectNeed(dialog.savedNeedId());
    }
}

void NeedsPage::editCurrentNeed()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!m_edit->isEnabled() || !current.isValid())
        return;
    NeedDialog dialog(m_session, m_undoStack, m_caseId, this);
    dialog.setNeed(m_model->needAt(current.row()));
    // The page may be gone by the time an undo fails, so it is held weakly.
    QPointer<NeedsPage> page(this);
    dialog.setUndoFailureHandler([page](const QString& message) {
        if (page) {
            page->showMessage(message);
            emit page->problem(message);
        }
    });
    if (dialog.exec() == QDialog::Accepted) {
        showMessage(QString());
        selectNeed(dialog.savedNeedId());
    }
}

void NeedsPage::selectNeed(const QString& id)
{
    // The model reloads after a write, so the worker's place is found again by id.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(NeedsModel::IdRole).toString() == id) {
            m_view->selectRow(row);
            m_view->setFocus();
            return;
        }
    }
}
