#pragma once

#include "StoreEditCommand.h"
#include "core/CaseAction.h"

#include <QDate>
#include <QDialog>

#include <utility>

class FormDraft;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QUndoStack;
class StoreSession;

// Agrees a new action on a case, edits one, or marks one done (asking when and what came of
// it). Every field is checked and each problem is shown beside its field; nothing is written
// while any remains. Edits and marking done go onto the undo stack once written.
class ActionDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit, MarkDone };

    ActionDialog(
        StoreSession& session, QUndoStack& undoStack, const QString& caseId, QWidget* parent = nullptr);

    // Switches to editing this action, or (MarkDone) to asking only its completion.
    void setAction(const CaseAction& action, Mode mode = Mode::Edit);
    Mode mode() const { return m_mode; }
    void setUndoFailureHandler(StoreEditCommand::Failure handler) { m_onUndoFailure = std::move(handler); }

    // Checks and writes; returns an empty string when saved (the dialog then closes on
    // Save), otherwise every problem, one per line, and nothing is written.
    QString save();
    QString savedActionId() const { return m_savedId; }
    // Parks what was typed in the store if it locks; null until the dialog first shows.
    FormDraft* draft() const { return m_draft; }

    void setVisible(bool visible) override;

    QPlainTextEdit* descriptionField() const { return m_description; }
    QComboBox* agencyField() const { return m_agency; }
    QLineEdit* ownerField() const { return m_owner; }
    QCheckBox* hasDueField() const { return m_hasDue; }
    QDateEdit* dueField() const { return m_due; }
    QComboBox* statusField() const { return m_status; }
    QDateEdit* completedField() const { return m_completed; }
    QPlainTextEdit* outcomeField() const { return m_outcome; }
    QLabel* descriptionProblem() const { return m_descriptionProblem; }
    QLabel* dueProblem() const { return m_dueProblem; }
    QLabel* completedProblem() const { return m_completedProblem; }
    QLabel* saveProblem() const { return m_saveProblem; }

private:
    void buildFields(QFormLayout* form);
    void loadAgencies();
    CaseAction actionFromFields() const;
    QStringList check(const CaseAction& action);
    QString write(CaseAction& action);
    void pushUndo(const CaseAction& before, const CaseAction& after, const QString& reference);
    void followStatus();

    StoreSession& m_session;
    QUndoStack& m_undoStack;
    QString m_caseId;
    QDate m_referralDate;
    Mode m_mode = Mode::Add;
    CaseAction m_original;
    QString m_savedId;
    bool m_checked = false; // after the first Save, problems follow every change
    StoreEditCommand::Failure m_onUndoFailure;
    QFormLayout* m_form = nullptr;
    QHBoxLayout* m_dueRow = nullptr;
    QLabel* m_heading = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QComboBox* m_agency = nullptr;
    QLineEdit* m_owner = nullptr;
    QCheckBox* m_hasDue = nullptr;
    QDateEdit* m_due = nullptr;
    QComboBox* m_status = nullptr;
    QDateEdit* m_completed = nullptr;
    QPlainTextEdit* m_outcome = nullptr;
    QLabel* m_descriptionProblem = nullptr;
    QLabel* m_ownerProblem = nullptr;
    QLabel* m_dueProblem = nullptr;
    QLabel* m_completedProblem = nullptr;
    QLabel* m_outcomeProblem = nullptr;
    QLabel* m_saveProblem = nullptr;
    FormDraft* m_draft = nullptr;
};
