#pragma once

#include <QWidget>

class ActionsPage;
class AssessmentsModel;
class CaseHistoryModel;
class NeedsPage;
class NotesModel;
struct Assessment;
struct TransitionRequest;
class QDoubleSpinBox;
class QSpinBox;
class QStackedWidget;
class QCheckBox;
class QHBoxLayout;
class QComboBox;
class QDateEdit;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QUndoStack;
class QTableView;
class StoreSession;

// One case, in tabs: Overview, Needs, Actions, Notes (with a new-note form), Outcomes and
// History. Reads through the models and repositories; writes go through repositories and
// are announced on the session so every view refreshes.
class CaseWorkspace : public QWidget
{
    Q_OBJECT

public:
    explicit CaseWorkspace(StoreSession& session, QWidget* parent = nullptr);

    void openCase(const QString& caseId);
    QString caseId() const { return m_caseId; }
    void clear();
    QTabWidget* tabs() const { return m_tabs; }
    NeedsPage* needsPage() const { return m_needsPage; }
    ActionsPage* actionsPage() const { return m_actionsPage; }
    // Moves the open case through its lifecycle under core's rules (CaseLifecycle). Returns
    // an empty string when done, otherwise why not, in plain words; nothing is written then.
    QString changeStatus(const TransitionRequest& request);
    // Records an outcome measure on the open case after checking its values; returns an
    // empty string when saved, otherwise why not.
    QString recordAssessment(Assessment assessment);
    // Starts a correction of a note: the form is filled with its text and the saved note
    // is linked to it (notes are never edited in place).
    void startCorrection(const QString& noteId);
    // The open case's recent edits; emptied when another case opens or the store locks.
    QUndoStack* undoStack() const { return m_undo; }
    // Opens the case details editor for the open case.
    void editDetails();
    // Shows the Notes tab with the keyboard in the new note's text.
    void focusNewNote();
    // The Overview's banner while the open case waits for a reopen decision (a sync found it
    // closed on the server after changes here), and its two answers.
    QWidget* reopenBanner() const { return m_reopenBanner; }
    QPushButton* reopenButton() const { return m_reopenButton; }
    QPushButton* leaveClosedButton() const { return m_leaveClosedButton; }

signals:
    // A short message for the status bar, e.g. why an undo could not be done.
    void statusMessage(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitReopenText();
    QWidget* buildNotesPage();
    QWidget* buildOutcomesPage();
    void saveAssessmentFromForm();
    void refreshOutcomeSummary();
    void refreshOverview();
    void refreshStatusButtons(const QString& status);
    QWidget* buildReopenBanner(QWidget* parent);
    void refreshReopenBanner(const QString& status);
    void reopenFromBanner();
    void leaveClosed();
    void askStatusChange(const QString& to);
    void saveNote();
    void cancelCorrection();
    void fillNoteAgencies();
    void parkDraft();
    void restoreDraft();
    QString draftKey() const;
    QString formDraftKey() const;

    StoreSession& m_session;
    QString m_caseId;
    QLabel* m_title = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTextBrowser* m_overview = nullptr;
    QWidget* m_reopenBanner = nullptr;
    QLabel* m_reopenText = nullptr;
    QPushButton* m_reopenButton = nullptr;
    QPushButton* m_leaveClosedButton = nullptr;
    QHBoxLayout* m_statusButtons = nullptr;
    QLabel* m_outcomeSummary = nullptr;
    QComboBox* m_assessKind = nullptr;
    QComboBox* m_assessStage = nullptr;
    QDateEdit* m_assessDate = nullptr;
    QStackedWidget* m_assessFields = nullptr;
    QSpinBox* m_ons4[4] = {};
    QDoubleSpinBox* m_pam = nullptr;
    QSpinBox* m_gp = nullptr;
    QSpinBox* m_ae = nullptr;
    QSpinBox* m_months = nullptr;
    QLabel* m_assessProblem = nullptr;
    NeedsPage* m_needsPage = nullptr;
    ActionsPage* m_actionsPage = nullptr;
    NotesModel* m_notes = nullptr;
    AssessmentsModel* m_assessments = nullptr;
    CaseHistoryModel* m_history = nullptr;
    QCheckBox* m_significantOnly = nullptr;
    QComboBox* m_noteKind = nullptr;
    QDateEdit* m_noteDate = nullptr;
    QCheckBox* m_noteSignificant = nullptr;
    QPlainTextEdit* m_noteText = nullptr;
    QLabel* m_noteProblem = nullptr;
    QPushButton* m_saveNote = nullptr;
    QComboBox* m_noteAgency = nullptr;
    QCheckBox* m_noteAgencyOnly = nullptr;
    QLabel* m_correcting = nullptr;
    QPushButton* m_cancelCorrection = nullptr;
    QPushButton* m_correctButton = nullptr;
    QTableView* m_notesView = nullptr;
    QString m_correctsNoteId;
    QUndoStack* m_undo = nullptr;
};
