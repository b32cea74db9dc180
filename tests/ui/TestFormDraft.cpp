#include "UiTestSupport.h"
#include "cli/DemoCommand.h"
#include "models/StoreSession.h"
#include "store/ActionRepository.h"
#include "store/CaseRepository.h"
#include "store/DraftRepository.h"
#include "store/NeedRepository.h"
#include "store/OutboxRepository.h"
#include "store/PersonRepository.h"
#include "ui/ActionDialog.h"
#include "ui/ActionsPage.h"
#include "ui/CaseDetailsDialog.h"
#include "ui/FormDraft.h"
#include "ui/NeedDialog.h"
#include "ui/NewCaseDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>

using Field = CaseDetailsDialog::Field;

namespace {
// Every way a worker reaches one of the four dialogs, so each test runs over all of them.
enum class Kind { NewReferral, CaseDetails, AddNeed, EditNeed, AddAction, EditAction, MarkActionDone };

const QString restoredNoteText = QStringLiteral(
    "Restored what you had typed before the store locked. Save it, or Cancel to discard it.");

// ActionsPage opens its agency form with exec(), so the test drives it from inside that
// loop: once a modal dialog is showing, `drive` gets it.
void whenModalShows(std::function<void(QWidget*)> drive)
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, drive] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            drive(modal);
        }
    });
    poll->start();
}

void clickButton(QWidget* dialog, QDialogButtonBox::StandardButton which)
{
    dialog->findChild<QDialogButtonBox*>()->button(which)->click();
}

void choose(QComboBox* combo, const QString& key)
{
    const int found = combo->findData(key);
    QVERIFY2(found >= 0, qPrintable(key));
    combo->setCurrentIndex(found);
}

// A different key from the one shown, so the change is the worker's and can be seen.
void chooseAnother(QComboBox* combo)
{
    combo->setCurrentIndex((combo->currentIndex() + 1) % combo->count());
}

QString textOf(QWidget* editor)
{
    if (auto* line = qobject_cast<QLineEdit*>(editor))
        return line->text();
    if (auto* area = qobject_cast<QPlainTextEdit*>(editor))
        return area->toPlainText();
    return qobject_cast<QComboBox*>(editor)->currentData().toString();
}

// What a failed Save said, for the failure message.
QString shownProblems(QWidget* dialog)
{
    QStringList shown;
    for (QLabel* label : dialog->findChildren<QLabel*>()) {
        if (label->isVisible() && !label->text().isEmpty() && !label->buddy())
            shown << label->text();
    }
    return shown.join(QStringLiteral(" | "));
}
} // namespace

// What a worker types into a dialog survives a lock: parked inside the encrypted store
// (never on disk in clear), put back with a note when the dialog opens again, written on
// Save and gone on Save or Cancel. Each check runs against every dialog over a real store.
class TestFormDraft : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void diskCheckSeesPlainText();
    void typingSurvivesALockAndSaves_data();
    void typingSurvivesALockAndSaves();
    void cancelDiscardsTheDraft_data();
    void cancelDiscardsTheDraft();
    void untouchedDialogLeavesNoDraft_data();
    void untouchedDialogLeavesNoDraft();
    void addAgencyFormKeepsTheContact();
    void valueNoLongerOfferedIsLeftAsItIs();

private:
    static void addKinds();
    Store& store() const { return *m_session->store(); }
    void relock();
    bool onDisk(const QString& text) const;
    int outbox() const { return OutboxRepository(store()).pendingCount(); }
    int draftCount() const { return DraftRepository(store()).count(); }

    std::unique_ptr<QDialog> open(Kind kind);
    QString draftKey(Kind kind) const;
    QStringList readBack(QDialog* dialog) const;
    QStringList type(Kind kind, QDialog* dialog);
    void checkWritten(Kind kind, QDialog* dialog);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<QUndoStack> m_undo;
    QString m_caseId;
    QString m_subjectId;
    CaseNeed m_need;
    CaseAction m_action;
};

void TestFormDraft::init()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = UiTestSupport::demoSession(m_dir->filePath(QStringLiteral("demo.store")), 12, 7);
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    m_undo = std::make_unique<QUndoStack>();
    // A case with a subject and needs but no hoarding (so hoarding can be added and rated),
    // referred long enough ago that an action can be done yesterday.
    m_caseId.clear();
    for (const CaseSummary& c : CaseRepository(store()).list(CaseFilter {})) {
        const auto record = CaseRepository(store()).get(c.id);
        const QList<CaseNeed> needs = NeedRepository(store()).forCase(c.id);
        if (!record || needs.isEmpty() || NeedRepository(store()).find(c.id, QStringLiteral("hoarding"))
            || record->referralDate > QDate::currentDate().addDays(-7))
            continue;
        for (const CasePerson& link : CaseRepository(store()).people(c.id)) {
            if (link.role == QLatin1String("subject"))
                m_subjectId = link.personId;
        }
        if (!m_subjectId.isEmpty()) {
            m_caseId = c.id;
            m_need = needs.first();
            break;
        }
    }
    QVERIFY(!m_caseId.isEmpty());
    // Details that satisfy every rule, so Save in the details dialog fails only on purpose.
    CaseRecord record = *CaseRepository(store()).get(m_caseId);
    record.consent = QStringLiteral("given");
    record.consentDate = record.referralDate;
    record.consentRecordedBy = QStringLiteral("Sam Whittle");
    record.risk = QStringLiteral("medium");
    record.riskRationale.clear();
    CaseRepository(store()).update(record);
    m_action = CaseAction {};
    m_action.caseId = m_caseId;
    m_action.description = QStringLiteral("Fit and test smoke alarms in every room");
    m_action.owner = QStringLiteral("Watch Manager Ali");
    m_action.dueDate = QDate::currentDate().addDays(5);
    ActionRepository(store()).add(m_action, record.reference);
    QCOMPARE(draftCount(), 0);
}

void TestFormDraft::cleanup()
{
    m_undo.reset();
    m_session.reset();
    m_dir.reset();
}

void TestFormDraft::relock()
{
    if (m_session->isUnlocked())
        m_session->lock();
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
}

// Every file of the store (the store, its -wal and -shm if any, the .kdf) as raw bytes.
bool TestFormDraft::onDisk(const QString& text) const
{
    const QByteArray needle = text.toUtf8();
    const QDir dir(m_dir->path());
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

void TestFormDraft::addKinds()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("new referral") << Kind::NewReferral;
    QTest::newRow("case details") << Kind::CaseDetails;
    QTest::newRow("add need") << Kind::AddNeed;
    QTest::newRow("edit need") << Kind::EditNeed;
    QTest::newRow("add action") << Kind::AddAction;
    QTest::newRow("edit action") << Kind::EditAction;
    QTest::newRow("mark action done") << Kind::MarkActionDone;
}

std::unique_ptr<QDialog> TestFormDraft::open(Kind kind)
{
    std::unique_ptr<QDialog> dialog;
    switch (kind) {
    case Kind::NewReferral:
        dialog = std::make_unique<NewCaseDialog>(*m_session);
        break;
    case Kind::CaseDetails:
        dialog = std::make_unique<CaseDetailsDialog>(*m_session, m_caseId, m_undo.get());
        break;
    case Kind::AddNeed:
    case Kind::EditNeed: {
        auto need = std::make_unique<NeedDialog>(*m_session, *m_undo, m_caseId);
        if (kind == Kind::EditNeed)
            need->setNeed(*NeedRepository(store()).find(m_caseId, m_need.needKey));
        dialog = std::move(need);
        break;
    }
    case Kind::AddAction:
    case Kind::EditAction:
    case Kind::MarkActionDone: {
        auto action = std::make_unique<ActionDialog>(*m_session, *m_undo, m_caseId);
        if (kind != Kind::AddAction)
            action->setAction(*ActionRepository(store()).get(m_action.meta.id),
                kind == Kind::EditAction ? ActionDialog::Mode::Edit : ActionDialog::Mode::MarkDone);
        dialog = std::move(action);
        break;
    }
    }
    dialog->show(); // as exec() would; the need and action dialogs start their draft here
    return dialog;
}

QString TestFormDraft::draftKey(Kind kind) const
{
    switch (kind) {
    case Kind::NewReferral:
        return QStringLiteral("dialog:new-referral");
    case Kind::CaseDetails:
        return QStringLiteral("dialog:case-details:") + m_caseId;
    case Kind::AddNeed:
        return QStringLiteral("dialog:need:%1:new").arg(m_caseId);
    case Kind::EditNeed:
        return QStringLiteral("dialog:need:%1:%2").arg(m_caseId, m_need.meta.id);
    case Kind::AddAction:
        return QStringLiteral("dialog:action:%1:new").arg(m_caseId);
    case Kind::EditAction:
        return QStringLiteral("dialog:action:%1:%2").arg(m_caseId, m_action.meta.id);
    case Kind::MarkActionDone:
        return QStringLiteral("dialog:action:%1:%2:mark-done").arg(m_caseId, m_action.meta.id);
    }
    return {};
}

// The fields the tests type into, as the dialog shows them.
QStringList TestFormDraft::readBack(QDialog* dialog) const
{
    if (auto* d = qobject_cast<NewCaseDialog*>(dialog)) {
        QStringList needs;
        for (int i = 0; i < d->needsField()->count(); ++i) {
            if (d->needsField()->item(i)->checkState() == Qt::Checked)
                needs << d->needsField()->item(i)->data(Qt::UserRole).toString();
        }
        return {d->agencyField()->currentText(), d->givenNameField()->text(), d->familyNameField()->text(),
            d->reasonField()->toPlainText(), needs.join(QLatin1Char(','))};
    }
    if (auto* d = qobject_cast<CaseDetailsDialog*>(dialog)) {
        return {textOf(d->field(Field::FamilyName)), textOf(d->field(Field::Reason)),
            textOf(d->field(Field::Risk)), textOf(d->field(Field::RiskRationale))};
    }
    if (auto* d = qobject_cast<NeedDialog*>(dialog)) {
        return {d->needField()->currentData().toString(), d->severityField()->currentData().toString(),
            d->statusField()->currentData().toString(), QString::number(d->clutterField()->value()),
            d->notesField()->toPlainText()};
    }
    auto* d = qobject_cast<ActionDialog*>(dialog);
    Q_ASSERT(d);
    return {d->descriptionField()->toPlainText(), d->agencyField()->currentData().toString(),
        d->ownerField()->text(),
        d->hasDueField()->isChecked() ? QStringLiteral("due") : QStringLiteral("no due"),
        d->dueField()->date().toString(Qt::ISODate), d->statusField()->currentData().toString(),
        d->completedField()->date().toString(Qt::ISODate), d->outcomeField()->toPlainText()};
}

// Types as a worker would; returns the markers typed, none of which may reach the disk in
// clear. Each is unlike anything in the demo store.
QStringList TestFormDraft::type(Kind kind, QDialog* dialog)
{
    switch (kind) {
    case Kind::NewReferral: {
        auto* d = qobject_cast<NewCaseDialog*>(dialog);
        d->agencyField()->setCurrentText(QStringLiteral("Quillfeather Tenancy Trust"));
        d->givenNameField()->setText(QStringLiteral("Ysolde"));
        d->familyNameField()->setText(QStringLiteral("Draftwright"));
        d->reasonField()->setPlainText(QStringLiteral("Neighbours report a smell of gas at Zephyr Court"));
        d->needsField()->item(1)->setCheckState(Qt::Checked);
        return {QStringLiteral("Quillfeather Tenancy Trust"), QStringLiteral("Draftwright"),
            QStringLiteral("smell of gas at Zephyr Court")};
    }
    case Kind::CaseDetails: {
        auto* d = qobject_cast<CaseDetailsDialog*>(dialog);
        qobject_cast<QLineEdit*>(d->field(Field::FamilyName))->setText(QStringLiteral("Draftwright-Okafor"));
        qobject_cast<QPlainTextEdit*>(d->field(Field::Reason))
            ->setPlainText(QStringLiteral("Hoarding behind the boiler cupboard at Zephyr Court"));
        choose(qobject_cast<QComboBox*>(d->field(Field::Risk)), QStringLiteral("high"));
        qobject_cast<QPlainTextEdit*>(d->field(Field::RiskRationale))
            ->setPlainText(QStringLiteral("Blocked exits and an oxygen cylinder by the bed"));
        return {QStringLiteral("Draftwright-Okafor"), QStringLiteral("behind the boiler cupboard"),
            QStringLiteral("oxygen cylinder by the bed")};
    }
    case Kind::AddNeed: {
        auto* d = qobject_cast<NeedDialog*>(dialog);
        // Hoarding first, then its rating: a draft put back in the other order would lose
        // the rating, as choosing a need clears it.
        choose(d->needField(), QStringLiteral("hoarding"));
        d->clutterField()->setValue(6);
        choose(d->severityField(), QStringLiteral("high"));
        d->notesField()->setPlainText(QStringLiteral("Newspapers stacked to the ceiling in the Zephyr hall"));
        return {QStringLiteral("stacked to the ceiling in the Zephyr hall")};
    }
    case Kind::EditNeed: {
        auto* d = qobject_cast<NeedDialog*>(dialog);
        chooseAnother(d->severityField());
        d->notesField()->setPlainText(QStringLiteral("Rent arrears letter from Quillfeather Homes"));
        return {QStringLiteral("arrears letter from Quillfeather")};
    }
    case Kind::AddAction: {
        auto* d = qobject_cast<ActionDialog*>(dialog);
        d->descriptionField()->setPlainText(QStringLiteral("Book a Zephyr deep clean before the inspection"));
        d->agencyField()->setCurrentIndex(d->agencyField()->count() - 1);
        d->ownerField()->setText(QStringLiteral("Constance Draftwright"));
        d->dueField()->setDate(QDate::currentDate().addDays(10));
        return {QStringLiteral("Zephyr deep clean"), QStringLiteral("Constance Draftwright")};
    }
    case Kind::EditAction: {
        auto* d = qobject_cast<ActionDialog*>(dialog);
        d->descriptionField()->setPlainText(
            QStringLiteral("Fit smoke alarms and a Zephyr carbon monoxide alarm"));
        d->hasDueField()->setChecked(false);
        return {QStringLiteral("Zephyr carbon monoxide")};
    }
    case Kind::MarkActionDone: {
        auto* d = qobject_cast<ActionDialog*>(dialog);
        d->completedField()->setDate(QDate::currentDate().addDays(-1));
        d->outcomeField()->setPlainText(QStringLiteral("Alarms fitted; Ysolde shown the Zephyr test button"));
        return {QStringLiteral("shown the Zephyr test button")};
    }
    }
    return {};
}

// The store holds what was typed, read back from the store itself.
void TestFormDraft::checkWritten(Kind kind, QDialog* dialog)
{
    switch (kind) {
    case Kind::NewReferral: {
        const QString id = qobject_cast<NewCaseDialog*>(dialog)->createdCaseId();
        QVERIFY(!id.isEmpty());
        const auto record = CaseRepository(store()).get(id);
        QVERIFY(record);
        QCOMPARE(record->reason, QStringLiteral("Neighbours report a smell of gas at Zephyr Court"));
        bool subjectFound = false;
        for (const CasePerson& link : CaseRepository(store()).people(id)) {
            const auto person = PersonRepository(store()).get(link.personId);
            subjectFound = subjectFound || (person && person->familyName == QLatin1String("Draftwright"));
        }
        QVERIFY(subjectFound);
        QCOMPARE(NeedRepository(store()).forCase(id).size(), 1);
        break;
    }
    case Kind::CaseDetails: {
        const auto record = CaseRepository(store()).get(m_caseId);
        QCOMPARE(record->reason, QStringLiteral("Hoarding behind the boiler cupboard at Zephyr Court"));
        QCOMPARE(record->risk, QStringLiteral("high"));
        QCOMPARE(record->riskRationale, QStringLiteral("Blocked exits and an oxygen cylinder by the bed"));
        QCOMPARE(
            PersonRepository(store()).get(m_subjectId)->familyName, QStringLiteral("Draftwright-Okafor"));
        break;
    }
    case Kind::AddNeed: {
        const auto need = NeedRepository(store()).find(m_caseId, QStringLiteral("hoarding"));
        QVERIFY(need);
        QCOMPARE(need->clutterRating, 6);
        QCOMPARE(need->severity, QStringLiteral("high"));
        QCOMPARE(need->notes, QStringLiteral("Newspapers stacked to the ceiling in the Zephyr hall"));
        break;
    }
    case Kind::EditNeed: {
        const auto need = NeedRepository(store()).find(m_caseId, m_need.needKey);
        QCOMPARE(need->notes, QStringLiteral("Rent arrears letter from Quillfeather Homes"));
        QVERIFY(need->severity != m_need.severity);
        break;
    }
    case Kind::AddAction: {
        const auto action
            = ActionRepository(store()).get(qobject_cast<ActionDialog*>(dialog)->savedActionId());
        QVERIFY(action);
        QCOMPARE(action->description, QStringLiteral("Book a Zephyr deep clean before the inspection"));
        QCOMPARE(action->owner, QStringLiteral("Constance Draftwright"));
        QCOMPARE(action->dueDate, QDate::currentDate().addDays(10));
        QVERIFY(!action->agencyId.isEmpty());
        break;
    }
    case Kind::EditAction: {
        const auto action = ActionRepository(store()).get(m_action.meta.id);
        QCOMPARE(action->description, QStringLiteral("Fit smoke alarms and a Zephyr carbon monoxide alarm"));
        QVERIFY(!action->dueDate.isValid());
        break;
    }
    case Kind::MarkActionDone: {
        const auto action = ActionRepository(store()).get(m_action.meta.id);
        QCOMPARE(action->status, QStringLiteral("done"));
        QCOMPARE(action->completedDate, QDate::currentDate().addDays(-1));
        QCOMPARE(action->outcome, QStringLiteral("Alarms fitted; Ysolde shown the Zephyr test button"));
        break;
    }
    }
}

void TestFormDraft::diskCheckSeesPlainText()
{
    // The "not on disk" checks below mean something only if onDisk() finds text that is there.
    QFile plain(m_dir->filePath(QStringLiteral("control.txt")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("Zephyr Court in clear");
    plain.close();
    QVERIFY(onDisk(QStringLiteral("Zephyr Court")));
    QVERIFY(!onDisk(QStringLiteral("Quillfeather")));
}

void TestFormDraft::typingSurvivesALockAndSaves_data()
{
    addKinds();
}

void TestFormDraft::typingSurvivesALockAndSaves()
{
    QFETCH(Kind, kind);
    auto dialog = open(kind);
    const QStringList opened = readBack(dialog.get());
    const QStringList secrets = type(kind, dialog.get());
    if (QTest::currentTestFailed())
        return;
    const QStringList typed = readBack(dialog.get());
    QVERIFY(typed != opened);

    m_session->lock(); // as Ctrl+L or the inactivity timer would
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    for (const QString& secret : secrets)
        QVERIFY2(!onDisk(secret), qPrintable(secret));
    dialog.reset();

    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    QCOMPARE(draftCount(), 1);
    const auto parked = DraftRepository(store()).load(draftKey(kind));
    QVERIFY(parked);
    QVERIFY2(parked->contains(secrets.first()), qPrintable(*parked));

    auto again = open(kind);
    QCOMPARE(readBack(again.get()), typed);
    auto* draft = again->findChild<FormDraft*>();
    QVERIFY(draft);
    QCOMPARE(draft->draftKey(), draftKey(kind));
    QVERIFY(draft->restored());
    QVERIFY(draft->restoredNote());
    QVERIFY(draft->restoredNote()->isVisible());
    QCOMPARE(draft->restoredNote()->text(), restoredNoteText);
    // For looking at where the note sits: /tmp/ui-shots/restored-draft-<dialog>.png
    QVERIFY(UiTestSupport::saveShot(*again,
        QStringLiteral("restored-draft-")
            + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));

    const int pendingBefore = outbox();
    clickButton(again.get(), QDialogButtonBox::Save);
    QVERIFY2(again->result() == QDialog::Accepted, qPrintable(shownProblems(again.get())));
    QVERIFY(!again->isVisible());
    checkWritten(kind, again.get());
    if (QTest::currentTestFailed())
        return;
    QVERIFY(outbox() > pendingBefore);
    QVERIFY(!DraftRepository(store()).load(draftKey(kind)));
    QCOMPARE(draftCount(), 0);
}

void TestFormDraft::cancelDiscardsTheDraft_data()
{
    addKinds();
}

void TestFormDraft::cancelDiscardsTheDraft()
{
    QFETCH(Kind, kind);
    auto dialog = open(kind);
    const QStringList opened = readBack(dialog.get());
    type(kind, dialog.get());
    if (QTest::currentTestFailed())
        return;
    const QStringList typed = readBack(dialog.get());
    relock();
    QVERIFY(!dialog->isVisible());
    dialog.reset();
    QCOMPARE(draftCount(), 1);

    const int pendingBefore = outbox();
    const int casesBefore = int(CaseRepository(store()).list(CaseFilter {}).size());
    auto again = open(kind);
    QCOMPARE(readBack(again.get()), typed);
    clickButton(again.get(), QDialogButtonBox::Cancel);
    QCOMPARE(again->result(), int(QDialog::Rejected));
    QCOMPARE(draftCount(), 0);
    QCOMPARE(outbox(), pendingBefore); // nothing written
    QCOMPARE(int(CaseRepository(store()).list(CaseFilter {}).size()), casesBefore);
    again.reset();

    // Opened again, the dialog is as it was before any typing, with no note.
    auto fresh = open(kind);
    QCOMPARE(readBack(fresh.get()), opened);
    QVERIFY(!fresh->findChild<FormDraft*>()->restored());
    QVERIFY(!fresh->findChild<QLabel*>(QStringLiteral("restoredDraftNote")));
}

void TestFormDraft::untouchedDialogLeavesNoDraft_data()
{
    addKinds();
}

void TestFormDraft::untouchedDialogLeavesNoDraft()
{
    QFETCH(Kind, kind);
    auto dialog = open(kind);
    const QStringList opened = readBack(dialog.get());
    m_session->lock();
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    dialog.reset();
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    QCOMPARE(draftCount(), 0);
    auto again = open(kind);
    QCOMPARE(readBack(again.get()), opened);
    QVERIFY(!again->findChild<FormDraft*>()->restoredNote());
}

void TestFormDraft::addAgencyFormKeepsTheContact()
{
    ActionsPage page(*m_session, *m_undo);
    page.resize(1000, 620);
    page.openCase(m_caseId);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int involvedBefore = int(CaseRepository(store()).agencies(m_caseId).size());
    const QString contact = QStringLiteral("Ysolde Quillfeather, 01772 000111");
    // The form runs in exec(): what it shows is noted inside the loop and checked after,
    // and the form is always closed, so a failure cannot leave the test waiting on it.
    QString chosen;
    bool locked = false;
    whenModalShows([&](QWidget* modal) {
        auto* agency = modal->findChild<QComboBox*>();
        if (agency && agency->count() > 1) {
            agency->setCurrentIndex(agency->count() - 1);
            chosen = agency->currentData().toString();
            modal->findChild<QLineEdit*>()->setText(contact);
        }
        m_session->lock();
        locked = true;
        if (modal->isVisible())
            qobject_cast<QDialog*>(modal)->reject();
    });
    page.addAgencyButton()->click(); // returns once the form has closed
    QVERIFY(locked);
    QVERIFY(!chosen.isEmpty());
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(!onDisk(QStringLiteral("Quillfeather")));

    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    QVERIFY(DraftRepository(store()).load(QStringLiteral("dialog:add-agency:") + m_caseId));
    page.openCase(m_caseId);
    QString shownAgency;
    QString shownContact;
    bool noteShown = false;
    bool stillOpen = false;
    whenModalShows([&](QWidget* modal) {
        shownAgency = modal->findChild<QComboBox*>()->currentData().toString();
        shownContact = modal->findChild<QLineEdit*>()->text();
        auto* note = modal->findChild<QLabel*>(QStringLiteral("restoredDraftNote"));
        noteShown = note && note->isVisible();
        clickButton(modal, QDialogButtonBox::Save);
        stillOpen = modal->isVisible();
        if (stillOpen)
            qobject_cast<QDialog*>(modal)->reject();
    });
    page.addAgencyButton()->click();
    QCOMPARE(shownAgency, chosen);
    QCOMPARE(shownContact, contact);
    QVERIFY(noteShown);
    QVERIFY(!stillOpen);
    const QList<CaseAgency> involved = CaseRepository(store()).agencies(m_caseId);
    QCOMPARE(int(involved.size()), involvedBefore + 1);
    QCOMPARE(involved.last().agencyId, chosen);
    QCOMPARE(involved.last().contact, contact);
    QCOMPARE(draftCount(), 0);
}

void TestFormDraft::valueNoLongerOfferedIsLeftAsItIs()
{
    // Two builds of one small form: the second no longer offers the item chosen in the
    // first, and its date field has grown a calendar popup (with a spin box and line edits
    // of its own) that must not be taken for the form's fields.
    const auto build = [](QDialog& dialog, bool offerC, bool popupMade) {
        auto* form = new QFormLayout(&dialog);
        auto* combo = new QComboBox(&dialog);
        combo->addItem(QStringLiteral("A"), QStringLiteral("a"));
        combo->addItem(QStringLiteral("B"), QStringLiteral("b"));
        if (offerC)
            combo->addItem(QStringLiteral("C"), QStringLiteral("c"));
        form->addRow(QStringLiteral("Kind"), combo);
        auto* date = new QDateEdit(QDate(2024, 5, 1), &dialog);
        date->setCalendarPopup(true);
        if (popupMade)
            date->calendarWidget();
        form->addRow(QStringLiteral("Date"), date);
        auto* spin = new QSpinBox(&dialog);
        spin->setRange(0, 9);
        form->addRow(QStringLiteral("Rating"), spin);
        auto* line = new QLineEdit(&dialog);
        form->addRow(QStringLiteral("Text"), line);
    };
    const QString key = QStringLiteral("test:small-form");
    {
        QDialog first;
        build(first, true, false);
        new FormDraft(*m_session, &first, key, QString());
        first.findChild<QComboBox*>()->setCurrentIndex(2);
        first.findChild<QSpinBox*>()->setValue(7);
        first.findChildren<QLineEdit*>().last()->setText(QStringLiteral("typed"));
        relock();
    }
    // Only the three fields changed are kept, not the line edits inside the spin box and
    // the date field.
    const auto parked = DraftRepository(store()).load(key);
    QVERIFY(parked);
    const QJsonObject fields
        = QJsonDocument::fromJson(parked->toUtf8()).object().value(QStringLiteral("fields")).toObject();
    QCOMPARE(fields.size(), 3);
    QDialog second;
    build(second, false, true);
    auto* draft = new FormDraft(*m_session, &second, key, QString());
    QVERIFY(draft->restored());
    QCOMPARE(second.findChild<QComboBox*>()->currentData().toString(), QStringLiteral("a"));
    QCOMPARE(second.findChild<QDateEdit*>()->date(), QDate(2024, 5, 1));
    QSpinBox* rating = nullptr;
    for (QSpinBox* spin : second.findChildren<QSpinBox*>()) {
        if (spin->parentWidget() == &second)
            rating = spin;
    }
    QVERIFY(rating);
    QCOMPARE(rating->value(), 7);
    QLineEdit* text = nullptr;
    for (QLineEdit* line : second.findChildren<QLineEdit*>()) {
        if (line->parentWidget() == &second)
            text = line;
    }
    QVERIFY(text);
    QCOMPARE(text->text(), QStringLiteral("typed"));
}

QTEST_MAIN(TestFormDraft)
#include "TestFormDraft.moc"
