#include "cli/DemoCommand.h"
#include "core/Ons4.h"
#include "models/CaseListModel.h"
#include "models/StoreSession.h"
#include "store/ActionRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/Store.h"
#include "ui/ActionsPage.h"
#include "ui/AppSettings.h"
#include "ui/CaseWorkspace.h"
#include "ui/MainWindow.h"
#include "ui/NeedsPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

// A worker's day by keyboard alone: unlock, find a case, record a visit, add a need and an
// action, record a closing ONS4, close the case and lock. Every step is a key press on
// whatever has the focus; the store is checked after each one.
class TestKeyboardWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aWholeVisitWithoutTheMouse();

private:
    static QByteArray passphrase() { return QByteArrayLiteral("correct horse battery staple"); }
    void key(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void type(const QString& text);
    QWidget* keyTarget();
    // Presses Tab until the focus is on a widget the predicate accepts; false when it never is.
    bool tabTo(const std::function<bool(QWidget*)>& wanted);
    // Runs steps on the next modal dialog (opened by the key press that follows) by keyboard.
    void onNextDialog(const std::function<void(QDialog*)>& steps);
    void unlockByKeyboard();
    void openAnOpenCase();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QString m_caseId;
    bool m_dialogSeen = false;
};

void TestKeyboardWorkflow::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("PivotCasebookTest"));
}

void TestKeyboardWorkflow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(QStringLiteral("demo.store"));
    {
        auto store = Store::create(path, passphrase(),
            KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit),
            QStringLiteral("tester"));
        DemoCommand::populate(*store, 40, 3, QDate::currentDate());
    }
    m_settings = std::make_unique<AppSettings>();
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(path);
    m_window = std::make_unique<MainWindow>(*m_session, *m_settings);
    m_window->resize(1280, 800);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestKeyboardWorkflow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_settings.reset();
    m_dir.reset();
}

QWidget* TestKeyboardWorkflow::keyTarget()
{
    // Keys go to the window a worker would be typing in: an open dialog, else the main window.
    QWidget* window = QApplication::activeModalWidget();
    if (!window)
        window = m_window.get();
    // A window manager activates a new dialog and hands activation back when it closes; the
    // offscreen platform does not always, so the test does what the window manager would.
    if (QApplication::activeWindow() != window)
        QApplication::setActiveWindow(window);
    QWidget* target = QApplication::focusWidget();
    if (!target || target->window() != window)
        target = window->focusWidget() ? window->focusWidget() : window;
    return target;
}

void TestKeyboardWorkflow::key(int key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(keyTarget(), static_cast<Qt::Key>(key), modifiers);
}

void TestKeyboardWorkflow::type(const QString& text)
{
    QTest::keyClicks(keyTarget(), text);
}

bool TestKeyboardWorkflow::tabTo(const std::function<bool(QWidget*)>& wanted)
{
    for (int presses = 0; presses < 40; ++presses) {
        if (QApplication::focusWidget() && wanted(QApplication::focusWidget()))
            return true;
        key(Qt::Key_Tab);
    }
    return false;
}

void TestKeyboardWorkflow::onNextDialog(const std::function<void(QDialog*)>& steps)
{
    // A mnemonic "animates" its button's click, so the dialog opens a moment after the key:
    // watch for it rather than expecting it on the next turn of the event loop.
    m_dialogSeen = false;
    auto* watch = new QTimer(this);
    watch->setInterval(20);
    auto waited = std::make_shared<int>(0);
    connect(watch, &QTimer::timeout, this, [this, watch, waited, steps] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (!dialog && ++*waited < 150)
            return;
        watch->stop();
        watch->deleteLater();
        if (!dialog)
            return;
        m_dialogSeen = true;
        steps(dialog);
        // A dialog the keys failed to close would hang the test: close it, the checks fail.
        QTimer::singleShot(2000, dialog, [dialog] {
            if (dialog->isVisible())
                dialog->reject();
        });
    });
    watch->start();
}

void TestKeyboardWorkflow::unlockByKeyboard()
{
    type(QString::fromUtf8(passphrase()));
    key(Qt::Key_Return);
    QTRY_VERIFY(m_session->isUnlocked());
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(40));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(m_window->caseTable()));
}

void TestKeyboardWorkflow::openAnOpenCase()
{
    // Arrow down the list to the first open case, as a worker scanning it would.
    CaseListModel* cases = m_window->caseListModel();
    int target = -1;
    for (int row = 0; row < cases->rowCount() && target < 0; ++row) {
        if (cases->summaryAt(row)->status == QLatin1String("open"))
            target = row;
    }
    QVERIFY(target >= 0);
    key(Qt::Key_Home);
    for (int row = 0; row < target; ++row)
        key(Qt::Key_Down);
    m_caseId = cases->caseIdAt(target);
    QTRY_COMPARE(m_window->workspace()->caseId(), m_caseId);
}

void TestKeyboardWorkflow::aWholeVisitWithoutTheMouse()
{
    unlockByKeyboard();
    openAnOpenCase();
    Store& store = *m_session->store();

    // Record a visit: Ctrl+Shift+N puts the keyboard in the note, Ctrl+Enter saves it.
    const qint64 notesBefore = NoteRepository(store).countForCase(m_caseId);
    key(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    type(QStringLiteral("Home visit: kitchen cleared with the fire service"));
    key(Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(NoteRepository(store).countForCase(m_caseId), notesBefore + 1);
    QCOMPARE(NoteRepository(store).forCase(m_caseId).last().text,
        QStringLiteral("Home visit: kitchen cleared with the fire service"));

    // Add a need the case does not have yet: Alt+D for the tab, Alt+W for the dialog.
    key(Qt::Key_D, Qt::AltModifier);
    QCOMPARE(m_window->workspace()->tabs()->currentWidget(), m_window->workspace()->needsPage());
    const QList<CaseNeed> needsBefore = NeedRepository(store).forCase(m_caseId);
    onNextDialog([&](QDialog* dialog) {
        auto* need = dialog->findChild<QComboBox*>();
        need->setFocus();
        const auto taken = [&] {
            for (const CaseNeed& n : needsBefore) {
                if (n.needKey == need->currentData().toString())
                    return true;
            }
            return false;
        };
        for (int tries = 0; tries < need->count() && taken(); ++tries)
            key(Qt::Key_Down);
        QVERIFY(tabTo([](QWidget* w) {
            auto* button = qobject_cast<QAbstractButton*>(w);
            return button && button->text().remove(QLatin1Char('&')) == QLatin1String("Save");
        }));
        key(Qt::Key_Space);
    });
    key(Qt::Key_W, Qt::AltModifier);
    QTRY_VERIFY(m_dialogSeen);
    QTRY_COMPARE(NeedRepository(store).forCase(m_caseId).size(), needsBefore.size() + 1);

    // Add an action: Alt+A for the tab, Alt+W for the dialog, type what, Tab to Save.
    key(Qt::Key_A, Qt::AltModifier);
    QCOMPARE(m_window->workspace()->tabs()->currentWidget(), m_window->workspace()->actionsPage());
    const qsizetype actionsBefore = ActionRepository(store).forCase(m_caseId).size();
    onNextDialog([&](QDialog*) {
        type(QStringLiteral("Book a GP appointment about sleep"));
        QVERIFY(tabTo([](QWidget* w) {
            auto* button = qobject_cast<QAbstractButton*>(w);
            return button && button->text().remove(QLatin1Char('&')) == QLatin1String("Save");
        }));
        key(Qt::Key_Space);
    });
    key(Qt::Key_W, Qt::AltModifier);
    QTRY_VERIFY(m_dialogSeen);
    QTRY_COMPARE(ActionRepository(store).forCase(m_caseId).size(), actionsBefore + 1);

    // A closing ONS4: Alt+U for Outcomes, Alt+S for the stage (End picks "closing"), Tab
    // through the date to the four scores, Alt+R records.
    key(Qt::Key_U, Qt::AltModifier);
    key(Qt::Key_S, Qt::AltModifier);
    key(Qt::Key_End);
    // Tab passes through the date (today by default; Tab steps day, month, year) to the scores.
    QVERIFY(tabTo(
        [](QWidget* w) { return qobject_cast<QSpinBox*>(w) && w->accessibleName() == Ons4::itemLabel(0); }));
    bool first = true;
    for (const char* score : {"7", "8", "6", "2"}) {
        if (!first)
            key(Qt::Key_Tab);
        first = false;
        type(QLatin1String(score));
    }
    const qsizetype measuresBefore = AssessmentRepository(store).forCase(m_caseId).size();
    key(Qt::Key_R, Qt::AltModifier);
    QTRY_COMPARE(AssessmentRepository(store).forCase(m_caseId).size(), measuresBefore + 1);
    const QList<Assessment> measures = AssessmentRepository(store).forCase(m_caseId);
    const auto recorded = std::find_if(measures.cbegin(), measures.cend(), [](const Assessment& a) {
        return a.assessedOn == QDate::currentDate() && a.ons4[0] == 7 && a.ons4[1] == 8 && a.ons4[2] == 6
            && a.ons4[3] == 2;
    });
    QVERIFY(recorded != measures.cend());
    QCOMPARE(recorded->stage, QStringLiteral("closing"));

    // Close the case: Alt+O for the overview, Alt+L for "Close case...", Tab to the reason
    // (the first one, outcomes met, is chosen) and Enter.
    key(Qt::Key_O, Qt::AltModifier);
    onNextDialog([&](QDialog*) { key(Qt::Key_Return); });
    key(Qt::Key_L, Qt::AltModifier);
    QTRY_VERIFY(m_dialogSeen);
    QTRY_COMPARE(CaseRepository(store).get(m_caseId)->status, QStringLiteral("closed"));

    // Lock: Ctrl+L closes the store and empties the list.
    key(Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(!m_session->isUnlocked());
    QCOMPARE(m_window->caseListModel()->rowCount(), 0);
    QVERIFY(m_window->workspace()->caseId().isEmpty());
}

QTEST_MAIN(TestKeyboardWorkflow)
#include "TestKeyboardWorkflow.moc"
