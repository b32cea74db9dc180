#include "UiTestSupport.h"
#include "cli/DemoCommand.h"
#include "models/ActionsModel.h"
#include "models/CaseAgenciesModel.h"
#include "models/StoreSession.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"
#include "ui/ActionDialog.h"
#include "ui/ActionsPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
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

// The "Agencies and actions" tab over a real store of fictional demo cases: actions added,
// edited and marked done reach the store, refusals leave it untouched, overdue follows the
// action, edits undo and redo, and agencies can be involved.
class TestActionsPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void emptyDescriptionIsRefused();
    void markDoneRefusesAFutureDateThenClearsOverdue();
    void editThenUndoAndRedo();
    void markDoneThroughTheButton();
    void addingAnAgencyShowsIt();
    void addingAnAgencyThroughTheButton();
    void lockEmptiesThePage();
    void keyboardAndNames();
    void screenshots();

private:
    Store& store() const { return *m_session->store(); }
    int rowOf(const QString& id) const;
    QString agencyNotInvolved() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<ActionsPage> m_page;
    CaseRecord m_case;
    CaseAction m_overdue;
};

void TestActionsPage::init()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = UiTestSupport::demoSession(m_dir->filePath(QStringLiteral("demo.store")), 12, 7);
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
    CaseFilter open;
    open.status = QStringLiteral("open");
    const QList<CaseSummary> cases = CaseRepository(store()).list(open);
    QVERIFY(!cases.isEmpty());
    // The longest-running open case, so dates between its referral and today exist.
    m_case = *CaseRepository(store()).get(cases.last().id);
    QVERIFY(m_case.referralDate < QDate::currentDate().addDays(-7));
    // An action of our own that is overdue, whatever the demo generated.
    m_overdue = CaseAction {};
    m_overdue.caseId = m_case.meta.id;
    m_overdue.description = QStringLiteral("Fit and test smoke alarms in every room");
    m_overdue.owner = QStringLiteral("Watch Manager Ali");
    m_overdue.dueDate = QDate::currentDate().addDays(-3);
    ActionRepository(store()).add(m_overdue, m_case.reference);

    m_undo = std::make_unique<QUndoStack>();
    m_page = std::make_unique<ActionsPage>(*m_session, *m_undo);
    m_page->resize(1000, 620);
    m_page->openCase(m_case.meta.id);
    QCOMPARE(m_page->model()->rowCount(), int(ActionRepository(store()).forCase(m_case.meta.id).size()));
}

void TestActionsPage::cleanup()
{
    m_page.reset();
    m_undo.reset();
    m_session.reset();
    m_dir.reset();
}

int TestActionsPage::rowOf(const QString& id) const
{
    for (int row = 0; row < m_page->model()->rowCount(); ++row) {
        if (m_page->model()->index(row, 0).data(ActionsModel::IdRole).toString() == id)
            return row;
    }
    return -1;
}

QString TestActionsPage::agencyNotInvolved() const
{
    for (const Agency& a : AgencyRepository(store()).list()) {
        if (a.active && !m_page->agenciesModel()->involves(a.meta.id))
            return a.meta.id;
    }
    return {};
}

void TestActionsPage::emptyDescriptionIsRefused()
{
    const qsizetype before = ActionRepository(store()).forCase(m_case.meta.id).size();
    ActionDialog dialog(*m_session, *m_undo, m_case.meta.id, m_page.get());
    QCOMPARE(dialog.mode(), ActionDialog::Mode::Add);
    dialog.descriptionField()->setPlainText(QStringLiteral("   "));
    dialog.ownerField()->setText(QStringLiteral("Sam Patel"));
    const QString problems = dialog.save();
    QVERIFY2(problems.contains(QStringLiteral("cannot be left blank")), qPrintable(problems));
    QVERIFY(!dialog.descriptionProblem()->isHidden());
    QCOMPARE(ActionRepository(store()).forCase(m_case.meta.id).size(), before);

    // A due date before the referral is refused too.
    dialog.descriptionField()->setPlainText(QStringLiteral("Benefits check with the council"));
    QVERIFY(dialog.descriptionProblem()->isHidden()); // cleared as soon as it is fixed
    dialog.dueField()->setDate(m_case.referralDate.addDays(-1));
    QVERIFY(dialog.save().contains(QStringLiteral("before the referral")));
    QVERIFY(!dialog.dueProblem()->isHidden());
    QCOMPARE(ActionRepository(store()).forCase(m_case.meta.id).size(), before);

    const QDate due = QDate::currentDate().addDays(10);
    dialog.dueField()->setDate(due);
    dialog.agencyField()->setCurrentIndex(1);
    const QString agencyId = dialog.agencyField()->currentData().toString();
    QCOMPARE(dialog.save(), QString());
    const auto stored = ActionRepository(store()).get(dialog.savedActionId());
    QVERIFY(stored.has_value());
    QCOMPARE(stored->description, QStringLiteral("Benefits check with the council"));
    QCOMPARE(stored->owner, QStringLiteral("Sam Patel"));
    QCOMPARE(stored->agencyId, agencyId);
    QCOMPARE(stored->dueDate, due);
    QCOMPARE(stored->status, QStringLiteral("open"));
    QCOMPARE(ActionRepository(store()).forCase(m_case.meta.id).size(), before + 1);
    QVERIFY(rowOf(stored->meta.id) >= 0);
    QCOMPARE(m_undo->count(), 0);

    // Without a due date is fine too.
    ActionDialog undated(*m_session, *m_undo, m_case.meta.id);
    undated.descriptionField()->setPlainText(QStringLiteral("Ask about a befriender"));
    undated.hasDueField()->setChecked(false);
    QVERIFY(!undated.dueField()->isEnabled());
    QCOMPARE(undated.save(), QString());
    QVERIFY(!ActionRepository(store()).get(undated.savedActionId())->dueDate.isValid());
}

void TestActionsPage::markDoneRefusesAFutureDateThenClearsOverdue()
{
    const int row = rowOf(m_overdue.meta.id);
    QVERIFY(row >= 0);
    QCOMPARE(m_page->model()->index(row, ActionsModel::Overdue).data().toString(), QStringLiteral("Overdue"));

    ActionDialog dialog(*m_session, *m_undo, m_case.meta.id);
    dialog.setAction(*ActionRepository(store()).get(m_overdue.meta.id), ActionDialog::Mode::MarkDone);
    QCOMPARE(dialog.statusField()->currentData().toString(), QStringLiteral("done"));
    QVERIFY(dialog.completedField()->isEnabled());
    dialog.completedField()->setDate(QDate::currentDate().addDays(2));
    dialog.outcomeField()->setPlainText(QStringLiteral("Two alarms fitted, both tested"));
    const QString problems = dialog.save();
    QVERIFY2(problems.contains(QStringLiteral("future")), qPrintable(problems));
    QVERIFY(!dialog.completedProblem()->isHidden());
    QCOMPARE(ActionRepository(store()).get(m_overdue.meta.id)->status, QStringLiteral("open"));
    QCOMPARE(m_undo->count(), 0);

    dialog.completedField()->setDate(QDate::currentDate());
    QVERIFY(dialog.completedProblem()->isHidden());
    QCOMPARE(dialog.save(), QString());
    auto stored = ActionRepository(store()).get(m_overdue.meta.id);
    QCOMPARE(stored->status, QStringLiteral("done"));
    QCOMPARE(stored->completedDate, QDate::currentDate());
    QCOMPARE(stored->outcome, QStringLiteral("Two alarms fitted, both tested"));
    QCOMPARE(stored->description, m_overdue.description); // the rest untouched
    // Overdue is gone, in words and in its role.
    const int doneRow = rowOf(m_overdue.meta.id);
    QCOMPARE(m_page->model()->index(doneRow, ActionsModel::Overdue).data().toString(), QString());
    QCOMPARE(m_page->model()->index(doneRow, ActionsModel::Overdue).data(ActionsModel::OverdueRole).toBool(),
        false);

    // Undo reopens it, overdue again; redo marks it done again.
    QCOMPARE(m_undo->undoText(), QStringLiteral("Mark action done: Fit and test smoke alarms in every room"));
    m_undo->undo();
    stored = ActionRepository(store()).get(m_overdue.meta.id);
    QCOMPARE(stored->status, QStringLiteral("open"));
    QVERIFY(!stored->completedDate.isValid());
    QCOMPARE(stored->outcome, QString());
    QCOMPARE(m_page->model()->index(rowOf(m_overdue.meta.id), ActionsModel::Overdue).data().toString(),
        QStringLiteral("Overdue"));
    m_undo->redo();
    stored = ActionRepository(store()).get(m_overdue.meta.id);
    QCOMPARE(stored->status, QStringLiteral("done"));
    QCOMPARE(stored->completedDate, QDate::currentDate());
}

void TestActionsPage::editThenUndoAndRedo()
{
    const CaseAction old = *ActionRepository(store()).get(m_overdue.meta.id);
    ActionDialog dialog(*m_session, *m_undo, m_case.meta.id);
    dialog.setAction(old);
    QCOMPARE(dialog.mode(), ActionDialog::Mode::Edit);
    QCOMPARE(dialog.descriptionField()->toPlainText(), old.description);
    dialog.ownerField()->setText(QStringLiteral("Crew Manager Bo"));
    dialog.dueField()->setDate(QDate::currentDate().addDays(7));
    // Done needs a date that is not in the future; cancelled needs none.
    dialog.statusField()->setCurrentIndex(dialog.statusField()->findData(QStringLiteral("cancelled")));
    QVERIFY(!dialog.completedField()->isEnabled());
    QCOMPARE(dialog.save(), QString());
    CaseAction now = *ActionRepository(store()).get(old.meta.id);
    QCOMPARE(now.owner, QStringLiteral("Crew Manager Bo"));
    QCOMPARE(now.dueDate, QDate::currentDate().addDays(7));
    QCOMPARE(now.status, QStringLiteral("cancelled"));
    QVERIFY(!now.completedDate.isValid());
    QCOMPARE(m_undo->undoText(), QStringLiteral("Edit action: Fit and test smoke alarms in every room"));

    m_undo->undo();
    now = *ActionRepository(store()).get(old.meta.id);
    QCOMPARE(now.owner, old.owner);
    QCOMPARE(now.dueDate, old.dueDate);
    QCOMPARE(now.status, old.status);
    m_undo->redo();
    now = *ActionRepository(store()).get(old.meta.id);
    QCOMPARE(now.owner, QStringLiteral("Crew Manager Bo"));
    QCOMPARE(now.status, QStringLiteral("cancelled"));

    // A change made elsewhere in between is not overwritten by the undo.
    now.outcome = QStringLiteral("Householder declined");
    QVERIFY(ActionRepository(store()).update(now, m_case.reference));
    m_undo->undo();
    QCOMPARE(ActionRepository(store()).get(old.meta.id)->outcome, QStringLiteral("Householder declined"));
    QCOMPARE(ActionRepository(store()).get(old.meta.id)->status, QStringLiteral("cancelled"));
}

void TestActionsPage::markDoneThroughTheButton()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->view()->selectRow(rowOf(m_overdue.meta.id));
    QVERIFY(m_page->markDoneButton()->isEnabled());
    bool driven = false;
    whenModalShows([&](QWidget* modal) {
        auto* dialog = qobject_cast<ActionDialog*>(modal);
        QVERIFY(dialog);
        QCOMPARE(dialog->mode(), ActionDialog::Mode::MarkDone);
        // Only when and what came of it are asked.
        QVERIFY(!dialog->descriptionField()->isVisible());
        QVERIFY(dialog->completedField()->isVisible());
        dialog->completedField()->setDate(QDate::currentDate().addDays(1));
        clickSave(dialog);
        QVERIFY(dialog->isVisible()); // refused, still open
        QVERIFY(dialog->completedProblem()->isVisible());
        dialog->completedField()->setDate(QDate::currentDate().addDays(-1));
        dialog->outcomeField()->setPlainText(QStringLiteral("Alarms fitted"));
        clickSave(dialog);
        driven = true;
    });
    m_page->markDoneButton()->click();
    QTRY_VERIFY(driven);
    const auto stored = ActionRepository(store()).get(m_overdue.meta.id);
    QCOMPARE(stored->status, QStringLiteral("done"));
    QCOMPARE(stored->completedDate, QDate::currentDate().addDays(-1));
    QCOMPARE(stored->outcome, QStringLiteral("Alarms fitted"));
    // The worker's place is kept, and a done action cannot be marked done again.
    QCOMPARE(m_page->view()->currentIndex().row(), rowOf(m_overdue.meta.id));
    QVERIFY(!m_page->markDoneButton()->isEnabled());
    QVERIFY(m_page->editButton()->isEnabled());
    QCOMPARE(m_undo->count(), 1);
}

void TestActionsPage::addingAnAgencyShowsIt()
{
    const int before = m_page->agenciesModel()->rowCount();
    const QString agencyId = agencyNotInvolved();
    QVERIFY(!agencyId.isEmpty());
    QVERIFY(m_page->addAgency(agencyId, QString(301, QLatin1Char('x'))).contains(QStringLiteral("limit")));
    QCOMPARE(int(CaseRepository(store()).agencies(m_case.meta.id).size()), before);
    QCOMPARE(m_page->addAgency(agencyId, QStringLiteral("  PC Jo Bloggs, 01772 000000 ")), QString());
    const QList<CaseAgency> involved = CaseRepository(store()).agencies(m_case.meta.id);
    QCOMPARE(int(involved.size()), before + 1);
    QCOMPARE(involved.last().agencyId, agencyId);
    QCOMPARE(involved.last().contact, QStringLiteral("PC Jo Bloggs, 01772 000000"));
    QCOMPARE(m_page->agenciesModel()->rowCount(), before + 1);
    QCOMPARE(m_page->agenciesModel()->index(before, CaseAgenciesModel::Name).data().toString(),
        AgencyRepository(store()).get(agencyId)->name);
    QCOMPARE(m_page->agenciesModel()->index(before, CaseAgenciesModel::Contact).data().toString(),
        QStringLiteral("PC Jo Bloggs, 01772 000000"));
    // Once is enough.
    QVERIFY(m_page->addAgency(agencyId, QString()).contains(QStringLiteral("already involved")));
    QCOMPARE(int(CaseRepository(store()).agencies(m_case.meta.id).size()), before + 1);
}

void TestActionsPage::addingAnAgencyThroughTheButton()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const int before = m_page->agenciesModel()->rowCount();
    QString chosen;
    whenModalShows([&](QWidget* modal) {
        QCOMPARE(modal->objectName(), QStringLiteral("addAgencyDialog"));
        auto* agency = modal->findChild<QComboBox*>();
        QVERIFY(agency && agency->count() > 0);
        // Agencies already on the case are not offered.
        for (int i = 0; i < agency->count(); ++i)
            QVERIFY(!m_page->agenciesModel()->involves(agency->itemData(i).toString()));
        agency->setCurrentIndex(agency->count() - 1);
        chosen = agency->currentData().toString();
        modal->findChild<QLineEdit*>()->setText(QStringLiteral("Duty social worker"));
        clickSave(modal);
    });
    m_page->addAgencyButton()->click();
    QTRY_VERIFY(!chosen.isEmpty());
    const QList<CaseAgency> involved = CaseRepository(store()).agencies(m_case.meta.id);
    QCOMPARE(int(involved.size()), before + 1);
    QCOMPARE(involved.last().agencyId, chosen);
    QCOMPARE(involved.last().contact, QStringLiteral("Duty social worker"));
    QCOMPARE(m_page->agenciesModel()->rowCount(), before + 1);
}

void TestActionsPage::lockEmptiesThePage()
{
    m_page->view()->selectRow(0);
    m_session->lock();
    QCOMPARE(m_page->model()->rowCount(), 0);
    QCOMPARE(m_page->agenciesModel()->rowCount(), 0);
    for (QPushButton* b :
        {m_page->addAgencyButton(), m_page->addButton(), m_page->editButton(), m_page->markDoneButton()})
        QVERIFY(!b->isEnabled());
}

void TestActionsPage::keyboardAndNames()
{
    ActionDialog dialog(*m_session, *m_undo, m_case.meta.id);
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    const QList<QWidget*> controls {m_page->view(), m_page->agenciesView(), m_page->addAgencyButton(),
        m_page->addButton(), m_page->editButton(), m_page->markDoneButton(), dialog.descriptionField(),
        dialog.agencyField(), dialog.ownerField(), dialog.hasDueField(), dialog.dueField(),
        dialog.statusField(), dialog.completedField(), dialog.outcomeField(),
        buttons->button(QDialogButtonBox::Save), buttons->button(QDialogButtonBox::Cancel)};
    for (QWidget* w : controls)
        QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
    QSet<QChar> letters;
    const QList<QPushButton*> pageButtons {
        m_page->addAgencyButton(), m_page->addButton(), m_page->editButton(), m_page->markDoneButton()};
    for (QPushButton* b : pageButtons) {
        const QChar letter = mnemonicOf(b->text());
        QVERIFY2(!letter.isNull(), qPrintable(b->text()));
        QVERIFY2(!takenMnemonics.contains(letter), qPrintable(b->text()));
        QVERIFY2(!letters.contains(letter), qPrintable(b->text()));
        letters.insert(letter);
    }
    // Tab follows reading order: agencies, their button, actions, their buttons.
    m_page->view()->selectRow(rowOf(m_overdue.meta.id));
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->agenciesView()->setFocus();
    const QList<QWidget*> order {m_page->addAgencyButton(), m_page->view(), m_page->addButton(),
        m_page->editButton(), m_page->markDoneButton()};
    for (QWidget* next : order) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
}

void TestActionsPage::screenshots()
{
    m_page->addAgency(agencyNotInvolved(), QStringLiteral("PC Jo Bloggs, 01772 000000"));
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->view()->selectRow(rowOf(m_overdue.meta.id));
    QVERIFY(UiTestSupport::saveShot(*m_page, QStringLiteral("actions-page")));

    ActionDialog add(*m_session, *m_undo, m_case.meta.id, m_page.get());
    add.show();
    QVERIFY(QTest::qWaitForWindowExposed(&add));
    QVERIFY(!add.save().isEmpty()); // refused: shows the inline problem, as after a click
    QTest::qWait(50);
    QVERIFY(UiTestSupport::saveShot(add, QStringLiteral("action-dialog-problem")));
    add.hide();

    ActionDialog done(*m_session, *m_undo, m_case.meta.id, m_page.get());
    done.setAction(*ActionRepository(store()).get(m_overdue.meta.id), ActionDialog::Mode::MarkDone);
    done.completedField()->setDate(QDate::currentDate().addDays(1));
    done.show();
    QVERIFY(QTest::qWaitForWindowExposed(&done));
    QVERIFY(!done.save().isEmpty());
    QTest::qWait(50);
    QVERIFY(UiTestSupport::saveShot(done, QStringLiteral("action-dialog-mark-done")));
    done.hide();

    whenModalShows([](QWidget* modal) {
        QVERIFY(UiTestSupport::saveShot(*modal, QStringLiteral("add-agency-dialog")));
        static_cast<QDialog*>(modal)->reject();
    });
    m_page->addAgencyButton()->click();
}

QTEST_MAIN(TestActionsPage)
#include "TestActionsPage.moc"
