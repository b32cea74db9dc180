#include "UiTestSupport.h"
#include "cli/DemoCommand.h"
#include "core/Validation.h"
#include "models/StoreSession.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "store/OutboxRepository.h"
#include "store/PersonRepository.h"
#include "ui/CaseDetailsDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using Field = CaseDetailsDialog::Field;

// The case details editor over a real store of fictional demo cases: what it writes, what
// it refuses, and undo and redo, always checked by reading the store back.
class TestCaseDetailsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsTheStoredDetails();
    void savesChangedFieldsInOneGo();
    void refusesAProblemAndWritesNothing_data();
    void refusesAProblemAndWritesNothing();
    void problemsClearAsTheyAreFixed();
    void nothingChangedWritesNothing();
    void refusedWhenChangedElsewhere();
    void undoAndRedoRewriteTheStore();
    void undoRefusedAfterAnotherChange();
    void screenshots();

private:
    Store& store() { return *m_session->store(); }
    CaseRecord storedCase() { return CaseRepository(store()).get(m_caseId).value(); }
    Person storedSubject() { return PersonRepository(store()).get(m_subjectId).value(); }
    int outbox() { return OutboxRepository(store()).pendingCount(); }
    static void type(CaseDetailsDialog& dialog, Field which, const QString& value);
    static QString typed(CaseDetailsDialog& dialog, Field which);
    static void choose(CaseDetailsDialog& dialog, Field which, const QString& key);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
    QString m_caseId;
    QString m_subjectId;
};

void TestCaseDetailsDialog::init()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = UiTestSupport::unlockedDemoSession(m_dir->filePath(QStringLiteral("demo.store")), 6, 11);
    QVERIFY(m_session);
    m_caseId = CaseRepository(store()).list(CaseFilter {}).first().id;
    for (const CasePerson& link : CaseRepository(store()).people(m_caseId)) {
        if (link.role == QLatin1String("subject"))
            m_subjectId = link.personId;
    }
    QVERIFY(!m_subjectId.isEmpty());
    // Start from a case that satisfies every rule, so each test breaks exactly one.
    CaseRecord record = storedCase();
    record.consent = QStringLiteral("given");
    record.consentDate = record.referralDate;
    record.consentRecordedBy = QStringLiteral("Sam Whittle");
    record.risk = QStringLiteral("medium");
    CaseRepository(store()).update(record);
}

void TestCaseDetailsDialog::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void TestCaseDetailsDialog::type(CaseDetailsDialog& dialog, Field which, const QString& value)
{
    QWidget* editor = dialog.field(which);
    if (auto* line = qobject_cast<QLineEdit*>(editor))
        line->setText(value);
    else if (auto* area = qobject_cast<QPlainTextEdit*>(editor))
        area->setPlainText(value);
    else
        QFAIL("not a text field");
}

QString TestCaseDetailsDialog::typed(CaseDetailsDialog& dialog, Field which)
{
    QWidget* editor = dialog.field(which);
    if (auto* line = qobject_cast<QLineEdit*>(editor))
        return line->text();
    if (auto* area = qobject_cast<QPlainTextEdit*>(editor))
        return area->toPlainText();
    return qobject_cast<QComboBox*>(editor)->currentData().toString();
}

void TestCaseDetailsDialog::choose(CaseDetailsDialog& dialog, Field which, const QString& key)
{
    auto* combo = qobject_cast<QComboBox*>(dialog.field(which));
    QVERIFY(combo);
    const int found = combo->findData(key);
    QVERIFY2(found >= 0, qPrintable(key));
    combo->setCurrentIndex(found);
}

void TestCaseDetailsDialog::showsTheStoredDetails()
{
    const CaseRecord record = storedCase();
    const Person subject = storedSubject();
    CaseDetailsDialog dialog(*m_session, m_caseId, nullptr);
    QCOMPARE(typed(dialog, Field::GivenName), subject.givenName);
    QCOMPARE(Validation::normaliseNhsNumber(typed(dialog, Field::NhsNumber)), subject.nhsNumber);
    QCOMPARE(typed(dialog, Field::DateOfBirth), subject.dateOfBirth.toString(QStringLiteral("dd/MM/yyyy")));
    QCOMPARE(typed(dialog, Field::Reason), record.reason);
    QCOMPARE(typed(dialog, Field::ReferringAgency), record.referringAgencyId);
    QCOMPARE(typed(dialog, Field::Consent), QStringLiteral("given"));
    QCOMPARE(typed(dialog, Field::Risk), QStringLiteral("medium"));
    // Every field is named for a screen reader and reached from its label's mnemonic.
    for (int i = 0; i < CaseDetailsDialog::FieldCount; ++i) {
        QWidget* editor = dialog.field(static_cast<Field>(i));
        QVERIFY(!editor->accessibleName().isEmpty());
        bool labelled = false;
        for (QLabel* label : dialog.findChildren<QLabel*>()) {
            if (label->buddy() == editor) {
                labelled = true;
                QVERIFY2(label->text().contains(QLatin1Char('&')), qPrintable(label->text()));
            }
        }
        QVERIFY2(labelled, qPrintable(editor->accessibleName()));
    }
}

void TestCaseDetailsDialog::savesChangedFieldsInOneGo()
{
    const int outboxBefore = outbox();
    const qint64 auditBefore = AuditLog(store()).count();
    CaseDetailsDialog dialog(*m_session, m_caseId, nullptr);
    type(dialog, Field::GivenName, QStringLiteral("  Zebedee "));
    type(dialog, Field::NhsNumber, QStringLiteral("943 476 5919"));
    type(dialog, Field::Postcode, QStringLiteral("pr71dp"));
    type(dialog, Field::Email, QStringLiteral("zeb@example.org"));
    type(dialog, Field::DateOfBirth, QStringLiteral("5/3/1968"));
    type(dialog, Field::AccessNeeds, QStringLiteral("Prefers letters in large print"));
    type(dialog, Field::Reason, QStringLiteral("Hoarding; blocked fire exits"));
    choose(dialog, Field::Risk, QStringLiteral("high"));
    type(dialog, Field::RiskRationale, QStringLiteral("Smokes indoors among stacked papers"));
    type(dialog, Field::LeadWorker, QStringLiteral("Grace Okafor"));
    type(dialog, Field::ReviewDate, QDate::currentDate().addDays(14).toString(QStringLiteral("dd/MM/yyyy")));
    choose(dialog, Field::Consent, QStringLiteral("refused"));
    type(dialog, Field::LawfulBasis, QStringLiteral("Public task: UK GDPR Article 6(1)(e)"));
    QCOMPARE(dialog.save(), QString());

    const Person subject = storedSubject();
    QCOMPARE(subject.givenName, QStringLiteral("Zebedee"));
    QCOMPARE(subject.nhsNumber, QStringLiteral("9434765919")); // stored normalised
    QCOMPARE(subject.postcode, QStringLiteral("PR7 1DP"));
    QCOMPARE(subject.email, QStringLiteral("zeb@example.org"));
    QCOMPARE(subject.dateOfBirth, QDate(1968, 3, 5));
    QCOMPARE(subject.accessNeeds, QStringLiteral("Prefers letters in large print"));
    const CaseRecord record = storedCase();
    QCOMPARE(record.reason, QStringLiteral("Hoarding; blocked fire exits"));
    QCOMPARE(record.risk, QStringLiteral("high"));
    QCOMPARE(record.riskRationale, QStringLiteral("Smokes indoors among stacked papers"));
    QCOMPARE(record.leadWorker, QStringLiteral("Grace Okafor"));
    QCOMPARE(record.reviewDate, QDate::currentDate().addDays(14));
    QCOMPARE(record.consent, QStringLiteral("refused"));
    QCOMPARE(record.lawfulBasis, QStringLiteral("Public task: UK GDPR Article 6(1)(e)"));
    // One change each for the case and the person, queued for sync and audited.
    QCOMPARE(outbox(), outboxBefore + 2);
    QCOMPARE(AuditLog(store()).count(), auditBefore + 2);
}

void TestCaseDetailsDialog::refusesAProblemAndWritesNothing_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    const QString tomorrow = QDate::currentDate().addDays(1).toString(QStringLiteral("dd/MM/yyyy"));
    QTest::newRow("bad NHS number") << int(Field::NhsNumber) << "943 476 5918"
                                    << "check digit";
    QTest::newRow("bad postcode") << int(Field::Postcode) << "PR7 1D"
                                  << "not a UK postcode";
    QTest::newRow("future date of birth") << int(Field::DateOfBirth) << tomorrow << "in the future";
    QTest::newRow("date of birth not a date") << int(Field::DateOfBirth) << "31/02/1970"
                                              << "not a date";
    QTest::newRow("empty reason") << int(Field::Reason) << "  "
                                  << "Reason for referral is blank";
    QTest::newRow("consent given without a date") << int(Field::ConsentDate) << ""
                                                  << "date consent";
    QTest::newRow("bad email") << int(Field::Email) << "zeb at example"
                               << "email address";
    QTest::newRow("high risk without rationale") << int(Field::RiskRationale) << ""
                                                 << "high risk";
    QTest::newRow("no name") << int(Field::GivenName) << ""
                             << "given name or family name";
}

void TestCaseDetailsDialog::refusesAProblemAndWritesNothing()
{
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const auto which = static_cast<Field>(field);
    const CaseRecord recordBefore = storedCase();
    const Person subjectBefore = storedSubject();
    const int outboxBefore = outbox();

    CaseDetailsDialog dialog(*m_session, m_caseId, nullptr);
    type(dialog, Field::Ward, QStringLiteral("Chorley East")); // a good change, held back too
    if (which == Field::RiskRationale)
        choose(dialog, Field::Risk, QStringLiteral("high"));
    if (which == Field::GivenName)
        type(dialog, Field::FamilyName, QString());
    type(dialog, which, value);
    const QString problem = dialog.save();
    QVERIFY2(problem.contains(message, Qt::CaseInsensitive), qPrintable(problem));
    QCOMPARE(dialog.problems(), QStringList {problem});
    // Shown beside its field, told to a screen reader, and its section brought forward.
    QLabel* label = dialog.problemLabel(which);
    QVERIFY(!label->isHidden());
    QCOMPARE(label->text(), problem);
    QCOMPARE(dialog.field(which)->accessibleDescription(), problem);
    QCOMPARE(dialog.sections()->currentWidget()->isAncestorOf(dialog.field(which)), true);
    QVERIFY(
        dialog.sections()->tabText(dialog.sections()->currentIndex()).contains(QStringLiteral("1 to fix")));
    // Nothing typed is lost and nothing is written.
    QCOMPARE(typed(dialog, which), value);
    QCOMPARE(typed(dialog, Field::Ward), QStringLiteral("Chorley East"));
    QCOMPARE(outbox(), outboxBefore);
    QCOMPARE(storedCase().meta.updatedAt, recordBefore.meta.updatedAt);
    QCOMPARE(storedSubject().meta.updatedAt, subjectBefore.meta.updatedAt);
    QCOMPARE(storedSubject().ward, subjectBefore.ward);
}

void TestCaseDetailsDialog::problemsClearAsTheyAreFixed()
{
    CaseDetailsDialog dialog(*m_session, m_caseId, nullptr);
    choose(dialog, Field::Consent, QStringLiteral("not-sought"));
    type(dialog, Field::Postcode, QStringLiteral("nowhere"));
    QVERIFY(!dialog.save().isEmpty());
    QCOMPARE(dialog.problems().size(), 2); // postcode, lawful basis
    QVERIFY(!dialog.problemLabel(Field::LawfulBasis)->isHidden());
    type(dialog, Field::Postcode, QStringLiteral("PR7 1DP"));
    QVERIFY(dialog.problemLabel(Field::Postcode)->isHidden());
    QVERIFY(dialog.field(Field::Postcode)->accessibleDescription().isEmpty());
    type(dialog, Field::LawfulBasis, QStringLiteral("Vital interests"));
    QVERIFY(dialog.problemLabel(Field::LawfulBasis)->isHidden());
    QCOMPARE(dialog.save(), QString());
    QCOMPARE(storedCase().lawfulBasis, QStringLiteral("Vital interests"));
    QCOMPARE(storedCase().consent, QStringLiteral("not-sought"));
}

void TestCaseDetailsDialog::nothingChangedWritesNothing()
{
    const int outboxBefore = outbox();
    const qint64 auditBefore = AuditLog(store()).count();
    QUndoStack undo;
    CaseDetailsDialog dialog(*m_session, m_caseId, &undo);
    QCOMPARE(dialog.save(), QString());
    QCOMPARE(outbox(), outboxBefore);
    QCOMPARE(AuditLog(store()).count(), auditBefore);
    QCOMPARE(undo.count(), 0);
}

void TestCaseDetailsDialog::refusedWhenChangedElsewhere()
{
    CaseDetailsDialog dialog(*m_session, m_caseId, nullptr);
    CaseRecord record = storedCase();
    record.leadWorker = QStringLiteral("Tom Baxter");
    QTest::qWait(2); // a later update stamp
    CaseRepository(store()).update(record);
    const int outboxBefore = outbox();
    type(dialog, Field::LeadWorker, QStringLiteral("Priya Shah"));
    QVERIFY(dialog.save().contains(QStringLiteral("changed elsewhere")));
    QCOMPARE(typed(dialog, Field::LeadWorker), QStringLiteral("Priya Shah"));
    QCOMPARE(storedCase().leadWorker, QStringLiteral("Tom Baxter"));
    QCOMPARE(outbox(), outboxBefore);
}

void TestCaseDetailsDialog::undoAndRedoRewriteTheStore()
{
    const CaseRecord recordBefore = storedCase();
    const Person subjectBefore = storedSubject();
    QUndoStack undo;
    QStringList failures;
    {
        CaseDetailsDialog dialog(*m_session, m_caseId, &undo);
        dialog.setUndoFailureHandler([&failures](const QString& m) { failures << m; });
        type(dialog, Field::FamilyName, QStringLiteral("Quill"));
        type(dialog, Field::Phone, QStringLiteral("01257 000000"));
        type(dialog, Field::ReferrerName, QStringLiteral("PC Ainscough"));
        QCOMPARE(dialog.save(), QString());
    } // the edit outlives the dialog, as it does in the app
    QCOMPARE(undo.count(), 1);
    QCOMPARE(undo.undoText(), QStringLiteral("Edit case details"));
    QCOMPARE(storedSubject().familyName, QStringLiteral("Quill"));

    const int outboxBefore = outbox();
    undo.undo();
    QCOMPARE(failures, QStringList());
    QCOMPARE(storedSubject().familyName, subjectBefore.familyName);
    QCOMPARE(storedSubject().phone, subjectBefore.phone);
    QCOMPARE(storedCase().referrerName, recordBefore.referrerName);
    QCOMPARE(outbox(), outboxBefore + 2); // undo is a new change, synced like any other

    undo.redo();
    QCOMPARE(failures, QStringList());
    QCOMPARE(storedSubject().familyName, QStringLiteral("Quill"));
    QCOMPARE(storedSubject().phone, QStringLiteral("01257 000000"));
    QCOMPARE(storedCase().referrerName, QStringLiteral("PC Ainscough"));
    undo.undo();
    QCOMPARE(storedSubject().familyName, subjectBefore.familyName);
    QCOMPARE(failures, QStringList());
}

void TestCaseDetailsDialog::undoRefusedAfterAnotherChange()
{
    QUndoStack undo;
    QStringList failures;
    {
        CaseDetailsDialog dialog(*m_session, m_caseId, &undo);
        dialog.setUndoFailureHandler([&failures](const QString& m) { failures << m; });
        type(dialog, Field::LeadWorker, QStringLiteral("Priya Shah"));
        QCOMPARE(dialog.save(), QString());
    }
    // Someone else changes the case afterwards: undoing would throw their change away.
    CaseRecord record = storedCase();
    record.leadWorker = QStringLiteral("Tom Baxter");
    QTest::qWait(2); // a later update stamp
    CaseRepository(store()).update(record);
    undo.undo();
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.first().contains(QStringLiteral("cannot be undone")), qPrintable(failures.first()));
    QCOMPARE(storedCase().leadWorker, QStringLiteral("Tom Baxter"));
    QCOMPARE(undo.count(), 0); // dropped rather than offered again
}

void TestCaseDetailsDialog::screenshots()
{
    CaseDetailsDialog dialog(*m_session, m_caseId, nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.height() <= 700); // a 768-pixel laptop screen, less frame and taskbar
    QVERIFY(UiTestSupport::saveShot(dialog, QStringLiteral("case-details-subject")));
    type(dialog, Field::NhsNumber, QStringLiteral("1234567890"));
    type(dialog, Field::Postcode, QStringLiteral("PR7"));
    type(dialog, Field::Reason, QString());
    QVERIFY(!dialog.save().isEmpty());
    QTest::qWait(50); // the dialog grows to make room for the problems
    QVERIFY(dialog.height() <= 700);
    QVERIFY(UiTestSupport::saveShot(dialog, QStringLiteral("case-details-problems")));
    for (int tab = 1; tab < dialog.sections()->count(); ++tab) {
        dialog.sections()->setCurrentIndex(tab);
        QVERIFY(UiTestSupport::saveShot(dialog, QStringLiteral("case-details-tab%1").arg(tab)));
    }
}

QTEST_MAIN(TestCaseDetailsDialog)
#include "TestCaseDetailsDialog.moc"
