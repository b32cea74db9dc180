#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QDialog;
class QLabel;
class QWidget;
class StoreSession;

// Keeps what a worker typed into a modal dialog when the store locks under it. The dialogs
// close on lock so no personal data stays on screen, which used to throw the typing away.
// Just before the store closes (aboutToLock) the fields that differ from what the dialog
// opened with are saved as a draft inside the encrypted store (DraftRepository, never a
// file of its own); the next time the same dialog opens they are put back, with a note
// saying so. Saving or cancelling the dialog discards the draft; closing on lock does not.
//
// Create it once the dialog has filled its fields: what they hold then is the baseline a
// draft is measured against, so an untouched dialog leaves no draft. Fields are matched by
// objectName when set, otherwise by class and position among the dialog's editors, so a
// dialog must build its editors in the same order each time (it does: one constructor).
class FormDraft : public QObject
{
    Q_OBJECT

public:
    FormDraft(StoreSession& session, QDialog* dialog, const QString& draftKey, const QString& caseId);

    QString draftKey() const { return m_key; }
    // Whether a draft was put back into the dialog when this was created.
    bool restored() const { return m_restored; }
    // The note shown in the dialog when a draft was put back; null otherwise.
    QLabel* restoredNote() const { return m_note; }

private:
    struct Editor
    {
        QString id;
        QWidget* widget;
    };

    QList<Editor> editors() const;
    QJsonObject values() const;
    QJsonObject changedValues() const;
    void restore();
    void showRestoredNote();
    void park();
    void discard();

    StoreSession& m_session;
    QPointer<QDialog> m_dialog;
    QString m_key;
    QString m_caseId;
    QJsonObject m_opened; // every field as the dialog filled it, before any draft went in
    QLabel* m_note = nullptr;
    bool m_restored = false;
    bool m_stored = false; // a draft under m_key is (or may be) in the store
    bool m_locking = false; // from aboutToLock until the next unlock
};
