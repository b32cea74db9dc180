#pragma once

#include <QDialog>

class FormDraft;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class StoreSession;

// Records a new referral: who referred, the person referred, why, consent, risk and
// needs. Checks every field with core's rules and lists each problem by its field before
// anything is written; on success the case exists with the next free reference.
class NewCaseDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewCaseDialog(StoreSession& session, QWidget* parent = nullptr);

    // Validates and saves; returns an empty string on success (the dialog then closes),
    // otherwise the problems, one per line, and nothing is written.
    QString save();
    QString createdCaseId() const { return m_createdCaseId; }

    QComboBox* agencyField() const { return m_agency; }
    QLineEdit* givenNameField() const { return m_given; }
    QLineEdit* familyNameField() const { return m_family; }
    QLineEdit* nhsNumberField() const { return m_nhs; }
    QLineEdit* postcodeField() const { return m_postcode; }
    QPlainTextEdit* reasonField() const { return m_reason; }
    QListWidget* needsField() const { return m_needs; }
    FormDraft* draft() const { return m_draft; }

private:
    StoreSession& m_session;
    QComboBox* m_agency = nullptr;
    QDateEdit* m_referralDate = nullptr;
    QLineEdit* m_referrer = nullptr;
    QLineEdit* m_given = nullptr;
    QLineEdit* m_family = nullptr;
    QLineEdit* m_nhs = nullptr;
    QLineEdit* m_postcode = nullptr;
    QPlainTextEdit* m_reason = nullptr;
    QComboBox* m_consent = nullptr;
    QComboBox* m_risk = nullptr;
    QListWidget* m_needs = nullptr;
    QLabel* m_problems = nullptr;
    QString m_createdCaseId;
    FormDraft* m_draft = nullptr;
};
