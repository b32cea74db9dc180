#pragma once

#include "StoreEditCommand.h"
#include "core/CaseNeed.h"

#include <QDialog>

#include <utility>

class FormDraft;
class QComboBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QUndoStack;
class StoreSession;

// Adds a need to a case, or edits one already on it. Every field is checked with core's
// rules and each problem is shown beside its field; nothing is written while any remains.
// An edit that reached the store goes onto the undo stack; adding is not undoable (the
// store has no delete).
class NeedDialog : public QDialog
{
    Q_OBJECT

public:
    NeedDialog(
        StoreSession& session, QUndoStack& undoStack, const QString& caseId, QWidget* parent = nullptr);

    // Switches to editing this need; its kind stays as recorded.
    void setNeed(const CaseNeed& need);
    bool isEditing() const { return !m_original.meta.id.isEmpty(); }
    // Called when a later undo or redo of this edit cannot be written (the store locked,
    // the need changed since); the message is a plain sentence.
    void setUndoFailureHandler(StoreEditCommand::Failure handler) { m_onUndoFailure = std::move(handler); }

    // Checks and writes; returns an empty string when saved (the dialog then closes on
    // Save), otherwise every problem, one per line, and nothing is written.
    QString save();
    QString savedNeedId() const { return m_savedId; }
    // Parks what was typed in the store if it locks; null until the dialog first shows.
    FormDraft* draft() const { return m_draft; }

    void setVisible(bool visible) override;

    QComboBox* needField() const { return m_need; }
    QComboBox* severityField() const { return m_severity; }
    QComboBox* statusField() const { return m_status; }
    QSpinBox* clutterField() const { return m_clutter; }
    QPlainTextEdit* notesField() const { return m_notes; }
    QLabel* needProblem() const { return m_needProblem; }
    QLabel* clutterProblem() const { return m_clutterProblem; }
    QLabel* notesProblem() const { return m_notesProblem; }
    QLabel* saveProblem() const { return m_saveProblem; }

private:
    void buildFields(QFormLayout* form);
    void markNeedsOnCase();
    CaseNeed needFromFields() const;
    // Shows each problem beside its field; returns them all (empty when none).
    QStringList check(const CaseNeed& need);
    QString duplicateProblem(const QString& needKey) const;
    QString write(CaseNeed& need);
    void pushUndo(const CaseNeed& before, const CaseNeed& after, const QString& reference);
    void followNeedKind();

    StoreSession& m_session;
    QUndoStack& m_undoStack;
    QString m_caseId;
    CaseNeed m_original;
    QString m_savedId;
    bool m_checked = false; // after the first Save, problems follow every change
    StoreEditCommand::Failure m_onUndoFailure;
    QComboBox* m_need = nullptr;
    QComboBox* m_severity = nullptr;
    QComboBox* m_status = nullptr;
    QSpinBox* m_clutter = nullptr;
    QLabel* m_clutterHint = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QLabel* m_needProblem = nullptr;
    QLabel* m_clutterProblem = nullptr;
    QLabel* m_notesProblem = nullptr;
    QLabel* m_saveProblem = nullptr;
    FormDraft* m_draft = nullptr;
};
