#pragma once

#include "models/SyncIssuesModel.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class StoreSession;

// What the syncs left for a worker to decide, one tab each (models/SyncIssuesModel):
// conflicts (Keep the server's / Use mine), changes set aside by the server (Send again),
// cases removed from this laptop (Acknowledge) and cases waiting for a reopen decision
// (Open the case). Every decision is written at once and audited by the store.
class SyncIssuesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SyncIssuesDialog(StoreSession& session, QWidget* parent = nullptr);

    SyncIssuesModel* model(SyncIssuesModel::Kind kind) const;
    QTableView* table(SyncIssuesModel::Kind kind) const;
    QTabWidget* tabs() const { return m_tabs; }
    QPushButton* keepServerButton() const { return m_keepServer; }
    QPushButton* useMineButton() const { return m_useMine; }
    QPushButton* sendAgainButton() const { return m_sendAgain; }
    QPushButton* acknowledgeButton() const { return m_acknowledge; }
    QPushButton* openCaseButton() const { return m_openCase; }
    QString problem() const;

signals:
    void openCaseRequested(const QString& caseId);
    // A decision was written (the window recounts).
    void decided();

private:
    struct Page
    {
        SyncIssuesModel* model = nullptr;
        QTableView* table = nullptr;
        QString title;
    };
    QWidget* addPage(SyncIssuesModel::Kind kind, const QString& title, const QString& explanation,
        const QList<QPushButton*>& buttons);
    int selectedRow(SyncIssuesModel::Kind kind) const;
    void act(SyncIssuesModel::Kind kind, const std::function<QString(SyncIssuesModel&, int)>& decision);
    void updateTitles();

    StoreSession& m_session;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_problem = nullptr;
    QList<Page> m_pages; // indexed by Kind
    QPushButton* m_keepServer = nullptr;
    QPushButton* m_useMine = nullptr;
    QPushButton* m_sendAgain = nullptr;
    QPushButton* m_acknowledge = nullptr;
    QPushButton* m_openCase = nullptr;
};
