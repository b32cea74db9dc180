#pragma once

#include <QMainWindow>

class AppSettings;
class CaseListModel;
class CaseWorkspace;
class InactivityTimer;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class StoreSession;
class UnlockWidget;
class WelcomeWidget;

// The window a worker lives in: welcome (first run), unlock, or the case list beside the
// open case. Locks on demand (Ctrl+L) and after the configured minutes without input.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(StoreSession& session, AppSettings& settings, QWidget* parent = nullptr);

    CaseListModel* caseListModel() const { return m_cases; }
    CaseWorkspace* workspace() const { return m_workspace; }
    QTableView* caseTable() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    void showStartPage();

private:
    QWidget* buildCasesPage();
    void buildActions();
    void onUnlocked();
    void onLocked();
    void applyFilter();
    void updateStatus();
    void openSettings();
    void openSelectedCase();

    StoreSession& m_session;
    AppSettings& m_settings;
    QStackedWidget* m_pages = nullptr;
    WelcomeWidget* m_welcome = nullptr;
    UnlockWidget* m_unlock = nullptr;
    QWidget* m_casesPage = nullptr;
    CaseListModel* m_cases = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QCheckBox* m_overdue = nullptr;
    QLabel* m_counts = nullptr;
    CaseWorkspace* m_workspace = nullptr;
    InactivityTimer* m_inactivity = nullptr;
    QLabel* m_lockState = nullptr;
    QLabel* m_pending = nullptr;
    QLabel* m_lastSync = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_newCaseAction = nullptr;
};
