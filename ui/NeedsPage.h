#pragma once

#include <QWidget>

class NeedsModel;
class QLabel;
class QPushButton;
class QTableView;
class QUndoStack;
class StoreSession;

// The Needs tab of a case: the case's needs with Add and Edit. Writes go through the
// dialog and the repositories and are announced on the session, so every view of the case
// refreshes; edits go onto the given undo stack.
class NeedsPage : public QWidget
{
    Q_OBJECT

public:
    NeedsPage(StoreSession& session, QUndoStack& undoStack, QWidget* parent = nullptr);

    void openCase(const QString& caseId); // shows that case's needs
    void clear(); // empties everything (called on lock)
    QString caseId() const { return m_caseId; }

    QTableView* view() const { return m_view; }
    NeedsModel* model() const { return m_model; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* editButton() const { return m_edit; }
    // Plain words about the last edit, undo or redo that could not be written.
    QLabel* messageLabel() const { return m_message; }

    void addNeed(); // opens the Add dialog
    void editCurrentNeed(); // opens the Edit dialog on the selected need

signals:
    // An undo or redo of a need edit could not be written; the message is fit to show.
    void problem(const QString& message);

private:
    void showMessage(const QString& message);
    void selectNeed(const QString& id);
    void updateButtons();

    StoreSession& m_session;
    QUndoStack& m_undoStack;
    QString m_caseId;
    NeedsModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QLabel* m_message = nullptr;
};
