#include "MainWindow.h"

#include "AppSettings.h"
#include "CaseWorkspace.h"
#include "DashboardPage.h"
#include "ImportDialog.h"
#include "InactivityTimer.h"
#include "NewCaseDialog.h"
#include "PeriodPicker.h"
#include "PrintSummaryDialog.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "SyncIssuesDialog.h"
#include "UnlockWidget.h"
#include "WelcomeWidget.h"
#include "core/Vocabulary.h"
#include "models/CaseListModel.h"
#include "models/StatusCounts.h"
#include "models/StoreSession.h"
#include "models/SyncController.h"
#include "store/AgencyRepository.h"
#include "store/CaseFacets.h"
#include "store/CaseRepository.h"
#include "store/OutboxSummary.h"
#include "store/SyncAccount.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

MainWindow::MainWindow(StoreSession& session, AppSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_cases(new CaseListModel(&session, this))
    , m_inactivity(new InactivityTimer(this))
    , m_statusCounts(new StatusCounts(&session, this))
    , m_sync(new SyncController(&session, this))
{
    m_sync->setIntervalMinutes(m_settings.value(AppSettings::Key::SyncIntervalMinutes).toInt());
    setWindowTitle(tr("Pivot Casebook"));
    m_pages = new QStackedWidget(this);
    m_welcome = new WelcomeWidget(session, m_pages);
    m_unlock = new UnlockWidget(session, m_pages);
    m_casesPage = buildCasesPage();
    m_dashboard = new DashboardPage(session, settings, this);
    m_views = new QTabWidget(m_pages);
    m_views->setDocumentMode(true);
    m_views->addTab(m_casesPage, tr("Cases"));
    m_views->addTab(m_dashboard, tr("Dashboard"));
    m_views->setTabToolTip(0, tr("The case list beside the open case (Ctrl+1)"));
    m_views->setTabToolTip(1, tr("The period's figures and charts (Ctrl+3)"));
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_unlock);
    m_pages->addWidget(m_views);
    setCentralWidget(m_pages);
    buildActions();
    buildMenus();

    m_lockState = new QLabel(this);
    m_pending = new QLabel(this);
    m_lastSync = new QLabel(this);
    m_lastSync->setObjectName(QStringLiteral("syncStatus"));
    m_lastSync->setAccessibleName(tr("Sync status"));
    statusBar()->addWidget(m_lockState);
    statusBar()->addWidget(m_pending);
    statusBar()->addPermanentWidget(m_lastSync);

    connect(&m_session, &StoreSession::unlocked, this, &MainWindow::onUnlocked);
    connect(&m_session, &StoreSession::locked, this, &MainWindow::onLocked);
    // The counts are whole-table reads, made off the GUI thread; the labels follow them.
    connect(m_statusCounts, &StatusCounts::countsReady, this, &MainWindow::updateStatus);
    connect(m_statusCounts, &StatusCounts::cleared, this, &MainWindow::updateStatus);
    connect(m_statusCounts, &StatusCounts::failed, this,
        [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(&m_settings, &AppSettings::changed, this, &MainWindow::updateStatus);
    connect(m_sync, &SyncController::statusChanged, this, &MainWindow::updateStatus);
    connect(m_sync, &SyncController::statusChanged, this, &MainWindow::updateSyncActions);
    connect(m_sync, &SyncController::syncFinished, this, &MainWindow::onSyncFinished);
    // A whole-store change (a sync pulled rows): the open case is read again too.
    connect(&m_session, &StoreSession::storeChanged, this, [this] {
        if (!m_workspace->caseId().isEmpty())
            m_session.notifyCaseChanged(m_workspace->caseId());
        fillFilterChoices();
    });
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
    connect(m_workspace, &CaseWorkspace::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(m_dashboard, &DashboardPage::statusMessage, this,
        [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(m_dashboard, &DashboardPage::casesRequested, this, &MainWindow::showCasesFromDashboard);
    showStartPage();
}

QWidget* MainWindow::buildCasesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(buildFilterRow(page));
    layout->addWidget(buildDashboardFilterBar(page));

    // Search runs as the worker pauses typing, not on every key.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &MainWindow::applyFilter);
    for (QComboBox* choice : {m_status, m_leadWorker, m_need, m_agency, m_risk})
        connect(choice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
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

QLayout* MainWindow::buildFilterRow(QWidget* page)
{
    auto* rows = new QVBoxLayout;
    auto* searchRow = new QHBoxLayout;
    m_search = new QLineEdit(page);
    m_search->setPlaceholderText(tr("Search names, reasons and notes (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search cases"));
    m_search->setClearButtonEnabled(true);
    searchRow->addWidget(m_search, 1);
    m_overdue = new QCheckBox(tr("O&verdue actions only"), page);
    searchRow->addWidget(m_overdue);
    auto* clear = new QPushButton(tr("Clear filters"), page);
    clear->setToolTip(tr("Show every case again (Ctrl+Shift+F)"));
    connect(clear, &QPushButton::clicked, this, &MainWindow::clearFilters);
    searchRow->addWidget(clear);
    rows->addLayout(searchRow);

    auto* choiceRow = new QHBoxLayout;
    const auto addChoice = [&](QComboBox*& box, const QString& accessibleName, const QString& any) {
        box = new QComboBox(page);
        box->setAccessibleName(accessibleName);
        box->setToolTip(accessibleName);
        box->addItem(any, QString());
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        choiceRow->addWidget(box);
    };
    addChoice(m_status, tr("Status filter"), tr("All statuses"));
    for (const QString& key : Vocabulary::caseStatuses().keys())
        m_status->addItem(Vocabulary::caseStatuses().label(key), key);
    addChoice(m_risk, tr("Risk filter"), tr("Any risk"));
    for (const QString& key : Vocabulary::riskLevels().keys())
        m_risk->addItem(tr("%1 risk").arg(Vocabulary::riskLevels().label(key)), key);
    addChoice(m_need, tr("Need filter"), tr("Any need"));
    for (const QString& key : Vocabulary::needs().keys())
        m_need->addItem(Vocabulary::needs().label(key), key);
    addChoice(m_leadWorker, tr("Lead worker filter"), tr("Any lead worker"));
    addChoice(m_agency, tr("Agency filter"), tr("Any agency"));
    m_agency->setToolTip(tr("Cases referred by or involving this agency"));
    choiceRow->addStretch(1);
    rows->addLayout(choiceRow);
    return rows;
}

// Says, above the list, that a dashboard bar narrowed it, and offers the way back.
QWidget* MainWindow::buildDashboardFilterBar(QWidget* page)
{
    m_dashboardFilterBar = new QWidget(page);
    auto* row = new QHBoxLayout(m_dashboardFilterBar);
    row->setContentsMargins(0, 0, 0, 0);
    m_dashboardFilterLabel = new QLabel(m_dashboardFilterBar);
    m_dashboardFilterLabel->setAccessibleName(tr("Cases shown from the dashboard"));
    QFont bold = m_dashboardFilterLabel->font();
    bold.setBold(true);
    m_dashboardFilterLabel->setFont(bold);
    row->addWidget(m_dashboardFilterLabel, 1);
    auto* back = new QPushButton(tr("&Back to the dashboard"), m_dashboardFilterBar);
    connect(back, &QPushButton::clicked, this, [this] { m_views->setCurrentWidget(m_dashboard); });
    row->addWidget(back);
    auto* all = new QPushButton(tr("Show all cases"), m_dashboardFilterBar);
    all->setToolTip(tr("Clear every filter (Ctrl+Shift+F)"));
    connect(all, &QPushButton::clicked, this, &MainWindow::clearFilters);
    row->addWidget(all);
    m_dashboardFilterBar->hide();
    return m_dashboardFilterBar;
}

void MainWindow::showCasesFromDashboard(const CaseFilter& filter, const QString& description)
{
    resetFilterWidgets();
    m_dashboardFilter = filter;
    m_dashboardFilterLabel->setText(description);
    m_dashboardFilterBar->show();
    applyFilter();
    m_views->setCurrentWidget(m_casesPage);
    m_table->setFocus();
}

QString MainWindow::dashboardFilterText() const
{
    return m_dashboardFilter ? m_dashboardFilterLabel->text() : QString();
}

void MainWindow::fillFilterChoices()
{
    // Lead workers and agencies come from the store, so they are refilled on every unlock.
    Store* store = m_session.store();
    for (QComboBox* box : {m_leadWorker, m_agency}) {
        const QSignalBlocker quiet(box);
        while (box->count() > 1)
            box->removeItem(1);
    }
    if (!store)
        return;
    const QSignalBlocker quietLead(m_leadWorker);
    const QSignalBlocker quietAgency(m_agency);
    for (const QString& name : CaseFacets(*store).leadWorkers())
        m_leadWorker->addItem(name, name);
    for (const Agency& agency : AgencyRepository(*store).list())
        m_agency->addItem(agency.name, agency.meta.id);
}

// Every filter widget back to "any", quietly: the caller applies the filter once.
void MainWindow::resetFilterWidgets()
{
    const QSignalBlocker a(m_search), b(m_status), c(m_overdue), d(m_leadWorker), e(m_need), f(m_agency),
        g(m_risk);
    m_search->clear();
    m_overdue->setChecked(false);
    for (QComboBox* box : {m_status, m_leadWorker, m_need, m_agency, m_risk})
        box->setCurrentIndex(0);
}

void MainWindow::clearFilters()
{
    resetFilterWidgets();
    m_dashboardFilter.reset();
    m_dashboardFilterBar->hide();
    applyFilter();
}

void MainWindow::setFilterChoice(
    const QString& leadWorker, const QString& needKey, const QString& agencyId, const QString& risk)
{
    const QSignalBlocker a(m_leadWorker), b(m_need), c(m_agency), d(m_risk);
    m_leadWorker->setCurrentIndex(std::max(0, m_leadWorker->findData(leadWorker)));
    m_need->setCurrentIndex(std::max(0, m_need->findData(needKey)));
    m_agency->setCurrentIndex(std::max(0, m_agency->findData(agencyId)));
    m_risk->setCurrentIndex(std::max(0, m_risk->findData(risk)));
    applyFilter();
}

QAction* MainWindow::makeAction(
    const QString& text, const QKeySequence& keys, const QString& tip, bool needsStore)
{
    auto* action = new QAction(text, this);
    action->setShortcut(keys);
    // Shortcuts are named in tooltips too, so the toolbar teaches the keyboard.
    action->setToolTip(
        keys.isEmpty() ? tip : tr("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
    action->setShortcutVisibleInContextMenu(true);
    if (needsStore)
        m_unlockedActions << action;
    addAction(action); // shortcuts work even with the menu bar hidden
    return action;
}

void MainWindow::buildActions()
{
    const auto make = [this](const QString& text, const QKeySequence& keys, const QString& tip,
                          bool needsStore) { return makeAction(text, keys, tip, needsStore); };
    m_lockAction = make(tr("&Lock"), QKeySequence(Qt::CTRL | Qt::Key_L), tr("Lock the store now"), true);
    connect(m_lockAction, &QAction::triggered, &m_session, &StoreSession::lock);
    m_newCaseAction = make(tr("&New referral..."), QKeySequence::New, tr("Record a new referral"), true);
    connect(m_newCaseAction, &QAction::triggered, this, &MainWindow::newReferral);
    m_importAction = make(tr("&Import referrals from CSV..."), QKeySequence(Qt::CTRL | Qt::Key_I),
        tr("Check a spreadsheet of referrals and import it"), true);
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importReferrals);
    m_settingsAction = make(tr("&Settings..."), QKeySequence(Qt::CTRL | Qt::Key_Comma),
        tr("Auto-lock, sync and team settings"), false);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_quitAction
        = make(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Lock the store and quit"), false);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_workspace->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_workspace->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    addActions({m_undoAction, m_redoAction}); // listed with the other shortcuts, menu bar or not
    m_findAction = make(tr("&Find cases"), QKeySequence::Find, tr("Search names, reasons and notes"), true);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    m_clearFiltersAction = make(tr("&Clear filters"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
        tr("Show every case again"), true);
    connect(m_clearFiltersAction, &QAction::triggered, this, &MainWindow::clearFilters);

    m_editDetailsAction = make(tr("&Edit case details..."), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Change the open case's referral, consent, risk and subject"), true);
    connect(m_editDetailsAction, &QAction::triggered, m_workspace, &CaseWorkspace::editDetails);
    m_addNoteAction = make(tr("Add &note"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        tr("Write a note on the open case"), true);
    connect(m_addNoteAction, &QAction::triggered, m_workspace, &CaseWorkspace::focusNewNote);
    m_printSummaryAction = make(tr("&Print case summary..."), QKeySequence::Print,
        tr("Print the open case's summary, or save it as PDF"), true);
    connect(m_printSummaryAction, &QAction::triggered, this, &MainWindow::printCaseSummary);
    m_listAction = make(tr("Go to the case &list"), QKeySequence(Qt::CTRL | Qt::Key_1),
        tr("Move the keyboard focus to the case list"), true);
    connect(m_listAction, &QAction::triggered, this, [this] {
        m_views->setCurrentWidget(m_casesPage);
        m_table->setFocus();
    });
    m_caseAction = make(tr("Go to the open &case"), QKeySequence(Qt::CTRL | Qt::Key_2),
        tr("Move the keyboard focus to the open case"), true);
    connect(m_caseAction, &QAction::triggered, this, [this] {
        m_views->setCurrentWidget(m_casesPage);
        m_workspace->tabs()->setFocus();
    });
    buildViewActions();
    m_shortcutsAction
        = make(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, tr("List every shortcut"), false);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    buildSyncActions();
}

void MainWindow::buildViewActions()
{
    m_dashboardAction = makeAction(tr("Go to the &dashboard"), QKeySequence(Qt::CTRL | Qt::Key_3),
        tr("Show the period's figures and charts"), true);
    connect(m_dashboardAction, &QAction::triggered, this, [this] {
        m_views->setCurrentWidget(m_dashboard);
        m_dashboard->periodPicker()->setFocus();
    });
    m_exportFiguresAction
        = makeAction(tr("&Export figures as CSV..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
            tr("Save the dashboard period's figures for a spreadsheet"), true);
    connect(m_exportFiguresAction, &QAction::triggered, this, [this] {
        m_views->setCurrentWidget(m_dashboard);
        m_dashboard->exportCsv();
    });
    m_printReportAction
        = makeAction(tr("Print &board report..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
            tr("Preview and print the dashboard period's report for the partnership board"), true);
    connect(m_printReportAction, &QAction::triggered, this, [this] {
        m_views->setCurrentWidget(m_dashboard);
        m_dashboard->printBoardReport();
    });
}

void MainWindow::buildSyncActions()
{
    const auto make = [this](const QString& text, const QKeySequence& keys, const QString& tip) {
        return makeAction(text, keys, tip, true);
    };
    m_syncNowAction
        = make(tr("Sync &now"), QKeySequence(Qt::Key_F5), tr("Send changes and fetch the team's now"));
    connect(m_syncNowAction, &QAction::triggered, m_sync, &SyncController::syncNow);
    m_signInAction = make(tr("Sign &in to the sync server..."),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), tr("Sign this laptop in to the team's sync server"));
    connect(m_signInAction, &QAction::triggered, this, &MainWindow::signIn);
    m_syncIssuesAction = make(tr("Sync &problems..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
        tr("Conflicts, changes set aside, removed cases and reopen decisions"));
    connect(m_syncIssuesAction, &QAction::triggered, this, &MainWindow::openSyncIssues);
    m_signOutAction = make(tr("Sign &out of the sync server"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        tr("Forget this laptop's sync sign-in (the server stays set)"));
    connect(m_signOutAction, &QAction::triggered, this, &MainWindow::signOut);
}

void MainWindow::updateSyncActions()
{
    const bool unlocked = m_session.isUnlocked();
    const int issues = m_sync->openIssues();
    m_syncIssuesAction->setText(
        issues > 0 ? tr("Sync &problems (%1)...").arg(issues) : tr("Sync &problems..."));
    const SyncController::State state = m_sync->state();
    const bool signedIn
        = state != SyncController::State::NotSignedIn && state != SyncController::State::Locked;
    m_syncNowAction->setEnabled(unlocked && signedIn && state != SyncController::State::Syncing
        && state != SyncController::State::SignInAgain && state != SyncController::State::Withdrawn
        && state != SyncController::State::WipeRequested);
    m_signOutAction->setEnabled(unlocked && signedIn);
    m_signInAction->setEnabled(unlocked);
    m_syncIssuesAction->setEnabled(unlocked);
}

void MainWindow::signIn()
{
    if (!m_session.isUnlocked())
        return;
    SignInDialog dialog(m_session, this);
    connect(&m_session, &StoreSession::aboutToLock, &dialog, &QDialog::reject);
    connect(&dialog, &SignInDialog::signedIn, m_sync, &SyncController::signedIn);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Signed in to the sync server."), 15000);
}

void MainWindow::signOut()
{
    Store* store = m_session.store();
    if (!store)
        return;
    const int waiting = OutboxSummary(*store).pendingCount();
    if (waiting > 0) {
        QMessageBox box(QMessageBox::Warning, tr("Sign out of the sync server"),
            tr("%n change(s) made on this laptop have not reached the server yet.", nullptr, waiting),
            QMessageBox::NoButton, this);
        box.setInformativeText(tr("They stay on this laptop and are sent when you sign in again as the same "
                                  "worker."));
        QPushButton* out = box.addButton(tr("Sign out"), QMessageBox::DestructiveRole);
        box.addButton(tr("Stay signed in"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() != out)
            return;
    }
    m_sync->signOut();
    statusBar()->showMessage(tr("Signed out of the sync server."), 15000);
}

void MainWindow::openSyncIssues()
{
    if (!m_session.isUnlocked())
        return;
    SyncIssuesDialog dialog(m_session, this);
    QString toOpen;
    connect(
        &dialog, &SyncIssuesDialog::openCaseRequested, this, [&toOpen](const QString& id) { toOpen = id; });
    connect(&dialog, &SyncIssuesDialog::decided, m_sync, &SyncController::refreshStatus);
    dialog.exec();
    m_sync->refreshStatus();
    if (toOpen.isEmpty() || !m_session.isUnlocked())
        return;
    const int row = m_cases->rowForCaseId(toOpen);
    if (row >= 0)
        m_table->selectRow(row);
    else
        m_workspace->openCase(toOpen);
    m_workspace->tabs()->setCurrentIndex(0);
}

void MainWindow::onSyncFinished(const SyncSummary& summary)
{
    m_statusCounts->refresh();
    const int removed = static_cast<int>(summary.removedCaseReferences.size());
    const int reopen = static_cast<int>(summary.reopenCaseReferences.size());
    const int renumbered = static_cast<int>(summary.renumberedCases.size());
    const int renamed = static_cast<int>(summary.renamedAgencies.size());
    if (removed == 0 && reopen == 0 && renumbered == 0 && renamed == 0)
        return;
    // Non-modal: the worker finishes what they were doing and opens it when ready.
    delete m_syncNotice;
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("Sync needs your attention"), QString(), QMessageBox::NoButton, this);
    QStringList lines;
    if (removed > 0)
        lines << tr("%n case(s) were taken off this laptop because the server no longer shares them: %1.",
            nullptr, removed)
                     .arg(summary.removedCaseReferences.join(QStringLiteral(", ")));
    if (reopen > 0)
        lines << tr("%n case(s) were closed on the server after you changed them here: %1. Decide whether to "
                    "reopen them.",
            nullptr, reopen)
                     .arg(summary.reopenCaseReferences.join(QStringLiteral(", ")));
    if (renumbered > 0)
        lines << tr("%n new case(s) got a new reference because another laptop's new case reached the server "
                    "first with the same one: %1.",
            nullptr, renumbered)
                     .arg(summary.renumberedCases.join(QStringLiteral(", ")));
    if (renamed > 0)
        lines << tr("%n agency(ies) added here were renamed because another laptop added one with the same "
                    "name first: %1. A team lead can mark the duplicate inactive.",
            nullptr, renamed)
                     .arg(summary.renamedAgencies.join(QStringLiteral(", ")));
    box->setText(lines.join(QStringLiteral("\n\n")));
    QPushButton* open = box->addButton(tr("Open sync problems"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setModal(false);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(open, &QPushButton::clicked, this, &MainWindow::openSyncIssues, Qt::QueuedConnection);
    connect(&m_session, &StoreSession::aboutToLock, box, &QWidget::close);
    m_syncNotice = box;
    connect(box, &QObject::destroyed, this, [this, box] {
        if (m_syncNotice == box)
            m_syncNotice = nullptr;
    });
    box->show();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_newCaseAction, m_importAction, m_exportFiguresAction, m_printReportAction});
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addActions({m_lockAction, m_quitAction});
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_undoAction, m_redoAction});
    edit->addSeparator();
    edit->addActions({m_findAction, m_clearFiltersAction});
    QMenu* caseMenu = menuBar()->addMenu(tr("&Case"));
    caseMenu->addActions({m_editDetailsAction, m_addNoteAction, m_printSummaryAction});
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addActions({m_listAction, m_caseAction, m_dashboardAction});
    QMenu* sync = menuBar()->addMenu(tr("&Sync"));
    sync->addAction(m_syncNowAction);
    sync->addSeparator();
    sync->addActions({m_signInAction, m_syncIssuesAction, m_signOutAction});
    QMenu* help = menuBar()->addMenu(tr("Hel&p"));
    help->addAction(m_shortcutsAction);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->addActions(
        {m_lockAction, m_newCaseAction, m_importAction, m_undoAction, m_syncNowAction, m_settingsAction});
}

void MainWindow::showShortcuts()
{
    QString rows;
    for (QAction* action : actions()) {
        if (action->shortcut().isEmpty())
            continue;
        rows += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                    .arg(action->text().remove(QLatin1Char('&')).toHtmlEscaped(),
                        action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
    }
    QMessageBox box(this);
    box.setWindowTitle(tr("Keyboard shortcuts"));
    box.setTextFormat(Qt::RichText);
    box.setText(QStringLiteral("<table cellspacing=6>%1</table>").arg(rows)
        + tr("<p>In a case, Alt with the underlined letter opens a tab (Alt+O Overview, Alt+D Needs, "
             "Alt+A Actions, Alt+N Notes, Alt+U Outcomes, Alt+H History). Ctrl+Enter saves a note.</p>"));
    box.exec();
}

void MainWindow::importReferrals()
{
    ImportDialog dialog(m_session, this);
    QStringList references;
    connect(&dialog, &ImportDialog::imported, this,
        [&references](const QStringList& refs) { references = refs; });
    dialog.exec();
    if (references.isEmpty() || !m_session.isUnlocked())
        return;
    statusBar()->showMessage(
        tr("Imported %n referral(s).", nullptr, static_cast<int>(references.size())), 15000);
    // Show the first imported case, if the list's filters let it through.
    const std::optional<CaseRecord> first
        = CaseRepository(*m_session.store()).byReference(references.first());
    const int row = first ? m_cases->rowForCaseId(first->meta.id) : -1;
    if (row >= 0)
        m_table->selectRow(row);
}

void MainWindow::newReferral()
{
    NewCaseDialog dialog(m_session, this);
    if (dialog.exec() == QDialog::Accepted) {
        const int row = m_cases->rowForCaseId(dialog.createdCaseId());
        if (row >= 0)
            m_table->selectRow(row);
    }
}

void MainWindow::showStartPage()
{
    if (m_session.isUnlocked())
        m_pages->setCurrentWidget(m_views);
    else if (m_session.storeExists())
        m_pages->setCurrentWidget(m_unlock);
    else
        m_pages->setCurrentWidget(m_welcome);
    for (QAction* action : std::as_const(m_unlockedActions))
        action->setEnabled(m_session.isUnlocked());
    updateSyncActions();
    updateStatus();
}

void MainWindow::onUnlocked()
{
    m_settings.setValue(AppSettings::Key::StorePath, m_session.storePath());
    m_inactivity->setTimeout(m_settings.autoLockMinutes() * 60 * 1000);
    m_inactivity->start();
    fillFilterChoices();
    showStartPage();
    m_table->setFocus();
}

void MainWindow::onLocked()
{
    m_inactivity->stop();
    clearFilters();
    fillFilterChoices();
    showStartPage();
}

void MainWindow::applyFilter()
{
    CaseFilter filter;
    filter.search = m_search->text();
    filter.status = m_status->currentData().toString();
    filter.overdueOnly = m_overdue->isChecked();
    filter.leadWorker = m_leadWorker->currentData().toString();
    filter.needKey = m_need->currentData().toString();
    filter.agencyId = m_agency->currentData().toString();
    filter.risk = m_risk->currentData().toString();
    // The dashboard's narrowing stays under whatever the worker adds, until cleared.
    if (m_dashboardFilter) {
        filter.referredFrom = m_dashboardFilter->referredFrom;
        filter.referredTo = m_dashboardFilter->referredTo;
        filter.referringAgencyName = m_dashboardFilter->referringAgencyName;
    }
    m_cases->setFilter(filter);
}

void MainWindow::printCaseSummary()
{
    Store* store = m_session.store();
    const QString caseId = m_workspace->caseId();
    if (!store || caseId.isEmpty()) {
        statusBar()->showMessage(tr("Open a case first: the summary printed is the open case's."), 5000);
        return;
    }
    const std::optional<CaseRecord> record = CaseRepository(*store).get(caseId);
    if (!record)
        return;
    PrintSummaryDialog dialog(*store, record->reference, this);
    dialog.exec();
}

void MainWindow::openSelectedCase()
{
    const int row = m_table->currentIndex().row();
    if (row >= 0)
        m_workspace->openCase(m_cases->caseIdAt(row));
}

void MainWindow::updateStatus()
{
    m_lastSync->setText(lastSyncText());
    if (!m_session.isUnlocked()) {
        m_lockState->setText(tr("Locked"));
        m_pending->clear();
        m_counts->clear();
        return;
    }
    m_lockState->setText(tr("Unlocked: %1").arg(QDir::toNativeSeparators(m_session.storePath())));
    if (!m_statusCounts->hasCounts()) {
        m_pending->setText(tr("Counting changes waiting to sync..."));
        m_counts->setText(tr("%1 shown of %2 matching").arg(m_cases->rowCount()).arg(m_cases->totalCount()));
        return;
    }
    const QMap<QString, int> counts = m_statusCounts->byStatus();
    // After a good sync the sync line names the changes waiting itself; once is enough.
    const SyncController::State sync = m_sync->state();
    if (sync == SyncController::State::Idle)
        m_pending->clear();
    else
        m_pending->setText(tr("%n change(s) waiting to sync", nullptr, m_statusCounts->pendingChanges()));
    m_counts->setText(tr("%1 shown of %2 matching; %3 open, %4 closed in all")
                          .arg(m_cases->rowCount())
                          .arg(m_cases->totalCount())
                          .arg(counts.value(QStringLiteral("open")))
                          .arg(counts.value(QStringLiteral("closed"))));
}

QString MainWindow::lastSyncText() const
{
    if (!m_session.isUnlocked())
        return tr("Sync waits until the store is unlocked");
    return m_sync->statusText();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Locking first lets open editors park unsaved text as drafts inside the store.
    m_session.lock();
    QMainWindow::closeEvent(event);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, m_session.store(), this);
    connect(&dialog, &SettingsDialog::signInRequested, this, [this, &dialog] {
        signIn();
        dialog.refreshSyncAccount();
    });
    // The team settings write through the open store: the dialog cannot outlive it.
    connect(&m_session, &StoreSession::aboutToLock, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || !m_session.isUnlocked())
        return;
    m_inactivity->setTimeout(m_settings.autoLockMinutes() * 60 * 1000);
    m_inactivity->start();
    m_sync->setIntervalMinutes(m_settings.value(AppSettings::Key::SyncIntervalMinutes).toInt());
    // Team settings are synced records: the waiting count grows, and the open case's
    // outcomes are shown against the norms as they now are.
    m_statusCounts->refresh();
    if (!m_workspace->caseId().isEmpty())
        m_session.notifyCaseChanged(m_workspace->caseId());
}
