#include "MainWindow.h"

#include "AppSettings.h"
#include "CaseWorkspace.h"
#include "InactivityTimer.h"
#include "NewCaseDialog.h"
#include "SettingsDialog.h"
#include "UnlockWidget.h"
#include "WelcomeWidget.h"
#include "core/Vocabulary.h"
#include "models/CaseListModel.h"
#include "models/StoreSession.h"
#include "store/CaseRepository.h"
#include "store/OutboxRepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

MainWindow::MainWindow(StoreSession& session, AppSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_cases(new CaseListModel(&session, this))
    , m_inactivity(new InactivityTimer(this))
{
    setWindowTitle(tr("Pivot Casebook"));
    m_pages = new QStackedWidget(this);
    m_welcome = new WelcomeWidget(session, m_pages);
    m_unlock = new UnlockWidget(session, m_pages);
    m_casesPage = buildCasesPage();
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_unlock);
    m_pages->addWidget(m_casesPage);
    setCentralWidget(m_pages);
    buildActions();

    m_lockState = new QLabel(this);
    m_pending = new QLabel(this);
    m_lastSync = new QLabel(tr("Not synced: sync is not set up yet"), this);
    statusBar()->addWidget(m_lockState);
    statusBar()->addWidget(m_pending);
    statusBar()->addPermanentWidget(m_lastSync);

    connect(&m_session, &StoreSession::unlocked, this, &MainWindow::onUnlocked);
    connect(&m_session, &StoreSession::locked, this, &MainWindow::onLocked);
    connect(&m_session, &StoreSession::caseChanged, this, &MainWindow::updateStatus);
    connect(&m_session, &StoreSession::caseAdded, this, &MainWindow::updateStatus);
    connect(m_welcome, &WelcomeWidget::existingStoreChosen, this, [this](const QString& path) {
        m_session.setStorePath(path);
        m_settings.setValue(AppSettings::Key::StorePath, path);
        showStartPage();
    });
    connect(m_welcome, &WelcomeWidget::storeCreated, this,
        [this](const QString& path) { m_settings.setValue(AppSettings::Key::StorePath, path); });
    connect(m_unlock, &UnlockWidget::differentStoreRequested, this,
        [this] { m_pages->setCurrentWidget(m_welcome); });
    connect(m_inactivity, &InactivityTimer::inactive, &m_session, &StoreSession::lock);
    connect(m_cases, &CaseListModel::totalCountChanged, this, &MainWindow::updateStatus);
    showStartPage();
}

QWidget* MainWindow::buildCasesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* filters = new QHBoxLayout;
    m_search = new QLineEdit(page);
    m_search->setPlaceholderText(tr("Search names, reasons and notes (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search cases"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_search, 2);
    m_status = new QComboBox(page);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All statuses"), QString());
    for (const QString& key : Vocabulary::caseStatuses().keys())
        m_status->addItem(Vocabulary::caseStatuses().label(key), key);
    filters->addWidget(m_status);
    m_overdue = new QCheckBox(tr("Overdue actions only"), page);
    filters->addWidget(m_overdue);
    layout->addLayout(filters);

    // Search runs as the worker pauses typing, not on every key.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_overdue, &QCheckBox::toggled, this, &MainWindow::applyFilter);

    auto* splitter = new QSplitter(page);
    auto* listSide = new QWidget(splitter);
    auto* listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableView(listSide);
    m_table->setModel(m_cases);
    m_table->setAccessibleName(tr("Cases"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->resizeSection(CaseListModel::Reference, 120);
    m_table->horizontalHeader()->resizeSection(CaseListModel::Subject, 170);
    listLayout->addWidget(m_table);
    m_counts = new QLabel(listSide);
    listLayout->addWidget(m_counts);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &MainWindow::openSelectedCase);

    m_workspace = new CaseWorkspace(m_session, splitter);
    splitter->addWidget(listSide);
    splitter->addWidget(m_workspace);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    return page;
}

void MainWindow::buildActions()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    m_lockAction = bar->addAction(tr("&Lock"), &m_session, &StoreSession::lock);
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setToolTip(tr("Lock the store now (Ctrl+L)"));
    m_newCaseAction = bar->addAction(tr("&New referral..."), this, [this] {
        NewCaseDialog dialog(m_session, this);
        if (dialog.exec() == QDialog::Accepted) {
            const int row = m_cases->rowForCaseId(dialog.createdCaseId());
            if (row >= 0)
                m_table->selectRow(row);
        }
    });
    m_newCaseAction->setShortcut(QKeySequence::New);
    m_newCaseAction->setToolTip(tr("Record a new referral (Ctrl+N)"));
    QAction* settings = bar->addAction(tr("&Settings"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);
}

void MainWindow::showStartPage()
{
    if (m_session.isUnlocked())
        m_pages->setCurrentWidget(m_casesPage);
    else if (m_session.storeExists())
        m_pages->setCurrentWidget(m_unlock);
    else
        m_pages->setCurrentWidget(m_welcome);
    m_lockAction->setEnabled(m_session.isUnlocked());
    m_newCaseAction->setEnabled(m_session.isUnlocked());
    updateStatus();
}

void MainWindow::onUnlocked()
{
    m_settings.setValue(AppSettings::Key::StorePath, m_session.storePath());
    m_inactivity->setTimeout(m_settings.autoLockMinutes() * 60 * 1000);
    m_inactivity->start();
    showStartPage();
    m_table->setFocus();
}

void MainWindow::onLocked()
{
    m_inactivity->stop();
    m_search->clear();
    showStartPage();
}

void MainWindow::applyFilter()
{
    CaseFilter filter;
    filter.search = m_search->text();
    filter.status = m_status->currentData().toString();
    filter.overdueOnly = m_overdue->isChecked();
    m_cases->setFilter(filter);
}

void MainWindow::openSelectedCase()
{
    const int row = m_table->currentIndex().row();
    if (row >= 0)
        m_workspace->openCase(m_cases->caseIdAt(row));
}

void MainWindow::updateStatus()
{
    Store* store = m_session.store();
    if (!store) {
        m_lockState->setText(tr("Locked"));
        m_pending->clear();
        m_counts->clear();
        return;
    }
    m_lockState->setText(tr("Unlocked: %1").arg(m_session.storePath()));
    const int pending = OutboxRepository(*store).pendingCount();
    m_pending->setText(tr("%n change(s) waiting to sync", nullptr, pending));
    const QMap<QString, int> counts = CaseRepository(*store).countsByStatus();
    m_counts->setText(tr("%1 shown of %2 matching; %3 open, %4 closed in all")
                          .arg(m_cases->rowCount())
                          .arg(m_cases->totalCount())
                          .arg(counts.value(QStringLiteral("open")))
                          .arg(counts.value(QStringLiteral("closed"))));
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, m_session.store(), this);
    if (dialog.exec() == QDialog::Accepted && m_session.isUnlocked()) {
        m_inactivity->setTimeout(m_settings.autoLockMinutes() * 60 * 1000);
        m_inactivity->start();
    }
}
