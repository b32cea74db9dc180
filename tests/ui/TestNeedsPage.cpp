#include "UiTestSupport.h"
#include "cli/DemoCommand.h"
#include "core/Vocabulary.h"
#include "models/NeedsModel.h"
#include "models/StoreSession.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "ui/NeedDialog.h"
#include "ui/NeedsPage.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>

namespace {
// Letters the workspace tabs and the menu bar use; they stay visible beside the page.
const QString takenMnemonics = QStringLiteral("ODANUHFECGV");

// The page opens its dialogs with exec(), so the test drives them from inside that loop:
// once a modal dialog is showing, `drive` gets it.
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

void clickSave(QWidget* dialog)
{
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
}

QChar mnemonicOf(const QString& text)
{
    const qsizetype at = text.indexOf(QLatin1Char('&'));
    return at >= 0 && at + 1 < text.size() ? text.at(at + 1).toUpper() : QChar();
}
} // namespace

// The Needs tab over a real store of fictional demo cases: what a worker adds or edits
// reaches the store, refusals leave it untouched, and edits undo and redo.
class TestNeedsPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addingANeedShowsInTableAndStore();
    void duplicateNeedIsRefused();
    void clutterRatingOnlyForHoarding();
    void editThenUndoAndRedo();
    void undoRefusedWhenChangedSince();
    void addThroughTheButton();
    void enterOnARowEdits();
    void lockEmptiesThePage();
    void lockClosesAnOpenDialog();
    void storeErrorIsShownAndNothingTypedIsLost();
    void keyboardAndNames();
    void screenshots();

private:
    Store& store() const { return *m_session->store(); }
    QString unusedNeedKey() const;
    CaseNeed storedNeed(const QString& id) const;
    int rowOf(const QString& id) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<NeedsPage> m_page;
    QString m_caseId;
};

void TestNeedsPage::init()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = UiTestSupport::demoSession(m_dir->filePath(QStringLiteral("demo.store")), 12, 7);
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    // A case with needs but no hoarding, so hoarding can be added and rated.
    m_caseId.clear();
    for (const CaseSummary& c : CaseRepository(store()).list(CaseFilter {})) {
        const QList<CaseNeed> needs = NeedRepository(store()).forCase(c.id);
        if (!needs.isEmpty() && !NeedRepository(store()).find(c.id, QStringLiteral("hoarding"))) {
            m_caseId = c.id;
            break;
        }
    }
    QVERIFY(!m_caseId.isEmpty());
    m_undo = std::make_unique<QUndoStack>();
    m_page = std::make_unique<NeedsPage>(*m_session, *m_undo);
    m_page->resize(900, 420);
    m_page->openCase(m_caseId);
    QCOMPARE(m_page->model()->rowCount(), int(NeedRepository(store()).forCase(m_caseId).size()));
}

void TestNeedsPage::cleanup()
{
    m_page.reset();
    m_undo.reset();
    m_session.reset();
    m_dir.reset();
}

QString TestNeedsPage::unusedNeedKey() const
{
    for (const QString& key : Vocabulary::needs().keys()) {
        if (key != QLatin1String("hoarding") && !NeedRepository(store()).find(m_caseId, key))
            return key;
    }
    return {};
}

CaseNeed TestNeedsPage::storedNeed(const QString& id) const
{
    for (const CaseNeed& n : NeedRepository(store()).forCase(m_caseId)) {
        if (n.meta.id == id)
            return n;
    }
    return {};
}

int TestNeedsPage::rowOf(const QString& id) const
{
    for (int row = 0; row < m_page->model()->rowCount(); ++row) {
        if (m_page->model()->index(row, 0).data(NeedsModel::IdRole).toString() == id)
            return row;
    }
    return -1;
}

void TestNeedsPage::addingANeedShowsInTableAndStore()
{
    const int before = m_page->model()->rowCount();
    const QString key = unusedNeedKey();
    NeedDialog dialog(*m_session, *m_undo, m_caseId, m_page.get());
    QVERIFY(!dialog.isEditing());
    dialog.needField()->setCurrentIndex(dialog.needField()->findData(key));
    dialog.severityField()->setCurrentIndex(dialog.severityField()->findData(QStringLiteral("high")));
    dialog.notesField()->setPlainText(QStringLiteral("Rarely leaves the flat"));
    QCOMPARE(dialog.save(), QString());

    const auto stored = NeedRepository(store()).find(m_caseId, key);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->severity, QStringLiteral("high"));
    QCOMPARE(stored->status, QStringLiteral("open"));
    QCOMPARE(stored->clutterRating, 0);
    QCOMPARE(stored->notes, QStringLiteral("Rarely leaves the flat"));
    QCOMPARE(dialog.savedNeedId(), stored->meta.id);
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    const int row = rowOf(stored->meta.id);
    QVERIFY(row >= 0);
    QCOMPARE(m_page->model()->index(row, NeedsModel::Need).data().toString(), Vocabulary::needs().label(key));
    QCOMPARE(m_page->model()->index(row, NeedsModel::Severity).data().toString(), QStringLiteral("High"));
    QCOMPARE(m_undo->count(), 0); // adding is not undoable: the store has no delete

    // Hoarding takes a Clutter Image Rating.
    NeedDialog hoarding(*m_session, *m_undo, m_caseId);
    hoarding.needField()->setCurrentIndex(hoarding.needField()->findData(QStringLiteral("hoarding")));
    QVERIFY(hoarding.clutterField()->isEnabled());
    hoarding.clutterField()->setValue(7);
    QCOMPARE(hoarding.save(), QString());
    QCOMPARE(NeedRepository(store()).find(m_caseId, QStringLiteral("hoarding"))->clutterRating, 7);
    QCOMPARE(m_page->model()->rowCount(), before + 2);
}

void TestNeedsPage::duplicateNeedIsRefused()
{
    const QList<CaseNeed> before = NeedRepository(store()).forCase(m_caseId);
    const CaseNeed existing = before.first();
    NeedDialog dialog(*m_session, *m_undo, m_caseId);
    const int index = dialog.needField()->findData(existing.needKey);
    // The list says which needs the case has already.
    QVERIFY(dialog.needField()->itemText(index).contains(QStringLiteral("already on this case")));
    QVERIFY(dialog.needField()->currentData().toString() != existing.needKey);
    dialog.needField()->setCurrentIndex(index);
    const QString problems = dialog.save();
    QVERIFY2(problems.contains(QStringLiteral("already has the need")), qPrintable(problems));
    QVERIFY(!dialog.needProblem()->isHidden());
    QVERIFY(dialog.needProblem()->text().contains(Vocabulary::needs().label(existing.needKey)));
    QCOMPARE(NeedRepository(store()).forCase(m_caseId).size(), before.size());
    QCOMPARE(m_page->model()->rowCount(), int(before.size()));

    // Choosing another need clears the problem at once.
    dialog.needField()->setCurrentIndex(dialog.needField()->findData(unusedNeedKey()));
    QVERIFY(dialog.needProblem()->isHidden());
}

void TestNeedsPage::clutterRatingOnlyForHoarding()
{
    const qsizetype before = NeedRepository(store()).forCase(m_caseId).size();
    const QString key = unusedNeedKey();
    NeedDialog dialog(*m_session, *m_undo, m_caseId);
    dialog.needField()->setCurrentIndex(dialog.needField()->findData(key));
    QVERIFY(!dialog.clutterField()->isEnabled()); // not offered
    dialog.clutterField()->setValue(5); // and not accepted if it gets there anyway
    const QString problems = dialog.save();
    QVERIFY2(problems.contains(QStringLiteral("only recorded for hoarding")), qPrintable(problems));
    QVERIFY(!dialog.clutterProblem()->isHidden());
    QVERIFY(dialog.clutterProblem()->text().contains(QStringLiteral("hoarding")));
    QCOMPARE(NeedRepository(store()).forCase(m_caseId).size(), before);
    QVERIFY(!NeedRepository(store()).find(m_caseId, key));

    // Switching to hoarding and back clears a rating instead of hiding it.
    dialog.needField()->setCurrentIndex(dialog.needField()->findData(QStringLiteral("hoarding")));
    dialog.clutterField()->setValue(4);
    dialog.needField()->setCurrentIndex(dialog.needField()->findData(key));
    QCOMPARE(dialog.clutterField()->value(), 0);
    QVERIFY(dialog.clutterProblem()->isHidden());
}

void TestNeedsPage::editThenUndoAndRedo()
{
    const CaseNeed old = NeedRepository(store()).forCase(m_caseId).first();
    const QString newSeverity
        = old.severity == QLatin1String("high") ? QStringLiteral("low") : QStringLiteral("high");
    NeedDialog dialog(*m_session, *m_undo, m_caseId);
    dialog.setNeed(old);
    QVERIFY(dialog.isEditing());
    QVERIFY(!dialog.needField()->isEnabled()); // the kind of need stays
    dialog.severityField()->setCurrentIndex(dialog.severityField()->findData(newSeverity));
    dialog.statusField()->setCurrentIndex(dialog.statusField()->findData(QStringLiteral("improving")));
    dialog.notesField()->setPlainText(QStringLiteral("Better since the move"));
    QCOMPARE(dialog.save(), QString());

    CaseNeed now = storedNeed(old.meta.id);
    QCOMPARE(now.severity, newSeverity);
    QCOMPARE(now.status, QStringLiteral("improving"));
    QCOMPARE(now.notes, QStringLiteral("Better since the move"));
    QCOMPARE(m_undo->count(), 1);
    QCOMPARE(m_undo->undoText(), QStringLiteral("Edit need: %1").arg(Vocabulary::needs().label(old.needKey)));
    QCOMPARE(m_page->model()->index(rowOf(old.meta.id), NeedsModel::Status).data().toString(),
        QStringLiteral("Improving"));

    m_undo->undo();
    now = storedNeed(old.meta.id);
    QCOMPARE(now.severity, old.severity);
    QCOMPARE(now.status, old.status);
    QCOMPARE(now.notes, old.notes);
    QCOMPARE(m_page->model()->index(rowOf(old.meta.id), NeedsModel::Status).data().toString(),
        Vocabulary::needStatuses().label(old.status));

    m_undo->redo();
    now = storedNeed(old.meta.id);
    QCOMPARE(now.severity, newSeverity);
    QCOMPARE(now.status, QStringLiteral("improving"));
    QCOMPARE(now.notes, QStringLiteral("Better since the move"));

    // Saving without a change writes nothing and offers no undo.
    NeedDialog again(*m_session, *m_undo, m_caseId);
    again.setNeed(now);
    QCOMPARE(again.save(), QString());
    QCOMPARE(m_undo->count(), 1);
    QCOMPARE(storedNeed(old.meta.id).meta.updatedAt, now.meta.updatedAt);
}

void TestNeedsPage::undoRefusedWhenChangedSince()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->view()->selectRow(0);
    const QString id = m_page->model()->index(0, 0).data(NeedsModel::IdRole).toString();
    QVERIFY(m_page->editButton()->isEnabled());
    bool driven = false;
    whenModalShows([&](QWidget* modal) {
        auto* dialog = qobject_cast<NeedDialog*>(modal);
        QVERIFY(dialog);
        QVERIFY(dialog->isEditing());
        dialog->notesField()->setPlainText(QStringLiteral("Edited through the button"));
        clickSave(dialog);
        driven = true;
    });
    m_page->editButton()->click();
    QTRY_VERIFY(driven);
    QCOMPARE(storedNeed(id).notes, QStringLiteral("Edited through the button"));
    QCOMPARE(m_undo->count(), 1);
    // The page keeps the worker's place after the reload.
    QCOMPARE(m_page->view()->currentIndex().row(), rowOf(id));

    // A colleague's change in between is not overwritten by the undo.
    CaseNeed colleague = storedNeed(id);
    colleague.notes = QStringLiteral("Changed by a colleague");
    QVERIFY(NeedRepository(store()).update(colleague, QString()));
    m_undo->undo();
    QCOMPARE(storedNeed(id).notes, QStringLiteral("Changed by a colleague"));
    QVERIFY(!m_page->messageLabel()->isHidden());
    QVERIFY2(m_page->messageLabel()->text().contains(QStringLiteral("changed since")),
        qPrintable(m_page->messageLabel()->text()));
    QCOMPARE(m_undo->count(), 0); // an undo that cannot work is not offered again
}

void TestNeedsPage::addThroughTheButton()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const QString key = unusedNeedKey();
    bool driven = false;
    whenModalShows([&](QWidget* modal) {
        auto* dialog = qobject_cast<NeedDialog*>(modal);
        QVERIFY(dialog);
        // A duplicate first: refused inline, the dialog stays open with what was typed.
        const int existing
            = dialog->needField()->findData(NeedRepository(store()).forCase(m_caseId).first().needKey);
        dialog->needField()->setCurrentIndex(existing);
        dialog->notesField()->setPlainText(QStringLiteral("Typed once"));
        clickSave(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->needProblem()->isVisible());
        dialog->needField()->setCurrentIndex(dialog->needField()->findData(key));
        clickSave(dialog);
        driven = true;
    });
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTest::keyClick(m_page.get(), Qt::Key_W, Qt::AltModifier); // "Ne&w need..."
    QTRY_VERIFY(driven);
    const auto stored = NeedRepository(store()).find(m_caseId, key);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->notes, QStringLiteral("Typed once"));
    QCOMPARE(m_page->view()->currentIndex().row(), rowOf(stored->meta.id));
}

void TestNeedsPage::enterOnARowEdits()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->view()->selectRow(0);
    m_page->view()->setFocus();
    const CaseNeed first = m_page->model()->needAt(0);
    QString title;
    whenModalShows([&](QWidget* modal) {
        auto* dialog = qobject_cast<NeedDialog*>(modal);
        QVERIFY(dialog);
        QVERIFY(dialog->isEditing());
        title = dialog->windowTitle();
        dialog->reject();
    });
    QTest::keyClick(m_page->view(), Qt::Key_Return);
    QTRY_VERIFY(!title.isEmpty());
    QCOMPARE(title, QStringLiteral("Edit need: %1").arg(Vocabulary::needs().label(first.needKey)));
    QCOMPARE(m_undo->count(), 0); // cancelled: nothing written
    QCOMPARE(storedNeed(first.meta.id).meta.updatedAt, first.meta.updatedAt);
}

void TestNeedsPage::lockEmptiesThePage()
{
    m_page->view()->selectRow(0);
    QVERIFY(m_page->model()->rowCount() > 0);
    m_session->lock();
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!m_page->addButton()->isEnabled());
    QVERIFY(!m_page->editButton()->isEnabled());
    QVERIFY(m_page->caseId().isEmpty());
}

void TestNeedsPage::lockClosesAnOpenDialog()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    bool locked = false;
    whenModalShows([&](QWidget*) {
        m_session->lock(); // as the inactivity timer would
        locked = true;
    });
    m_page->addButton()->click(); // returns only once the dialog has closed
    QVERIFY(locked);
    QVERIFY(!QApplication::activeModalWidget());
    QCOMPARE(m_page->model()->rowCount(), 0);
}

void TestNeedsPage::storeErrorIsShownAndNothingTypedIsLost()
{
    const CaseNeed need = NeedRepository(store()).forCase(m_caseId).first();
    NeedDialog dialog(*m_session, *m_undo, m_caseId);
    dialog.setNeed(need);
    dialog.notesField()->setPlainText(QStringLiteral("Typed before the need went away"));
    // The need is withdrawn elsewhere (as sync will do) while the dialog is open.
    store().db().prepare("UPDATE case_needs SET deleted = 1 WHERE id = ?1").bindAll({need.meta.id}).run();
    const QString problem = dialog.save();
    QVERIFY2(problem.contains(QStringLiteral("no longer")), qPrintable(problem));
    QVERIFY(!dialog.saveProblem()->isHidden());
    QCOMPARE(dialog.saveProblem()->text(), problem);
    QCOMPARE(dialog.notesField()->toPlainText(), QStringLiteral("Typed before the need went away"));
    QCOMPARE(m_undo->count(), 0);
}

void TestNeedsPage::keyboardAndNames()
{
    NeedDialog dialog(*m_session, *m_undo, m_caseId);
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    const QList<QWidget*> controls {m_page->view(), m_page->addButton(), m_page->editButton(),
        dialog.needField(), dialog.severityField(), dialog.statusField(), dialog.clutterField(),
        dialog.notesField(), buttons->button(QDialogButtonBox::Save),
        buttons->button(QDialogButtonBox::Cancel)};
    for (QWidget* w : controls)
        QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
    QSet<QChar> pageLetters;
    for (QPushButton* b : {m_page->addButton(), m_page->editButton()}) {
        const QChar letter = mnemonicOf(b->text());
        QVERIFY2(!letter.isNull(), qPrintable(b->text()));
        QVERIFY2(!takenMnemonics.contains(letter), qPrintable(b->text()));
        QVERIFY(!pageLetters.contains(letter));
        pageLetters.insert(letter);
        QVERIFY(b->focusPolicy() & Qt::TabFocus);
    }
    // Tab goes from the table to the buttons, in reading order.
    m_page->view()->selectRow(0);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->view()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), m_page->addButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), m_page->editButton());
    QVERIFY(!m_page->view()->tabKeyNavigation());
}

void TestNeedsPage::screenshots()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->view()->selectRow(0);
    QVERIFY(UiTestSupport::saveShot(*m_page, QStringLiteral("needs-page")));

    NeedDialog add(*m_session, *m_undo, m_caseId, m_page.get());
    add.needField()->setCurrentIndex(add.needField()->findData(unusedNeedKey()));
    add.clutterField()->setValue(3);
    add.show();
    QVERIFY(QTest::qWaitForWindowExposed(&add));
    QVERIFY(!add.save().isEmpty()); // refused: shows the inline problem, as after a click
    QTest::qWait(50);
    QVERIFY(UiTestSupport::saveShot(add, QStringLiteral("need-dialog-problem")));
    add.hide();

    NeedDialog edit(*m_session, *m_undo, m_caseId, m_page.get());
    CaseNeed hoarding;
    hoarding.needKey = QStringLiteral("hoarding");
    hoarding.clutterRating = 6;
    hoarding.notes = QStringLiteral("Kitchen and hall blocked; bedroom clear");
    hoarding.meta.id = QStringLiteral("shot");
    edit.setNeed(hoarding);
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    QVERIFY(UiTestSupport::saveShot(edit, QStringLiteral("need-dialog-edit")));
}

QTEST_MAIN(TestNeedsPage)
#include "TestNeedsPage.moc"
