#include "NewCaseDialog.h"

#include "FormDraft.h"
#include "core/ReferralRow.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "models/StoreSession.h"
#include "store/AgencyRepository.h"
#include "store/ReferralImporter.h"
#include "store/StoreError.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>

namespace {
constexpr int maxShortText = 200;
constexpr int maxLongText = 5000;

QComboBox* vocabularyCombo(const Vocabulary& vocabulary, const QString& current, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    for (const QString& key : vocabulary.keys())
        combo->addItem(vocabulary.label(key), key);
    combo->setCurrentIndex(combo->findData(current));
    return combo;
}
} // namespace

NewCaseDialog::NewCaseDialog(StoreSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("New referral"));
    setMinimumWidth(480);
    auto* form = new QFormLayout(this);
    m_agency = new QComboBox(this);
    m_agency->setEditable(true);
    m_agency->setAccessibleName(tr("Referring agency"));
    if (Store* store = m_session.store()) {
        for (const Agency& a : AgencyRepository(*store).list())
            m_agency->addItem(a.name);
    }
    m_agency->setCurrentText(QString());
    form->addRow(tr("Referring &agency:"), m_agency);
    m_referralDate = new QDateEdit(QDate::currentDate(), this);
    m_referralDate->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_referralDate->setCalendarPopup(true);
    m_referralDate->setMaximumDate(QDate::currentDate());
    form->addRow(tr("Referral &date:"), m_referralDate);
    m_referrer = new QLineEdit(this);
    form->addRow(tr("Re&ferred by:"), m_referrer);
    m_given = new QLineEdit(this);
    form->addRow(tr("&Given name:"), m_given);
    m_family = new QLineEdit(this);
    form->addRow(tr("Fa&mily name:"), m_family);
    m_nhs = new QLineEdit(this);
    m_nhs->setPlaceholderText(tr("10 digits, optional"));
    form->addRow(tr("&NHS number:"), m_nhs);
    m_postcode = new QLineEdit(this);
    form->addRow(tr("&Postcode:"), m_postcode);
    m_reason = new QPlainTextEdit(this);
    m_reason->setTabChangesFocus(true);
    m_reason->setAccessibleName(tr("Reason for referral"));
    form->addRow(tr("&Reason:"), m_reason);
    m_consent = vocabularyCombo(Vocabulary::consentStatuses(), QStringLiteral("not-sought"), this);
    form->addRow(tr("&Consent to share:"), m_consent);
    m_risk = vocabularyCombo(Vocabulary::riskLevels(), QStringLiteral("low"), this);
    form->addRow(tr("Ris&k:"), m_risk);
    m_needs = new QListWidget(this);
    m_needs->setAccessibleName(tr("Needs"));
    for (const QString& key : Vocabulary::needs().keys()) {
        auto* item = new QListWidgetItem(Vocabulary::needs().label(key), m_needs);
        item->setData(Qt::UserRole, key);
        item->setCheckState(Qt::Unchecked);
    }
    form->addRow(tr("N&eeds:"), m_needs);
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->hide();
    form->addRow(m_problems);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save().isEmpty())
            accept();
    });
    form->addRow(buttons);
    // What was typed is parked in the store first (FormDraft, on aboutToLock); then nothing
    // of the referral stays on screen while the store is locked.
    m_draft = new FormDraft(m_session, this, QStringLiteral("dialog:new-referral"), QString());
    connect(&m_session, &StoreSession::locked, this, &QDialog::reject);
}

QString NewCaseDialog::save()
{
    Store* store = m_session.store();
    if (!store)
        return tr("The store is locked.");
    QStringList problems;
    const auto check = [&](const QString& problem) {
        if (!problem.isEmpty())
            problems << problem;
    };
    ReferralRow row;
    row.referringAgencyName = m_agency->currentText().trimmed();
    check(Validation::requiredText(row.referringAgencyName, tr("Referring agency"), maxShortText));
    CaseRecord& record = row.caseRecord;
    record.referralDate = m_referralDate->date();
    record.statusDate = record.referralDate;
    record.referrerName = m_referrer->text().trimmed();
    check(Validation::optionalText(record.referrerName, tr("Referred by"), maxShortText));
    record.reason = m_reason->toPlainText().trimmed();
    check(Validation::requiredText(record.reason, tr("Reason"), maxLongText));
    record.consent = m_consent->currentData().toString();
    record.risk = m_risk->currentData().toString();
    row.subject.givenName = m_given->text().trimmed();
    row.subject.familyName = m_family->text().trimmed();
    if (row.subject.givenName.isEmpty() && row.subject.familyName.isEmpty())
        problems << tr("Give the referred person's given name or family name.");
    check(Validation::optionalText(row.subject.givenName, tr("Given name"), maxShortText));
    check(Validation::optionalText(row.subject.familyName, tr("Family name"), maxShortText));
    if (!m_nhs->text().trimmed().isEmpty()) {
        check(Validation::nhsNumber(m_nhs->text()));
        row.subject.nhsNumber = Validation::normaliseNhsNumber(m_nhs->text());
    }
    if (!m_postcode->text().trimmed().isEmpty()) {
        check(Validation::postcode(m_postcode->text()));
        row.subject.postcode = Validation::normalisePostcode(m_postcode->text());
    }
    for (int i = 0; i < m_needs->count(); ++i) {
        if (m_needs->item(i)->checkState() == Qt::Checked)
            row.needs << m_needs->item(i)->data(Qt::UserRole).toString();
    }
    if (problems.isEmpty()) {
        try {
            ReferralImporter(*store).addReferral(row);
            m_createdCaseId = row.caseRecord.meta.id;
            m_session.notifyCaseAdded(m_createdCaseId);
        } catch (const StoreError& e) {
            problems << e.message();
        }
    }
    const QString text = problems.join(QLatin1Char('\n'));
    m_problems->setText(text);
    m_problems->setVisible(!text.isEmpty());
    return text;
}
