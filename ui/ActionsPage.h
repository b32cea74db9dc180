#pragma once

#include "ActionDialog.h"

#include <QWidget>

class ActionsModel;
class CaseAgenciesModel;
class QLabel;
class QPushButton;
class QTableView;
class QUndoStack;
class StoreSession;

// The "Agencies and actions" tab of a case: the agencies involved with their contacts (Add
// agency), and the agreed actions with Add, Edit and Mark done. Overdue actions say so in
// words. Writes go through the repositories and are announced on the session; edits and
// marking done go onto the given undo stack.
class ActionsPage : public QWidget
{
    Q_OBJECT

public:
    ActionsPage(StoreSession& session, QUndoStack& undoStack, QWidget* parent = nullptr);

    void openCase(const QString& caseId); // shows that case's agencies and actions
    void clear(); // empties everything (called on lock)
    QString caseId() const { return m_caseId; }

    QTableView* view() const { return m_view; } // the actions
    QTableView* agenciesView() const { return m_agenciesView; }
    ActionsModel* model() const { return m_model; }
    CaseAgenciesModel* agenciesModel() const { return m_agencies; }
    QPushButton* addAgencyButton() const { return m_addAgency; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* markDoneButton() const { return m_markDone; }
    // Plain words about the last undo or redo that could not be written.
    QLabel* messageLabel() const { return m_message; }

    void addAction(); // opens the Add dialog
    void editCurrentAction(); // opens the Edit dialog on the selected action
    void markCurrentActionDone(); // asks when it was done and what came of it
    void askAddAgency(); // asks which agency and its contact

    // Involves an agency in the open case with its contact for it. Returns an empty string
    // when written, otherwise why not; nothing is written then.
    QString addAgency(const QString& agencyId, const QString& contact);
    QString agencyProblem(const QString& agencyId) const;
    static QString contactProblem(const QString& contact);

signals:
    // An undo or redo of an action edit could not be written; the message is fit to show.
    void problem(const QString& message);

private:
    QWidget* buildAgencies();
    QWidget* buildActions();
    void runActionDialog(ActionDialog::Mode mode);
    void showMessage(const QString& message);
    void selectAction(const QString& id);
    void updateButtons();

    StoreSession& m_session;
    QUndoStack& m_undoStack;
    QString m_caseId;
    ActionsModel* m_model = nullptr;
    CaseAgenciesModel* m_agencies = nullptr;
    QTableView* m_view = nullptr;
    QTableView* m_agenciesView = nullptr;
    QPushButton* m_addAgency = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_markDone = nullptr;
    QLabel* m_message = nullptr;
};
