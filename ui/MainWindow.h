#pragma once

#include "store/CaseFilter.h"

#include <QMainWindow>

#include <optional>

class AppSettings;
class CaseListModel;
class CaseWorkspace;
class DashboardPage;
class InactivityTimer;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTabWidget;
class QTableView;
class StatusCounts;
class SyncController;
struct SyncSummary;
class StoreSession;
class UnlockWidget;
class WelcomeWidget;

// The window a worker lives in: welcome (first run), unlock, or two views of an unlocked
// store: Cases (the list beside the open case) and Dashboard (the period's figures and
// charts). Locks on demand (Ctrl+L) and after the configured minutes without input.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(StoreSession& session, AppSettings& settings, QWidget* parent = nullptr);

    CaseListModel* caseListModel() const { return m_cases; }
    CaseWorkspace* workspace() const { return m_workspace; }
    SyncController* syncController() const { return m_sync; }
    // The notice after a sync that removed cases or asked for reopen decisions (null until then).
    QWidget* syncNotice() const { return m_syncNotice; }
    QTableView* caseTable() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    QTabWidget* views() const { return m_views; }
    DashboardPage* dashboard() const { return m_dashboard; }
    // The dashboard's narrowing of the list, in words ("Cases referred by ..."); empty when none.
    QString dashboardFilterText() const;
    // Shows the Cases view narrowed to exactly these cases (every other filter cleared).
    void showCasesFromDashboard(const CaseFilter& filter, const QString& description);
    void showStartPage();
    // Narrows the list to one lead worker, need, agency or risk (empty = any), as the combos do.
    void setFilterChoice(
        const QString& leadWorker, const QString& needKey, const QString& agencyId, const QString& risk);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* buildCasesPage();
    QLayout* buildFilterRow(QWidget* page);
    QWidget* buildDashboardFilterBar(QWidget* page);
    void buildViewActions();
    QAction* makeAction(const QString& text, const QKeySequence& keys, const QString& tip, bool needsStore);
    void buildActions();
    void buildMenus();
    void fillFilterChoices();
    void clearFilters();
    void resetFilterWidgets();
    void showShortcuts();
    void newReferral();
    void importReferrals();
    void onUnlocked();
    void onLocked();
    void applyFilter();
    void updateStatus();
    QString lastSyncText() const;
    void buildSyncActions();
    void updateSyncActions();
    void signIn();
    void signOut();
    void openSyncIssues();
    void onSyncFinished(const SyncSummary& summary);
    void openSettings();
    void openSelectedCase();
    void printCaseSummary();

    StoreSession& m_session;
    AppSettings& m_settings;
    QStackedWidget* m_pages = nullptr;
    WelcomeWidget* m_welcome = nullptr;
    UnlockWidget* m_unlock = nullptr;
    QTabWidget* m_views = nullptr;
    QWidget* m_casesPage = nullptr;
    DashboardPage* m_dashboard = nullptr;
    QWidget* m_dashboardFilterBar = nullptr;
    QLabel* m_dashboardFilterLabel = nullptr;
    std::optional<CaseFilter> m_dashboardFilter;
    CaseListModel* m_cases = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QCheckBox* m_overdue = nullptr;
    QComboBox* m_leadWorker = nullptr;
    QComboBox* m_need = nullptr;
    QComboBox* m_agency = nullptr;
    QComboBox* m_risk = nullptr;
    QLabel* m_counts = nullptr;
    CaseWorkspace* m_workspace = nullptr;
    InactivityTimer* m_inactivity = nullptr;
    QLabel* m_lockState = nullptr;
    QLabel* m_pending = nullptr;
    QLabel* m_lastSync = nullptr;
    StatusCounts* m_statusCounts = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_newCaseAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_clearFiltersAction = nullptr;
    QAction* m_editDetailsAction = nullptr;
    QAction* m_addNoteAction = nullptr;
    QAction* m_listAction = nullptr;
    QAction* m_caseAction = nullptr;
    QAction* m_dashboardAction = nullptr;
    QAction* m_exportFiguresAction = nullptr;
    QAction* m_printReportAction = nullptr;
    QAction* m_printSummaryAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_syncNowAction = nullptr;
    QAction* m_signInAction = nullptr;
    QAction* m_syncIssuesAction = nullptr;
    QAction* m_signOutAction = nullptr;
    SyncController* m_sync = nullptr;
    QWidget* m_syncNotice = nullptr;
    QList<QAction*> m_unlockedActions; // enabled only while a store is open
};
