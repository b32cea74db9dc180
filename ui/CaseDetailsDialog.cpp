#include "CaseDetailsDialog.h"

#include "FormDraft.h"
#include "StoreEditCommand.h"
#include "core/CaseDetailsRules.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "models/StoreSession.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"
#include "store/PersonRepository.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtMath>

#include <memory>
#include <utility>

using Field = CaseDetailsDialog::Field;

namespace {
constexpr int maxShortText = 200;
constexpr int maxLongText = 5000;

int index(Field which)
{
    return static_cast<int>(which);
}

QString dateText(const QDate& date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

// Day/month/year as workers write dates here, or ISO as the CLI and exports print them.
QDate parseTypedDate(const QString& typed)
{
    static const QStringList formats {QStringLiteral("d/M/yyyy"), QStringLiteral("dd/MM/yyyy"),
        QStringLiteral("yyyy-MM-dd"), QStringLiteral("d.M.yyyy"), QStringLiteral("d-M-yyyy")};
    for (const QString& format : formats) {
        const QDate date = QDate::fromString(typed, format);
        if (date.isValid())
            return date;
    }
    return {};
}

// NHS numbers are read out and written 3-3-4; the store holds the 10 digits alone.
QString nhsForDisplay(const QString& digits)
{
    if (digits.size() != 10)
        return digits;
    return digits.left(3) + QLatin1Char(' ') + digits.mid(3, 3) + QLatin1Char(' ') + digits.mid(6);
}

QPlainTextEdit* textArea(int lines, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true); // Tab moves on, as in every other field
    const int margins = 2 * (edit->frameWidth() + qCeil(edit->document()->documentMargin()));
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + margins + 2);
    return edit;
}

QLineEdit* dateField(QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setPlaceholderText(QCoreApplication::translate("CaseDetailsDialog", "dd/mm/yyyy"));
    edit->setMaxLength(10);
    return edit;
}

QComboBox* vocabularyCombo(const Vocabulary& vocabulary, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    for (const QString& key : vocabulary.keys())
        combo->addItem(vocabulary.label(key), key);
    return combo;
}

// Keeps the first problem found for a field: a date that cannot be read is reported
// rather than the rule it would then break.
void note(QStringList& problems, Field which, const QString& problem)
{
    if (!problem.isEmpty() && problems.at(index(which)).isEmpty())
        problems[index(which)] = problem;
}

QDate readDate(const QString& typed, const QString& name, Field which, QStringList& problems)
{
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QDate date = parseTypedDate(trimmed);
    if (!date.isValid())
        note(problems, which,
            QCoreApplication::translate(
                "CaseDetailsDialog", "%1 \"%2\" is not a date: type day/month/year, for example 05/03/1968.")
                .arg(name, trimmed));
    return date;
}

// A case and its subject as one version of the details, for undo and redo.
struct DetailsVersion
{
    CaseRecord record;
    std::optional<Person> subject;
};

// Writes `target` over the case and subject, provided the store still holds `expected`
// untouched since (same revision and update stamp); otherwise returns refusal. On success
// target carries the stamps now in the store, so the opposite step can check against it.
QString writeVersion(
    StoreSession& session, const DetailsVersion& expected, DetailsVersion& target, const QString& refusal)
{
    Store* store = session.store();
    if (!store)
        return QCoreApplication::translate("CaseDetailsDialog", "The store is locked.");
    const auto unchanged = [](const RowMeta& now, const RowMeta& then) {
        return now.rev == then.rev && now.updatedAt == then.updatedAt;
    };
    CaseRepository cases(*store);
    PersonRepository people(*store);
    const auto currentRecord = cases.get(expected.record.meta.id);
    if (!currentRecord || !unchanged(currentRecord->meta, expected.record.meta))
        return refusal;
    std::optional<Person> currentSubject;
    if (expected.subject) {
        currentSubject = people.get(expected.subject->meta.id);
        if (!currentSubject || !unchanged(currentSubject->meta, expected.subject->meta))
            return refusal;
    }
    DetailsVersion written = target;
    written.record.meta = currentRecord->meta;
    if (written.subject && currentSubject)
        written.subject->meta = currentSubject->meta;
    try {
        store->write([&] {
            cases.update(written.record);
            if (written.subject)
                people.update(*written.subject, written.record.reference);
        });
    } catch (const StoreError& e) {
        return e.message();
    }
    target = written;
    session.notifyCaseChanged(written.record.meta.id);
    return {};
}
} // namespace

CaseDetailsDialog::CaseDetailsDialog(
    StoreSession& session, const QString& caseId, QUndoStack* undoStack, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_caseId(caseId)
    , m_undoStack(undoStack)
    , m_fields(FieldCount, nullptr)
    , m_problemLabels(FieldCount, nullptr)
    , m_tabOfField(FieldCount, 0)
{
    load();
    setWindowTitle(tr("Edit case details: %1").arg(m_record.reference));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabTitles = {tr("&Subject"), tr("&Referral"), tr("C&onsent"), tr("Ris&k")};
    m_tabs->addTab(buildSubjectPage(), m_tabTitles.at(0));
    m_tabs->addTab(buildReferralPage(), m_tabTitles.at(1));
    m_tabs->addTab(buildConsentPage(), m_tabTitles.at(2));
    m_tabs->addTab(buildRiskPage(), m_tabTitles.at(3));
    layout->addWidget(m_tabs);
    // Fields start at the same place on every tab, so switching tabs does not jolt the eye.
    for (QGridLayout* grid : std::as_const(m_grids))
        grid->setColumnMinimumWidth(0, m_labelWidth);
    m_generalProblem = new QLabel(this);
    m_generalProblem->setWordWrap(true);
    m_generalProblem->hide();
    layout->addWidget(m_generalProblem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save().isEmpty())
            accept();
    });
    layout->addWidget(buttons);
    for (int i = 1; i < FieldCount; ++i)
        setTabOrder(m_fields.at(i - 1), m_fields.at(i));
    fill();
    watchForChanges();
    // After fill(), so the stored details are what a draft is measured against; after
    // watchForChanges(), so the hints follow what a draft puts back.
    m_draft = new FormDraft(m_session, this, QStringLiteral("dialog:case-details:") + m_caseId, m_caseId);
    resize(sizeHint());
    // Personal data does not stay on screen once the store is locked; what was typed was
    // parked in the store just before (FormDraft, on aboutToLock).
    connect(&m_session, &StoreSession::locked, this, &QDialog::reject);
}

void CaseDetailsDialog::load()
{
    Store* store = m_session.store();
    if (!store)
        return;
    if (const auto record = CaseRepository(*store).get(m_caseId))
        m_record = *record;
    for (const CasePerson& link : CaseRepository(*store).people(m_caseId)) {
        if (link.role == QLatin1String("subject"))
            m_subject = PersonRepository(*store).get(link.personId);
    }
}

QGridLayout* CaseDetailsDialog::newGrid(QWidget* page)
{
    auto* outer = new QVBoxLayout(page);
    auto* grid = new QGridLayout;
    m_grids << grid;
    grid->setColumnStretch(1, 1);
    grid->setColumnMinimumWidth(1, 380); // most problems then fit on one line
    outer->addLayout(grid);
    outer->addStretch(1); // rows keep to the top instead of spreading out
    return grid;
}

void CaseDetailsDialog::addField(
    QGridLayout* grid, Field which, const QString& label, QWidget* editor, const QString& accessibleName)
{
    QWidget* page = editor->parentWidget();
    const int row = grid->rowCount();
    editor->setAccessibleName(accessibleName);
    auto* labelWidget = new QLabel(label, page);
    labelWidget->setBuddy(editor);
    const bool multiLine = qobject_cast<QPlainTextEdit*>(editor) != nullptr;
    if (multiLine)
        labelWidget->setContentsMargins(0, 4, 0, 0); // level with the first line of text
    grid->addWidget(
        labelWidget, row, 0, multiLine ? Qt::AlignLeft | Qt::AlignTop : Qt::AlignLeft | Qt::AlignVCenter);
    grid->addWidget(editor, row, 1);
    m_labelWidth = qMax(m_labelWidth, labelWidget->sizeHint().width());
    // The problem has a row of its own under its field; hidden, the row takes no room.
    auto* problem = new QLabel(page);
    problem->setWordWrap(true);
    problem->setTextFormat(Qt::PlainText);
    QFont bold = problem->font();
    bold.setBold(true);
    problem->setFont(bold);
    QPalette palette = problem->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    palette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xa4, 0x00, 0x0f));
    problem->setPalette(palette);
    problem->setContentsMargins(0, 0, 0, 4);
    problem->hide();
    grid->addWidget(problem, row + 1, 1);
    m_fields[index(which)] = editor;
    m_problemLabels[index(which)] = problem;
    m_tabOfField[index(which)] = m_tabs->count();
}

QWidget* CaseDetailsDialog::buildSubjectPage()
{
    auto* page = new QWidget(this);
    QGridLayout* form = newGrid(page);
    if (!m_subject)
        form->addWidget(new QLabel(tr("This case has no subject recorded."), page), 0, 0, 1, 2);
    addField(form, Field::GivenName, tr("&Given name:"), new QLineEdit(page), tr("Given name"));
    addField(form, Field::FamilyName, tr("&Family name:"), new QLineEdit(page), tr("Family name"));
    addField(form, Field::PreferredName, tr("&Preferred name:"), new QLineEdit(page), tr("Preferred name"));
    addField(form, Field::DateOfBirth, tr("Date of &birth:"), dateField(page), tr("Date of birth"));
    auto* nhs = new QLineEdit(page);
    nhs->setPlaceholderText(tr("10 digits"));
    addField(form, Field::NhsNumber, tr("&NHS number:"), nhs, tr("NHS number"));
    addField(form, Field::PreferredLanguage, tr("Preferred &language:"), new QLineEdit(page),
        tr("Preferred language"));
    QPlainTextEdit* access = textArea(3, page);
    access->setPlaceholderText(tr("For example: interpreter, large print, hearing loop"));
    addField(form, Field::AccessNeeds, tr("Access and co&mmunication needs:"), access,
        tr("Accessibility and communication needs"));
    addField(form, Field::Address, tr("&Address:"), textArea(3, page), tr("Address"));
    addField(form, Field::Postcode, tr("Pos&tcode:"), new QLineEdit(page), tr("Postcode"));
    addField(form, Field::Ward, tr("&Ward:"), new QLineEdit(page), tr("Ward"));
    addField(form, Field::Phone, tr("P&hone:"), new QLineEdit(page), tr("Phone"));
    addField(form, Field::Email, tr("&Email:"), new QLineEdit(page), tr("Email"));
    addField(form, Field::GpPractice, tr("GP pra&ctice:"), new QLineEdit(page), tr("GP practice"));
    if (!m_subject) {
        for (int i = index(Field::GivenName); i <= index(Field::GpPractice); ++i)
            m_fields.at(i)->setEnabled(false);
    }
    return page;
}

QWidget* CaseDetailsDialog::buildReferralPage()
{
    auto* page = new QWidget(this);
    QGridLayout* form = newGrid(page);
    addField(form, Field::ReferralDate, tr("Referral &date:"), dateField(page), tr("Referral date"));
    addField(
        form, Field::ReferringAgency, tr("Referring &agency:"), new QComboBox(page), tr("Referring agency"));
    addField(form, Field::ReferrerName, tr("Referred &by:"), new QLineEdit(page), tr("Referred by"));
    auto* contact = new QLineEdit(page);
    contact->setPlaceholderText(tr("Phone or email"));
    addField(form, Field::ReferrerContact, tr("Referrer &contact:"), contact, tr("Referrer contact"));
    QPlainTextEdit* reason = textArea(5, page);
    reason->setPlaceholderText(tr("Required"));
    addField(form, Field::Reason, tr("Reaso&n:"), reason, tr("Reason for referral"));
    return page;
}

QWidget* CaseDetailsDialog::buildConsentPage()
{
    auto* page = new QWidget(this);
    QGridLayout* form = newGrid(page);
    addField(form, Field::Consent, tr("&Consent to share:"),
        vocabularyCombo(Vocabulary::consentStatuses(), page), tr("Consent to share information"));
    addField(form, Field::ConsentDate, tr("&Date decided:"), dateField(page), tr("Date consent was decided"));
    addField(
        form, Field::ConsentRecordedBy, tr("Recorded &by:"), new QLineEdit(page), tr("Consent recorded by"));
    addField(form, Field::LawfulBasis, tr("&Lawful basis:"), textArea(3, page),
        tr("Lawful basis for sharing without consent"));
    return page;
}

QWidget* CaseDetailsDialog::buildRiskPage()
{
    auto* page = new QWidget(this);
    QGridLayout* form = newGrid(page);
    addField(form, Field::Risk, tr("Risk &level:"), vocabularyCombo(Vocabulary::riskLevels(), page),
        tr("Risk level"));
    addField(form, Field::RiskRationale, tr("Ra&tionale:"), textArea(4, page), tr("Risk rationale"));
    auto* lead = new QLineEdit(page);
    if (Store* store = m_session.store()) {
        QStringList names;
        for (const UserAccount& user : UserRepository(*store).list())
            names << user.displayName;
        if (!names.isEmpty())
            lead->setCompleter(new QCompleter(names, lead));
    }
    addField(form, Field::LeadWorker, tr("Lead &worker:"), lead, tr("Lead worker"));
    addField(form, Field::ReviewDate, tr("Next re&view:"), dateField(page), tr("Next review date"));
    return page;
}

QString CaseDetailsDialog::text(Field which) const
{
    const QWidget* editor = field(which);
    if (const auto* line = qobject_cast<const QLineEdit*>(editor))
        return line->text();
    if (const auto* area = qobject_cast<const QPlainTextEdit*>(editor))
        return area->toPlainText();
    if (const auto* combo = qobject_cast<const QComboBox*>(editor))
        return combo->currentData().toString();
    return {};
}

void CaseDetailsDialog::setText(Field which, const QString& value)
{
    QWidget* editor = field(which);
    if (auto* line = qobject_cast<QLineEdit*>(editor))
        line->setText(value);
    else if (auto* area = qobject_cast<QPlainTextEdit*>(editor))
        area->setPlainText(value);
    else if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentIndex(qMax(0, combo->findData(value)));
}

void CaseDetailsDialog::fill()
{
    const Person person = m_subject.value_or(Person {});
    setText(Field::GivenName, person.givenName);
    setText(Field::FamilyName, person.familyName);
    setText(Field::PreferredName, person.preferredName);
    setText(Field::DateOfBirth, dateText(person.dateOfBirth));
    setText(Field::NhsNumber, nhsForDisplay(person.nhsNumber));
    setText(Field::Address, person.address);
    setText(Field::Postcode, person.postcode);
    setText(Field::Ward, person.ward);
    setText(Field::Phone, person.phone);
    setText(Field::Email, person.email);
    setText(Field::PreferredLanguage, person.preferredLanguage);
    setText(Field::GpPractice, person.gpPractice);
    setText(Field::AccessNeeds, person.accessNeeds);

    auto* agency = qobject_cast<QComboBox*>(field(Field::ReferringAgency));
    if (Store* store = m_session.store()) {
        // Agencies no longer active are not offered, unless this case already names one.
        for (const Agency& a : AgencyRepository(*store).list()) {
            if (a.active || a.meta.id == m_record.referringAgencyId)
                agency->addItem(a.name, a.meta.id);
        }
    }
    // Kept as it is when not (or no longer) among the agencies, never silently replaced.
    if (agency->findData(m_record.referringAgencyId) < 0)
        agency->insertItem(0, tr("Not recorded"), m_record.referringAgencyId);
    setText(Field::ReferringAgency, m_record.referringAgencyId);
    setText(Field::ReferralDate, dateText(m_record.referralDate));
    setText(Field::ReferrerName, m_record.referrerName);
    setText(Field::ReferrerContact, m_record.referrerContact);
    setText(Field::Reason, m_record.reason);
    setText(Field::Consent, m_record.consent);
    setText(Field::ConsentDate, dateText(m_record.consentDate));
    setText(Field::ConsentRecordedBy, m_record.consentRecordedBy);
    setText(Field::LawfulBasis, m_record.lawfulBasis);
    setText(Field::Risk, m_record.risk);
    setText(Field::RiskRationale, m_record.riskRationale);
    setText(Field::LeadWorker, m_record.leadWorker);
    setText(Field::ReviewDate, dateText(m_record.reviewDate));
    updateRequiredHints();
}

void CaseDetailsDialog::watchForChanges()
{
    // Problems are only shown once the worker has tried to save; from then on each one
    // clears as soon as it is put right.
    const auto recheck = [this] {
        if (m_checkAsTyped)
            showProblems(readForm().problems);
    };
    for (QWidget* editor : std::as_const(m_fields)) {
        if (auto* line = qobject_cast<QLineEdit*>(editor))
            connect(line, &QLineEdit::textChanged, this, recheck);
        else if (auto* area = qobject_cast<QPlainTextEdit*>(editor))
            connect(area, &QPlainTextEdit::textChanged, this, recheck);
        else if (auto* combo = qobject_cast<QComboBox*>(editor))
            connect(combo, &QComboBox::currentIndexChanged, this, recheck);
    }
    auto* consent = qobject_cast<QComboBox*>(field(Field::Consent));
    connect(consent, &QComboBox::activated, this, &CaseDetailsDialog::suggestConsentRecorder);
    connect(consent, &QComboBox::currentIndexChanged, this, &CaseDetailsDialog::updateRequiredHints);
    connect(qobject_cast<QComboBox*>(field(Field::Risk)), &QComboBox::currentIndexChanged, this,
        &CaseDetailsDialog::updateRequiredHints);
}

void CaseDetailsDialog::updateRequiredHints()
{
    const QString consent = text(Field::Consent);
    qobject_cast<QLineEdit*>(field(Field::ConsentRecordedBy))
        ->setPlaceholderText(CaseDetailsRules::consentDetailsRequired(consent) ? tr("Required") : QString());
    qobject_cast<QPlainTextEdit*>(field(Field::LawfulBasis))
        ->setPlaceholderText(CaseDetailsRules::lawfulBasisRequired(consent)
                ? tr("Required: consent is not given. For example: public task, UK GDPR Article 6(1)(e)")
                : tr("Not needed while consent is given"));
    qobject_cast<QPlainTextEdit*>(field(Field::RiskRationale))
        ->setPlaceholderText(CaseDetailsRules::rationaleRequired(text(Field::Risk))
                ? tr("Required for a high risk: why is the risk high?")
                : tr("Why this level"));
}

void CaseDetailsDialog::suggestConsentRecorder()
{
    // Whoever records a consent decision is usually the worker at the keyboard (as in
    // the CLI); the name stays editable.
    auto* recordedBy = qobject_cast<QLineEdit*>(field(Field::ConsentRecordedBy));
    Store* store = m_session.store();
    if (store && recordedBy->text().trimmed().isEmpty()
        && CaseDetailsRules::consentDetailsRequired(text(Field::Consent)))
        recordedBy->setText(store->actor());
}

CaseDetailsDialog::FormValues CaseDetailsDialog::readForm() const
{
    FormValues values {m_record, m_subject, QStringList(FieldCount, QString())};
    readSubject(values);
    readReferral(values);
    readConsentAndRisk(values);
    if (values.subject && values.problems.at(index(Field::DateOfBirth)).isEmpty())
        values.problems[index(Field::DateOfBirth)] = CaseDetailsRules::dateOfBirth(
            *values.subject, values.record.referralDate, QDate::currentDate());
    return values;
}

void CaseDetailsDialog::readSubject(FormValues& values) const
{
    if (!values.subject)
        return;
    Person& p = *values.subject;
    QStringList& problems = values.problems;
    const auto textOf = [&](Field which, int maxLength) {
        const QString value = text(which).trimmed();
        note(problems, which, Validation::optionalText(value, field(which)->accessibleName(), maxLength));
        return value;
    };
    p.givenName = textOf(Field::GivenName, maxShortText);
    p.familyName = textOf(Field::FamilyName, maxShortText);
    if (p.givenName.isEmpty() && p.familyName.isEmpty())
        note(problems, Field::GivenName, tr("Give the person's given name or family name."));
    p.preferredName = textOf(Field::PreferredName, maxShortText);
    p.dateOfBirth = readDate(
        text(Field::DateOfBirth), field(Field::DateOfBirth)->accessibleName(), Field::DateOfBirth, problems);
    const QString nhs = text(Field::NhsNumber).trimmed();
    if (!nhs.isEmpty())
        note(problems, Field::NhsNumber,
            Validation::nhsNumber(nhs, field(Field::NhsNumber)->accessibleName()));
    p.nhsNumber = Validation::normaliseNhsNumber(nhs);
    p.address = textOf(Field::Address, maxLongText);
    const QString postcode = text(Field::Postcode).trimmed();
    if (!postcode.isEmpty())
        note(problems, Field::Postcode,
            Validation::postcode(postcode, field(Field::Postcode)->accessibleName()));
    p.postcode = Validation::normalisePostcode(postcode);
    p.ward = textOf(Field::Ward, maxShortText);
    p.phone = textOf(Field::Phone, maxShortText);
    p.email = textOf(Field::Email, maxShortText);
    note(problems, Field::Email, Validation::email(p.email, field(Field::Email)->accessibleName()));
    p.preferredLanguage = textOf(Field::PreferredLanguage, maxShortText);
    p.gpPractice = textOf(Field::GpPractice, maxShortText);
    p.accessNeeds = textOf(Field::AccessNeeds, maxLongText);
}

void CaseDetailsDialog::readReferral(FormValues& values) const
{
    CaseRecord& r = values.record;
    QStringList& problems = values.problems;
    r.referralDate = readDate(text(Field::ReferralDate), field(Field::ReferralDate)->accessibleName(),
        Field::ReferralDate, problems);
    note(problems, Field::ReferralDate, CaseDetailsRules::referralDate(r, QDate::currentDate()));
    r.referringAgencyId = text(Field::ReferringAgency);
    r.referrerName = text(Field::ReferrerName).trimmed();
    note(problems, Field::ReferrerName,
        Validation::optionalText(r.referrerName, field(Field::ReferrerName)->accessibleName(), maxShortText));
    r.referrerContact = text(Field::ReferrerContact).trimmed();
    note(problems, Field::ReferrerContact,
        Validation::optionalText(
            r.referrerContact, field(Field::ReferrerContact)->accessibleName(), maxShortText));
    r.reason = text(Field::Reason).trimmed();
    note(problems, Field::Reason,
        Validation::requiredText(r.reason, field(Field::Reason)->accessibleName(), maxLongText));
}

void CaseDetailsDialog::readConsentAndRisk(FormValues& values) const
{
    CaseRecord& r = values.record;
    QStringList& problems = values.problems;
    const QDate today = QDate::currentDate();
    r.consent = text(Field::Consent);
    r.consentDate = readDate(
        text(Field::ConsentDate), field(Field::ConsentDate)->accessibleName(), Field::ConsentDate, problems);
    note(problems, Field::ConsentDate, CaseDetailsRules::consentDate(r, today));
    r.consentRecordedBy = text(Field::ConsentRecordedBy).trimmed();
    note(problems, Field::ConsentRecordedBy, CaseDetailsRules::consentRecordedBy(r));
    note(problems, Field::ConsentRecordedBy,
        Validation::optionalText(
            r.consentRecordedBy, field(Field::ConsentRecordedBy)->accessibleName(), maxShortText));
    r.lawfulBasis = text(Field::LawfulBasis).trimmed();
    note(problems, Field::LawfulBasis, CaseDetailsRules::lawfulBasis(r));
    note(problems, Field::LawfulBasis,
        Validation::optionalText(r.lawfulBasis, field(Field::LawfulBasis)->accessibleName(), maxLongText));
    r.risk = text(Field::Risk);
    r.riskRationale = text(Field::RiskRationale).trimmed();
    note(problems, Field::RiskRationale, CaseDetailsRules::riskRationale(r));
    note(problems, Field::RiskRationale,
        Validation::optionalText(
            r.riskRationale, field(Field::RiskRationale)->accessibleName(), maxLongText));
    r.leadWorker = text(Field::LeadWorker).trimmed();
    note(problems, Field::LeadWorker,
        Validation::optionalText(r.leadWorker, field(Field::LeadWorker)->accessibleName(), maxShortText));
    r.reviewDate = readDate(
        text(Field::ReviewDate), field(Field::ReviewDate)->accessibleName(), Field::ReviewDate, problems);
}

void CaseDetailsDialog::showProblems(const QStringList& problems)
{
    m_lastProblems.clear();
    QList<int> perTab(m_tabs->count(), 0);
    for (int i = 0; i < FieldCount; ++i) {
        const QString& problem = problems.at(i);
        m_problemLabels.at(i)->setText(problem);
        m_problemLabels.at(i)->setVisible(!problem.isEmpty());
        m_fields.at(i)->setAccessibleDescription(problem);
        if (!problem.isEmpty()) {
            m_lastProblems << problem;
            ++perTab[m_tabOfField.at(i)];
        }
    }
    // A problem on a tab out of sight is announced on the tab itself.
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        const int count = perTab.at(tab);
        m_tabs->setTabText(
            tab, count == 0 ? m_tabTitles.at(tab) : tr("%1 (%2 to fix)").arg(m_tabTitles.at(tab)).arg(count));
    }
    // Problems take room: grow now to fit them rather than squeeze the fields together.
    layout()->activate();
    resize(size().expandedTo(sizeHint()));
}

QString CaseDetailsDialog::showGeneralProblem(const QString& problem)
{
    m_generalProblem->setText(problem);
    m_generalProblem->setVisible(!problem.isEmpty());
    return problem;
}

QString CaseDetailsDialog::changedSinceOpened() const
{
    Store& store = *m_session.store();
    const auto record = CaseRepository(store).get(m_caseId);
    if (!record)
        return tr("This case no longer exists.");
    bool same = record->meta.updatedAt == m_record.meta.updatedAt;
    if (m_subject) {
        const auto person = PersonRepository(store).get(m_subject->meta.id);
        same = same && person && person->meta.updatedAt == m_subject->meta.updatedAt;
    }
    if (same)
        return {};
    return tr("This case was changed elsewhere after you opened it, so nothing was saved. What you typed is "
              "still here: copy what you need, then cancel and open the case again.");
}

QString CaseDetailsDialog::save()
{
    if (!m_session.store())
        return showGeneralProblem(tr("The store is locked: unlock it and open the case again."));
    if (m_record.meta.id.isEmpty())
        return showGeneralProblem(tr("This case no longer exists."));
    const FormValues values = readForm();
    showProblems(values.problems);
    if (!m_lastProblems.isEmpty()) {
        m_checkAsTyped = true;
        int first = 0;
        while (values.problems.at(first).isEmpty())
            ++first;
        m_tabs->setCurrentIndex(m_tabOfField.at(first));
        m_fields.at(first)->setFocus();
        showGeneralProblem(QString());
        return m_lastProblems.first();
    }
    if (const QString stale = changedSinceOpened(); !stale.isEmpty())
        return showGeneralProblem(stale);
    Store& store = *m_session.store();
    CaseRecord record = values.record;
    std::optional<Person> subject = values.subject;
    bool changed = false;
    try {
        changed = store.write([&] {
            bool any = CaseRepository(store).update(record);
            if (subject)
                any = PersonRepository(store).update(*subject, record.reference) || any;
            return any;
        });
    } catch (const StoreError& e) {
        return showGeneralProblem(e.message());
    }
    showGeneralProblem(QString());
    if (!changed)
        return {};
    pushUndo(record, subject);
    m_record = record;
    m_subject = subject;
    m_session.notifyCaseChanged(m_caseId);
    return {};
}

void CaseDetailsDialog::pushUndo(const CaseRecord& recordAfter, const std::optional<Person>& subjectAfter)
{
    if (!m_undoStack)
        return;
    // Shared by both steps: each leaves in it the stamps the other must find in the store.
    struct Versions
    {
        DetailsVersion before;
        DetailsVersion after;
    };
    auto versions = std::make_shared<Versions>(
        Versions {DetailsVersion {m_record, m_subject}, DetailsVersion {recordAfter, subjectAfter}});
    StoreSession* session = &m_session;
    const QString cannotUndo
        = tr("The case details have been changed since that edit, so it cannot be undone.");
    const QString cannotRedo
        = tr("The case details have been changed since that undo, so it cannot be redone.");
    m_undoStack->push(new StoreEditCommand(
        tr("Edit case details"),
        [session, versions, cannotUndo] {
            return writeVersion(*session, versions->after, versions->before, cannotUndo);
        },
        [session, versions, cannotRedo] {
            return writeVersion(*session, versions->before, versions->after, cannotRedo);
        },
        undoFailureHandler()));
}

CaseDetailsDialog::UndoFailureHandler CaseDetailsDialog::undoFailureHandler() const
{
    if (m_undoFailure)
        return m_undoFailure;
    // The dialog is long gone by the time an undo fails: speak from the stack's window.
    QPointer<QUndoStack> stack = m_undoStack;
    return [stack](const QString& message) {
        auto* window = stack ? qobject_cast<QWidget*>(stack->parent()) : nullptr;
        if (window)
            QMessageBox::warning(window, tr("Undo"), message);
    };
}
