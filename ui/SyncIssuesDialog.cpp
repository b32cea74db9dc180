#include "SyncIssuesDialog.h"

#include "FieldProblem.h"
#include "models/StoreSession.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

SyncIssuesDialog::SyncIssuesDialog(StoreSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Sync problems"));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Kinds of sync problem"));
    layout->addWidget(m_tabs, 1);

    m_keepServer = new QPushButton(tr("&Keep the server's"), this);
    m_keepServer->setAccessibleName(tr("Keep the server's value for the chosen conflict"));
    m_useMine = new QPushButton(tr("&Use mine"), this);
    m_useMine->setAccessibleName(tr("Use the value from this laptop for the chosen conflict"));
    addPage(SyncIssuesModel::Kind::Conflicts, tr("Conflicts"),
        tr("These fields were changed here and on the server to different values. The record now shows the "
           "server's value; choose which one stays."),
        {m_keepServer, m_useMine});
    m_sendAgain = new QPushButton(tr("&Send again"), this);
    m_sendAgain->setAccessibleName(tr("Send the chosen change again with the next sync"));
    addPage(SyncIssuesModel::Kind::SetAside, tr("Changes set aside"),
        tr("The server refused these changes. They are kept on this laptop; once the reason is dealt with, "
           "send "
           "them again."),
        {m_sendAgain});
    m_acknowledge = new QPushButton(tr("&Acknowledge"), this);
    m_acknowledge->setAccessibleName(tr("Acknowledge the chosen removed case"));
    addPage(SyncIssuesModel::Kind::Removed, tr("Cases removed"),
        tr("These cases were taken off this laptop because the server no longer shares them with you."),
        {m_acknowledge});
    m_openCase = new QPushButton(tr("&Open the case"), this);
    m_openCase->setAccessibleName(tr("Open the chosen case to decide whether to reopen it"));
    addPage(SyncIssuesModel::Kind::Reopen, tr("Reopen decisions"),
        tr("These cases were closed on the server after you changed them here. Open a case to reopen it or "
           "leave it closed."),
        {m_openCase});

    connect(m_keepServer, &QPushButton::clicked, this, [this] {
        act(SyncIssuesModel::Kind::Conflicts,
            [](SyncIssuesModel& m, int row) { return m.resolveConflict(row, false); });
    });
    connect(m_useMine, &QPushButton::clicked, this, [this] {
        act(SyncIssuesModel::Kind::Conflicts,
            [](SyncIssuesModel& m, int row) { return m.resolveConflict(row, true); });
    });
    connect(m_sendAgain, &QPushButton::clicked, this, [this] {
        act(SyncIssuesModel::Kind::SetAside, [](SyncIssuesModel& m, int row) { return m.release(row); });
    });
    connect(m_acknowledge, &QPushButton::clicked, this, [this] {
        act(SyncIssuesModel::Kind::Removed, [](SyncIssuesModel& m, int row) { return m.acknowledge(row); });
    });
    connect(m_openCase, &QPushButton::clicked, this, [this] {
        const int row = selectedRow(SyncIssuesModel::Kind::Reopen);
        const QString caseId = model(SyncIssuesModel::Kind::Reopen)->caseIdAt(row);
        if (caseId.isEmpty()) {
            FieldProblem::show(m_problem, tr("Choose a case first."));
            return;
        }
        emit openCaseRequested(caseId);
        accept();
    });

    m_problem = FieldProblem::label(tr("Problem with the decision"), this);
    layout->addWidget(m_problem);
    FieldProblem::show(m_problem, QString());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close sync problems"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Decisions write through the open store: the dialog cannot outlive it.
    connect(&session, &StoreSession::aboutToLock, this, &QDialog::reject);
    updateTitles();
    // Open on the first kind that has something to decide.
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i).model->rowCount() > 0) {
            m_tabs->setCurrentIndex(i);
            break;
        }
    }
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 24);
}

QWidget* SyncIssuesDialog::addPage(SyncIssuesModel::Kind kind, const QString& title,
    const QString& explanation, const QList<QPushButton*>& buttons)
{
    auto* page = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(page);
    auto* text = new QLabel(explanation, page);
    text->setWordWrap(true);
    layout->addWidget(text);
    Page entry;
    entry.model = new SyncIssuesModel(kind, &m_session, this);
    entry.table = new QTableView(page);
    entry.table->setModel(entry.model);
    entry.table->setAccessibleName(title);
    entry.table->setSelectionBehavior(QAbstractItemView::SelectRows);
    entry.table->setSelectionMode(QAbstractItemView::SingleSelection);
    entry.table->verticalHeader()->hide();
    entry.table->horizontalHeader()->setStretchLastSection(true);
    entry.table->setWordWrap(false);
    entry.table->setAlternatingRowColors(true);
    entry.title = title;
    layout->addWidget(entry.table, 1);
    auto* row = new QHBoxLayout;
    for (QPushButton* button : buttons) {
        button->setParent(page);
        row->addWidget(button);
    }
    row->addStretch(1);
    layout->addLayout(row);
    m_pages << entry;
    if (entry.model->rowCount() > 0)
        entry.table->selectRow(0);
    m_tabs->addTab(page, title);
    return page;
}

SyncIssuesModel* SyncIssuesDialog::model(SyncIssuesModel::Kind kind) const
{
    return m_pages.at(static_cast<int>(kind)).model;
}

QTableView* SyncIssuesDialog::table(SyncIssuesModel::Kind kind) const
{
    return m_pages.at(static_cast<int>(kind)).table;
}

QString SyncIssuesDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

int SyncIssuesDialog::selectedRow(SyncIssuesModel::Kind kind) const
{
    const QModelIndex current = table(kind)->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void SyncIssuesDialog::act(
    SyncIssuesModel::Kind kind, const std::function<QString(SyncIssuesModel&, int)>& decision)
{
    const QString problem = decision(*model(kind), selectedRow(kind));
    FieldProblem::show(m_problem, problem);
    if (model(kind)->rowCount() > 0)
        table(kind)->selectRow(0);
    updateTitles();
    if (problem.isEmpty())
        emit decided();
}

void SyncIssuesDialog::updateTitles()
{
    for (int i = 0; i < m_pages.size(); ++i)
        m_tabs->setTabText(i, tr("%1 (%2)").arg(m_pages.at(i).title).arg(m_pages.at(i).model->rowCount()));
}
