#include "cli/DemoCommand.h"
#include "core/TransitionRequest.h"
#include "models/CaseListModel.h"
#include "models/StoreSession.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/DraftRepository.h"
#include "store/KeyDerivation.h"
#include "store/NoteRepository.h"
#include "store/OutboxRepository.h"
#include "store/Store.h"
#include "ui/AppSettings.h"
#include "ui/CaseDetailsDialog.h"
#include "ui/CaseWorkspace.h"
#include "ui/ImportDialog.h"
#include "ui/InactivityTimer.h"
#include "ui/MainWindow.h"
#include "ui/NewCaseDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

// The main window end to end over a real store of fictional demo cases.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void unlockShowsCasesAndOpensOne();
    void searchFindsNoteText();
    void savingANoteReachesTheStore();
    void lockClearsEverythingAndKeepsDraft();
    void autoLockFiresAfterTimeout();
    void closingACaseFollowsTheRules();
    void recordingOutcomeMeasures();
    void newReferralChecksThenSaves();
    void editDetailsFromTheMenuIsUndoable();
    void importFromTheMenuShowsTheNewCases();
    void statusBarSaysWhatIsTrue();
    void settingsCloseWhenTheStoreLocks();
    void statusChangeReasonSurvivesALock();
    void correctionDraftKeepsItsLink();

private:
    QByteArray passphrase() const { return QByteArrayLiteral("correct horse battery staple"); }
    void unlock();
    QAction* action(const QString& text) const;
    QString statusText() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("PivotCasebookTest"));
}

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("demo.store"));
    {
        auto store = Store::create(m_path, passphrase(),
            KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit),
            QStringLiteral("tester"));
        DemoCommand::populate(*store, 40, 7, QDate::currentDate());
    }
    m_settings = std::make_unique<AppSettings>();
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(m_path);
    m_window = std::make_unique<MainWindow>(*m_session, *m_settings);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestMainWindow::unlock()
{
    QCOMPARE(m_session->unlock(passphrase(), QStringLiteral("tester")), QString());
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(40));
}

void TestMainWindow::unlockShowsCasesAndOpensOne()
{
    QVERIFY(!m_window->caseTable()->isVisible()); // the unlock page first
    unlock();
    QVERIFY(m_window->caseTable()->isVisible());
    QCOMPARE(m_window->caseListModel()->rowCount(), 40);
    m_window->caseTable()->selectRow(0);
    const QString id = m_window->caseListModel()->caseIdAt(0);
    QCOMPARE(m_window->workspace()->caseId(), id);
    QVERIFY(m_window->workspace()->tabs()->isEnabled());
}

void TestMainWindow::searchFindsNoteText()
{
    unlock();
    Store& store = *m_session->store();
    const QString caseId = m_window->caseListModel()->caseIdAt(5);
    const auto record = CaseRepository(store).get(caseId);
    CaseNote note;
    note.caseId = caseId;
    note.occurredOn = QDate::currentDate();
    note.author = QStringLiteral("tester");
    note.text = QStringLiteral("Met at the xylophone workshop");
    NoteRepository(store).add(note, record->reference);
    QTest::keyClicks(m_window->searchField(), QStringLiteral("xylophone"));
    QTRY_COMPARE(m_window->caseListModel()->rowCount(), 1);
    QCOMPARE(m_window->caseListModel()->caseIdAt(0), caseId);
}

void TestMainWindow::savingANoteReachesTheStore()
{
    unlock();
    m_window->caseTable()->selectRow(0);
    const QString caseId = m_window->workspace()->caseId();
    const qint64 before = NoteRepository(*m_session->store()).countForCase(caseId);
    auto* text = m_window->workspace()->findChild<QPlainTextEdit*>();
    QVERIFY(text);
    text->setPlainText(QStringLiteral("Home visit: smoke alarm tested and working"));
    auto* save = m_window->workspace()->findChild<QPushButton*>(QStringLiteral("saveNote"));
    QVERIFY(save);
    save->click();
    QCOMPARE(NoteRepository(*m_session->store()).countForCase(caseId), before + 1);
    QVERIFY(text->toPlainText().isEmpty());
    // An empty note is refused inline and nothing is written.
    save->click();
    QCOMPARE(NoteRepository(*m_session->store()).countForCase(caseId), before + 1);
}

void TestMainWindow::lockClearsEverythingAndKeepsDraft()
{
    unlock();
    m_window->caseTable()->selectRow(0);
    const QString caseId = m_window->workspace()->caseId();
    auto* text = m_window->workspace()->findChild<QPlainTextEdit*>();
    text->setPlainText(QStringLiteral("Unfinished thought"));
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(!m_session->isUnlocked());
    QCOMPARE(m_window->caseListModel()->rowCount(), 0);
    QVERIFY(m_window->workspace()->caseId().isEmpty());
    QVERIFY(text->toPlainText().isEmpty());
    // The draft waited inside the encrypted store and comes back with the case.
    unlock();
    QCOMPARE(DraftRepository(*m_session->store()).load(QStringLiteral("note:") + caseId).value_or(QString()),
        QStringLiteral("Unfinished thought"));
    m_window->caseTable()->selectRow(m_window->caseListModel()->rowForCaseId(caseId));
    QCOMPARE(text->toPlainText(), QStringLiteral("Unfinished thought"));
}

void TestMainWindow::autoLockFiresAfterTimeout()
{
    m_settings->setValue(AppSettings::Key::AutoLockMinutes, 1);
    unlock();
    // The window reads minutes; a test cannot wait one, so it shortens the timer it started.
    auto* timer = m_window->findChild<InactivityTimer*>();
    QVERIFY(timer);
    timer->setTimeout(300);
    timer->start();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isUnlocked(), 3000);
    QCOMPARE(m_window->caseListModel()->rowCount(), 0);
}

void TestMainWindow::closingACaseFollowsTheRules()
{
    unlock();
    CaseFilter open;
    open.status = QStringLiteral("open");
    const auto cases = CaseRepository(*m_session->store()).list(open);
    QVERIFY(!cases.isEmpty());
    const QString caseId = cases.first().id;
    m_window->caseTable()->selectRow(m_window->caseListModel()->rowForCaseId(caseId));
    QCOMPARE(m_window->workspace()->caseId(), caseId);

    TransitionRequest close;
    close.to = QStringLiteral("closed");
    close.date = QDate::currentDate();
    QVERIFY(m_window->workspace()->changeStatus(close).contains(QStringLiteral("reason")));
    close.reason = QStringLiteral("outcomes-met");
    // Demo cases have a baseline only: closing needs a closing assessment offered.
    QVERIFY(m_window->workspace()->changeStatus(close).contains(QStringLiteral("closing assessment")));
    QCOMPARE(CaseRepository(*m_session->store()).get(caseId)->status, QStringLiteral("open"));

    close.closingAssessmentOffered = true;
    QCOMPARE(m_window->workspace()->changeStatus(close), QString());
    const auto closed = CaseRepository(*m_session->store()).get(caseId);
    QCOMPARE(closed->status, QStringLiteral("closed"));
    QCOMPARE(closed->closureReason, QStringLiteral("outcomes-met"));
    // The list row follows the store.
    const int row = m_window->caseListModel()->rowForCaseId(caseId);
    QCOMPARE(m_window->caseListModel()->index(row, CaseListModel::Status).data().toString(),
        QStringLiteral("Closed"));
}

void TestMainWindow::recordingOutcomeMeasures()
{
    unlock();
    CaseFilter open;
    open.status = QStringLiteral("open");
    const QString caseId = CaseRepository(*m_session->store()).list(open).first().id;
    m_window->caseTable()->selectRow(m_window->caseListModel()->rowForCaseId(caseId));
    const qsizetype before = AssessmentRepository(*m_session->store()).forCase(caseId).size();

    Assessment bad;
    bad.kind = QStringLiteral("ons4");
    bad.stage = QStringLiteral("closing");
    bad.assessedOn = QDate::currentDate();
    bad.ons4 = {{7, 8, 11, 2}};
    QVERIFY(!m_window->workspace()->recordAssessment(bad).isEmpty());
    bad.assessedOn = QDate::currentDate().addDays(1);
    bad.ons4 = {{7, 8, 7, 2}};
    QVERIFY(!m_window->workspace()->recordAssessment(bad).isEmpty());
    QCOMPARE(AssessmentRepository(*m_session->store()).forCase(caseId).size(), before);

    Assessment good = bad;
    good.assessedOn = QDate::currentDate();
    QCOMPARE(m_window->workspace()->recordAssessment(good), QString());
    const auto all = AssessmentRepository(*m_session->store()).forCase(caseId);
    QCOMPARE(all.size(), before + 1);
    QCOMPARE(all.last().ons4[2], 7);
    // The scores are shown beside the norms, headed as the team has named them.
    QString summary;
    for (const QLabel* label : m_window->workspace()->findChildren<QLabel*>()) {
        if (label->text().contains(QLatin1String("Baseline")))
            summary = label->text();
    }
    QVERIFY2(
        summary.contains(QLatin1String("UK average (ONS APS, year ending March 2023)")), qPrintable(summary));
    QVERIFY(summary.contains(QLatin1String("7.45")));

    // With a closing assessment taken, closing needs only the reason.
    TransitionRequest close;
    close.to = QStringLiteral("closed");
    close.date = QDate::currentDate();
    close.reason = QStringLiteral("outcomes-met");
    QCOMPARE(m_window->workspace()->changeStatus(close), QString());
}

void TestMainWindow::newReferralChecksThenSaves()
{
    unlock();
    NewCaseDialog dialog(*m_session);
    dialog.agencyField()->setCurrentText(QStringLiteral("Lancashire Police"));
    dialog.givenNameField()->setText(QStringLiteral("Zebedee"));
    dialog.nhsNumberField()->setText(QStringLiteral("1234567890"));
    const QString problems = dialog.save();
    QVERIFY2(problems.contains(QStringLiteral("check digit")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("Reason")), qPrintable(problems));
    QCOMPARE(CaseRepository(*m_session->store()).count(CaseFilter {}), qint64(40));

    dialog.nhsNumberField()->setText(QStringLiteral("943 476 5919"));
    dialog.postcodeField()->setText(QStringLiteral("pr71dp"));
    dialog.reasonField()->setPlainText(QStringLiteral("Neighbour worried about a build-up of belongings"));
    dialog.needsField()->item(0)->setCheckState(Qt::Checked); // hoarding
    QCOMPARE(dialog.save(), QString());
    QCOMPARE(CaseRepository(*m_session->store()).count(CaseFilter {}), qint64(41));
    const auto created = CaseRepository(*m_session->store()).get(dialog.createdCaseId());
    QVERIFY(created.has_value());
    QVERIFY(created->reference.startsWith(QStringLiteral("PVT-%1-").arg(QDate::currentDate().year())));
    QCOMPARE(created->status, QStringLiteral("referred"));
    // The list shows it without a reload.
    QVERIFY(m_window->caseListModel()->rowForCaseId(created->meta.id) >= 0);
    QCOMPARE(m_window->caseListModel()->totalCount(), qint64(41));
}

QAction* TestMainWindow::action(const QString& text) const
{
    for (QAction* candidate : m_window->actions()) {
        if (candidate->text().remove(QLatin1Char('&')) == text)
            return candidate;
    }
    return nullptr;
}

QString TestMainWindow::statusText() const
{
    QStringList texts;
    for (const QLabel* label : m_window->findChildren<QLabel*>())
        texts << label->text();
    return texts.join(QLatin1Char('|'));
}

void TestMainWindow::editDetailsFromTheMenuIsUndoable()
{
    unlock();
    m_window->caseTable()->selectRow(0);
    const QString caseId = m_window->workspace()->caseId();
    const QString leadBefore = CaseRepository(*m_session->store()).get(caseId)->leadWorker;
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<CaseDetailsDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen = true;
        auto* lead = qobject_cast<QLineEdit*>(dialog->field(CaseDetailsDialog::Field::LeadWorker));
        if (lead)
            lead->setText(QStringLiteral("Priya Shah"));
        const QString problem = dialog->save();
        if (problem.isEmpty()) {
            dialog->accept();
        } else {
            qWarning("%s", qPrintable(problem));
            dialog->reject();
        }
    });
    QAction* edit = action(QStringLiteral("Edit case details..."));
    QVERIFY(edit);
    QVERIFY(edit->isEnabled());
    edit->trigger();
    QVERIFY(seen);
    QCOMPARE(CaseRepository(*m_session->store()).get(caseId)->leadWorker, QStringLiteral("Priya Shah"));
    QUndoStack* undo = m_window->workspace()->undoStack();
    QCOMPARE(undo->count(), 1);
    QAction* undoAction = nullptr;
    for (QAction* candidate : m_window->actions()) {
        if (candidate->text().remove(QLatin1Char('&')).startsWith(QLatin1String("Undo")))
            undoAction = candidate;
    }
    QVERIFY(undoAction);
    QVERIFY(undoAction->isEnabled());
    undoAction->trigger();
    QCOMPARE(CaseRepository(*m_session->store()).get(caseId)->leadWorker, leadBefore);
}

void TestMainWindow::importFromTheMenuShowsTheNewCases()
{
    unlock();
    const QString path = m_dir->filePath(QStringLiteral("referrals.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "reference,referral_date,referring_agency,given_name,family_name,needs,reason,consent,risk,status\n"
        "PVT-2025-0999,2025-01-05,Lancashire Police,Quentin,Xylander,loneliness,Lives alone,given,low,"
        "referred\n");
    file.close();
    ImportDialog::setNextChosenFileForTesting(path);
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ImportDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen = true;
        dialog->browseButton()->click();
        const QString problem = dialog->importRows();
        if (!problem.isEmpty())
            qWarning("%s", qPrintable(problem));
        dialog->reject();
    });
    action(QStringLiteral("Import referrals from CSV..."))->trigger();
    QVERIFY(seen);
    const auto imported = CaseRepository(*m_session->store()).byReference(QStringLiteral("PVT-2025-0999"));
    QVERIFY(imported);
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(41));
    // The newest referral heads the list and is opened for the worker.
    QCOMPARE(m_window->workspace()->caseId(), imported->meta.id);
}

void TestMainWindow::statusBarSaysWhatIsTrue()
{
    QVERIFY(statusText().contains(QStringLiteral("Locked")));
    QVERIFY(statusText().contains(QStringLiteral("Sync waits until the store is unlocked")));
    unlock();
    const int pending = OutboxRepository(*m_session->store()).pendingCount();
    QVERIFY(pending > 0);
    QTRY_VERIFY2(statusText().contains(QStringLiteral("%1 change(s) waiting to sync").arg(pending)),
        qPrintable(statusText()));
    QVERIFY(statusText().contains(QStringLiteral("40 shown of 40 matching")));
    // No account in the store: the status bar says so, and never the old "cannot sync yet".
    QVERIFY2(
        statusText().contains(QStringLiteral("Not signed in to a sync server")), qPrintable(statusText()));
    QVERIFY(!statusText().contains(QStringLiteral("cannot sync")));
    QVERIFY(action(QStringLiteral("Sync now")));
    QCOMPARE(action(QStringLiteral("Sync now"))->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(!action(QStringLiteral("Sync now"))->isEnabled()); // nobody signed in
    QVERIFY(action(QStringLiteral("Sign in to the sync server..."))->isEnabled());
    m_session->lock();
    QTRY_VERIFY(statusText().contains(QStringLiteral("Locked")));
    QVERIFY(!statusText().contains(QStringLiteral("waiting to sync")));
}

void TestMainWindow::settingsCloseWhenTheStoreLocks()
{
    unlock();
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        seen = QApplication::activeModalWidget() != nullptr;
        m_session->lock(); // the inactivity timer firing with Settings open
    });
    action(QStringLiteral("Settings..."))->trigger();
    QVERIFY(seen);
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(!m_session->isUnlocked());
}

void TestMainWindow::statusChangeReasonSurvivesALock()
{
    unlock();
    int row = -1;
    for (int i = 0; i < m_window->caseListModel()->rowCount() && row < 0; ++i) {
        if (m_window->caseListModel()->summaryAt(i)->status == QLatin1String("referred"))
            row = i;
    }
    QVERIFY(row >= 0);
    m_window->caseTable()->selectRow(row);
    const QString caseId = m_window->workspace()->caseId();
    const auto declineButton = [this]() -> QPushButton* {
        for (QPushButton* button : m_window->workspace()->findChildren<QPushButton*>()) {
            if (button->text().remove(QLatin1Char('&')) == QLatin1String("Decline..."))
                return button;
        }
        return nullptr;
    };
    QVERIFY(declineButton());
    const QString reason = QStringLiteral("Already supported by the zebra-crossing project");
    QTimer::singleShot(0, this, [&] {
        auto* field = QApplication::activeModalWidget()->findChild<QLineEdit*>();
        field->setText(reason);
        m_session->lock();
    });
    declineButton()->click();
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(!QApplication::activeModalWidget());

    unlock();
    m_window->caseTable()->selectRow(m_window->caseListModel()->rowForCaseId(caseId));
    QString shown;
    QTimer::singleShot(0, this, [&] {
        QDialog* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        shown = dialog->findChild<QLineEdit*>()->text();
        dialog->reject(); // Cancel: the draft goes
    });
    declineButton()->click();
    QCOMPARE(shown, reason);
    QCOMPARE(CaseRepository(*m_session->store()).get(caseId)->status, QStringLiteral("referred"));
}

void TestMainWindow::correctionDraftKeepsItsLink()
{
    unlock();
    m_window->caseTable()->selectRow(0);
    const QString caseId = m_window->workspace()->caseId();
    const QList<CaseNote> notes = NoteRepository(*m_session->store()).forCase(caseId);
    QVERIFY(!notes.isEmpty());
    const CaseNote original = notes.first();
    m_window->workspace()->startCorrection(original.meta.id);
    auto* text = m_window->workspace()->findChild<QPlainTextEdit*>();
    text->setPlainText(QStringLiteral("Correction: the visit was on the Tuesday, with the fire officer"));
    m_session->lock();
    QVERIFY(text->toPlainText().isEmpty());

    unlock();
    m_window->caseTable()->selectRow(m_window->caseListModel()->rowForCaseId(caseId));
    QCOMPARE(text->toPlainText(),
        QStringLiteral("Correction: the visit was on the Tuesday, with the fire officer"));
    m_window->workspace()->findChild<QPushButton*>(QStringLiteral("saveNote"))->click();
    const CaseNote saved = NoteRepository(*m_session->store()).forCase(caseId).last();
    QCOMPARE(saved.text, QStringLiteral("Correction: the visit was on the Tuesday, with the fire officer"));
    QCOMPARE(saved.correctsNoteId, original.meta.id);
    QCOMPARE(saved.occurredOn, original.occurredOn); // the form came back as it was
    QCOMPARE(saved.kind, original.kind);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
