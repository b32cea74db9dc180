#pragma once

#include "core/CaseRecord.h"
#include "core/Person.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class FormDraft;
class QGridLayout;
class QLabel;
class QTabWidget;
class QUndoStack;
class StoreSession;

// Edits a case's details (referral, consent, risk and review) and its subject's details,
// in one tab per section. Every field is checked with core's rules before anything is
// written, each problem shown beside its field; the case and the subject are written in
// one transaction and the edit goes on the case's undo stack. Status, closure and decline
// are not here: they have their own lifecycle buttons and rules.
class CaseDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    // In reading order: tab order, the order problems are listed in, and the index of
    // field() and problemLabel().
    enum class Field {
        GivenName,
        FamilyName,
        PreferredName,
        DateOfBirth,
        NhsNumber,
        PreferredLanguage,
        AccessNeeds,
        Address,
        Postcode,
        Ward,
        Phone,
        Email,
        GpPractice,
        ReferralDate,
        ReferringAgency,
        ReferrerName,
        ReferrerContact,
        Reason,
        Consent,
        ConsentDate,
        ConsentRecordedBy,
        LawfulBasis,
        Risk,
        RiskRationale,
        LeadWorker,
        ReviewDate,
    };
    static constexpr int FieldCount = static_cast<int>(Field::ReviewDate) + 1;
    using UndoFailureHandler = std::function<void(const QString& message)>;

    CaseDetailsDialog(
        StoreSession& session, const QString& caseId, QUndoStack* undoStack, QWidget* parent = nullptr);

    // Checks every field and writes what changed. Returns an empty string when written (or
    // nothing changed), otherwise the first problem; every problem is then shown beside its
    // field, the first one's tab is brought forward and nothing is written.
    QString save();
    // Every problem found by the last save(), in reading order.
    QStringList problems() const { return m_lastProblems; }

    // Where an undo or redo that cannot be done (the case changed since, the store locked)
    // is reported. By default a message box over the undo stack's window.
    void setUndoFailureHandler(UndoFailureHandler handler) { m_undoFailure = std::move(handler); }

    // The editors and their problem labels, for tests and for focusing one.
    QWidget* field(Field which) const { return m_fields.at(static_cast<int>(which)); }
    QLabel* problemLabel(Field which) const { return m_problemLabels.at(static_cast<int>(which)); }
    QTabWidget* sections() const { return m_tabs; }
    FormDraft* draft() const { return m_draft; }

private:
    // What the form holds, as records, with the problem (if any) of each field.
    struct FormValues
    {
        CaseRecord record;
        std::optional<Person> subject;
        QStringList problems; // indexed by Field, empty where the field is fine
    };

    void load();
    QWidget* buildSubjectPage();
    QWidget* buildReferralPage();
    QWidget* buildConsentPage();
    QWidget* buildRiskPage();
    QGridLayout* newGrid(QWidget* page);
    void addField(
        QGridLayout* grid, Field which, const QString& label, QWidget* editor, const QString& accessibleName);
    void fill();
    void watchForChanges();
    void updateRequiredHints();
    void suggestConsentRecorder();

    FormValues readForm() const;
    void readSubject(FormValues& values) const;
    void readReferral(FormValues& values) const;
    void readConsentAndRisk(FormValues& values) const;
    void showProblems(const QStringList& problems);
    QString showGeneralProblem(const QString& problem);
    QString changedSinceOpened() const;
    void pushUndo(const CaseRecord& recordAfter, const std::optional<Person>& subjectAfter);
    UndoFailureHandler undoFailureHandler() const;

    QString text(Field which) const;
    void setText(Field which, const QString& value);

    StoreSession& m_session;
    QString m_caseId;
    QPointer<QUndoStack> m_undoStack;
    CaseRecord m_record; // as stored when opened or last saved
    std::optional<Person> m_subject; // likewise; none when the case has no subject
    QTabWidget* m_tabs = nullptr;
    QStringList m_tabTitles;
    QList<QWidget*> m_fields;
    QList<QLabel*> m_problemLabels;
    QList<int> m_tabOfField;
    QList<QGridLayout*> m_grids;
    int m_labelWidth = 0;
    QLabel* m_generalProblem = nullptr;
    QStringList m_lastProblems;
    bool m_checkAsTyped = false;
    UndoFailureHandler m_undoFailure;
    FormDraft* m_draft = nullptr;
};
