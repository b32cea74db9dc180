#include "UiTestSupport.h"
#include "models/ReferenceNormsModel.h"
#include "store/NormRepository.h"
#include "store/StoreSettings.h"
#include "ui/AppSettings.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void okSavesAutoLockMinutes();
    void cancelDiscards();
    void lockedStoreShowsNoTeamSettings();
    void badUnitCostIsRefusedInline();
    void teamSettingsAreSaved();
    void everyControlHasAnAccessibleNameAndLabel();
    void normsChangedAndAddedAreSavedOnOk();
    void badNormsAreRefusedAndNothingIsWritten();
    void cancelWritesNoNorms();
    void normsByKeyboardWithUniqueMnemonics();

private:
    // Each stored norm as one comparable line, and the store's change counts, so a test can
    // say "nothing was written" exactly.
    QStringList storedNorms();
    qint64 outboxCount(const char* op);
    qint64 auditCount();
    // Types into the cell's own editor as a worker would, then Return to commit.
    static void typeIntoCell(QTableView* view, const QModelIndex& index, const QString& text);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

QStringList TestSettingsDialog::storedNorms()
{
    QStringList lines;
    for (const ReferenceNorm& n : NormRepository(*m_store).list())
        lines << QStringLiteral("%1|%2|%3|%4|%5|%6")
                     .arg(n.meta.id, n.scope, n.label)
                     .arg(n.item)
                     .arg(n.value, 0, 'f', 2)
                     .arg(n.meta.updatedAt.toString(Qt::ISODateWithMs));
    return lines;
}

qint64 TestSettingsDialog::outboxCount(const char* op)
{
    Statement st
        = m_store->db().prepare("SELECT count(*) FROM outbox WHERE entity = 'reference_norm' AND op = ?");
    st.bind(1, QString::fromLatin1(op));
    return st.next() ? st.integer(0) : -1;
}

qint64 TestSettingsDialog::auditCount()
{
    return m_store->db().scalar("SELECT count(*) FROM audit_log WHERE entity = 'reference_norm'");
}

void TestSettingsDialog::typeIntoCell(QTableView* view, const QModelIndex& index, const QString& text)
{
    view->setCurrentIndex(index);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    auto* editor = qobject_cast<QLineEdit*>(view->indexWidget(index));
    QVERIFY2(editor, "F2 opens a line editor on the cell");
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(index)); // the delegate commits and closes on a queued call
    // Return in a cell ends the edit; it must not press the dialog's OK as well.
    QVERIFY(view->window()->isVisible());
}

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    UiTestSupport::useTemporarySettings(*m_dir);
    m_store = UiTestSupport::createStore(m_dir->filePath(QStringLiteral("test.store")));
}

void TestSettingsDialog::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestSettingsDialog::okSavesAutoLockMinutes()
{
    AppSettings settings;
    SettingsDialog dialog(settings, m_store.get());
    auto* minutes = dialog.findChild<QSpinBox*>(QStringLiteral("autoLockMinutes"));
    QVERIFY(minutes);
    QCOMPARE(minutes->value(), 5);
    QCOMPARE(minutes->minimum(), 1);
    QCOMPARE(minutes->maximum(), 240);
    minutes->setValue(12);
    dialog.findChild<QSpinBox*>(QStringLiteral("syncIntervalMinutes"))->setValue(7);
    // The server lives in the store's sync account now: shown, not edited here.
    QVERIFY(
        dialog.findChild<QLabel*>(QStringLiteral("syncAccount"))->text().startsWith(QStringLiteral("None")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(settings.autoLockMinutes(), 12);
    QCOMPARE(settings.value(AppSettings::Key::SyncIntervalMinutes).toInt(), 7);
    UiTestSupport::saveShot(dialog, QStringLiteral("settings-dialog"));
}

void TestSettingsDialog::cancelDiscards()
{
    AppSettings settings;
    SettingsDialog dialog(settings, m_store.get());
    dialog.findChild<QSpinBox*>(QStringLiteral("autoLockMinutes"))->setValue(30);
    dialog.findChild<QLineEdit*>(QStringLiteral("gpAppointmentCost"))->setText(QStringLiteral("50"));
    dialog.reject();
    QCOMPARE(settings.autoLockMinutes(), 5);
    QCOMPARE(StoreSettings(*m_store).value(StoreSettings::Key::GpAppointmentCost),
        SettingsDialog(settings, m_store.get())
            .findChild<QLineEdit*>(QStringLiteral("gpAppointmentCost"))
            ->text());
    QVERIFY(StoreSettings(*m_store).value(StoreSettings::Key::GpAppointmentCost) != QStringLiteral("50.00"));
}

void TestSettingsDialog::lockedStoreShowsNoTeamSettings()
{
    AppSettings settings;
    SettingsDialog dialog(settings, nullptr);
    QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("gpAppointmentCost")));
    QVERIFY(!dialog.findChild<QTableView*>(QStringLiteral("referenceNorms")));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("addNorm")));
    dialog.findChild<QSpinBox*>(QStringLiteral("autoLockMinutes"))->setValue(7);
    dialog.accept();
    QCOMPARE(settings.autoLockMinutes(), 7);
    UiTestSupport::saveShot(dialog, QStringLiteral("settings-dialog-locked"));
}

void TestSettingsDialog::badUnitCostIsRefusedInline()
{
    AppSettings settings;
    StoreSettings storeSettings(*m_store);
    const QString gpBefore = storeSettings.value(StoreSettings::Key::GpAppointmentCost);
    const QString aeBefore = storeSettings.value(StoreSettings::Key::AeAttendanceCost);

    SettingsDialog dialog(settings, m_store.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.findChild<QSpinBox*>(QStringLiteral("autoLockMinutes"))->setValue(20);
    dialog.findChild<QLineEdit*>(QStringLiteral("aeAttendanceCost"))->setText(QStringLiteral("199.50"));
    auto* gp = dialog.findChild<QLineEdit*>(QStringLiteral("gpAppointmentCost"));
    gp->setText(QStringLiteral("£41"));
    dialog.accept();

    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("gpAppointmentCostProblem"));
    QVERIFY(problem);
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("£41")));
    QVERIFY2(
        problem->text().startsWith(QStringLiteral("The GP appointment cost")), qPrintable(problem->text()));
    QCOMPARE(gp->accessibleDescription(), problem->text());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("aeAttendanceCostProblem"))->isVisible());
    QTRY_VERIFY(gp->hasFocus());
    UiTestSupport::saveShot(dialog, QStringLiteral("settings-dialog-refused"));

    // Nothing was saved: not the good team value beside it, not this laptop's settings.
    QCOMPARE(storeSettings.value(StoreSettings::Key::GpAppointmentCost), gpBefore);
    QCOMPARE(storeSettings.value(StoreSettings::Key::AeAttendanceCost), aeBefore);
    QCOMPARE(settings.autoLockMinutes(), 5);

    // Corrected, it saves.
    gp->setText(QStringLiteral("41"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(storeSettings.value(StoreSettings::Key::GpAppointmentCost), QStringLiteral("41.00"));
    QCOMPARE(storeSettings.value(StoreSettings::Key::AeAttendanceCost), QStringLiteral("199.50"));
    QCOMPARE(settings.autoLockMinutes(), 20);
}

void TestSettingsDialog::teamSettingsAreSaved()
{
    AppSettings settings;
    SettingsDialog dialog(settings, m_store.get());
    dialog.findChild<QLineEdit*>(QStringLiteral("retentionYears"))->setText(QStringLiteral("8"));
    dialog.findChild<QLineEdit*>(QStringLiteral("flatRatePerIntervention"))->setText(QStringLiteral("250"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    StoreSettings storeSettings(*m_store);
    QCOMPARE(storeSettings.retentionYears(), 8);
    QCOMPARE(storeSettings.value(StoreSettings::Key::FlatRatePerIntervention), QStringLiteral("250.00"));
}

void TestSettingsDialog::everyControlHasAnAccessibleNameAndLabel()
{
    AppSettings settings;
    SettingsDialog dialog(settings, m_store.get());
    QList<QWidget*> buddies;
    for (QLabel* label : dialog.findChildren<QLabel*>()) {
        if (label->buddy())
            buddies << label->buddy();
    }
    const QList<QWidget*> controls = dialog.findChildren<QWidget*>();
    int checked = 0;
    for (QWidget* control : controls) {
        if (!qobject_cast<QLineEdit*>(control) && !qobject_cast<QSpinBox*>(control))
            continue;
        if (qobject_cast<QSpinBox*>(control->parentWidget()))
            continue; // the spin box's own line edit
        QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
        QVERIFY2(buddies.contains(control), qPrintable(control->objectName()));
        ++checked;
    }
    QCOMPARE(checked, 6); // the sync server is shown from the store's account, not typed here
}

void TestSettingsDialog::normsChangedAndAddedAreSavedOnOk()
{
    using M = ReferenceNormsModel;
    AppSettings settings;
    const QList<ReferenceNorm> before = NormRepository(*m_store).list();
    QCOMPARE(before.size(), 4);
    SettingsDialog dialog(settings, m_store.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* view = dialog.findChild<QTableView*>(QStringLiteral("referenceNorms"));
    QVERIFY(view);
    QAbstractItemModel* model = view->model();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(model->index(0, M::Value).data().toString(), QStringLiteral("7.45"));

    // A national value and label changed in their cells.
    typeIntoCell(view, model->index(0, M::Value), QStringLiteral("7.5"));
    QCOMPARE(model->index(0, M::Value).data().toString(), QStringLiteral("7.50"));
    typeIntoCell(view, model->index(3, M::Label), QStringLiteral("UK, year ending March 2023"));

    // A local row: the label is typed straight away; Tab goes on to the item, picked from a list.
    auto* add = dialog.findChild<QPushButton*>(QStringLiteral("addNorm"));
    QVERIFY(add);
    add->click();
    QCOMPARE(model->rowCount(), 5);
    const QModelIndex label = model->index(4, M::Label);
    QCOMPARE(view->currentIndex(), label);
    auto* labelEditor = qobject_cast<QLineEdit*>(view->indexWidget(label));
    QVERIFY2(labelEditor, "Add norm opens the new row's label for typing");
    QTest::keyClicks(labelEditor, QStringLiteral("Lancashire 2023"));
    QTest::keyClick(labelEditor, Qt::Key_Tab);
    const QModelIndex item = model->index(4, M::Item);
    QTRY_COMPARE(view->currentIndex(), item);
    auto* itemEditor = qobject_cast<QComboBox*>(view->indexWidget(item));
    QVERIFY2(itemEditor, "a new row's item is picked from the four ONS4 items");
    QCOMPARE(itemEditor->count(), 4);
    QCOMPARE(itemEditor->itemText(3), QStringLiteral("Anxiety"));
    itemEditor->setCurrentIndex(3);
    QTest::keyClick(itemEditor, Qt::Key_Tab);
    QTRY_COMPARE(view->currentIndex(), model->index(4, M::Value));
    auto* valueEditor = qobject_cast<QLineEdit*>(view->indexWidget(model->index(4, M::Value)));
    QVERIFY(valueEditor);
    QTest::keyClicks(valueEditor, QStringLiteral("3.1"));
    // Left open on purpose: OK takes what is typed in an open cell too.
    QCOMPARE(model->index(4, M::Scope).data().toString(), QStringLiteral("Local"));
    QCOMPARE(model->index(4, M::Item).data().toString(), QStringLiteral("Anxiety"));
    UiTestSupport::saveShot(dialog, QStringLiteral("settings-norms"));

    const qint64 auditBefore = auditCount();
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const QList<ReferenceNorm> after = NormRepository(*m_store).list();
    QCOMPARE(after.size(), 5);
    QCOMPARE(after.at(0).meta.id, before.at(0).meta.id);
    QCOMPARE(after.at(0).value, 7.5);
    QCOMPARE(after.at(0).label, before.at(0).label);
    QCOMPARE(after.at(1).value, before.at(1).value);
    QCOMPARE(after.at(3).meta.id, before.at(3).meta.id);
    QCOMPARE(after.at(3).label, QStringLiteral("UK, year ending March 2023"));
    QCOMPARE(after.at(3).value, 3.23);
    const ReferenceNorm& local = after.at(4);
    QCOMPARE(local.scope, QStringLiteral("local"));
    QCOMPARE(local.label, QStringLiteral("Lancashire 2023"));
    QCOMPARE(local.item, 3);
    QCOMPARE(local.value, 3.1);
    QVERIFY(!local.meta.id.isEmpty());

    // Synced records: two updates and one create queued for the server, each audited.
    QCOMPARE(outboxCount("update"), qint64(2));
    QCOMPARE(outboxCount("create"), qint64(1));
    Statement st = m_store->db().prepare(
        "SELECT row_id FROM outbox WHERE entity = 'reference_norm' AND op = 'create'");
    QVERIFY(st.next());
    QCOMPARE(st.text(0), local.meta.id);
    QCOMPARE(auditCount(), auditBefore + 3);
}

void TestSettingsDialog::badNormsAreRefusedAndNothingIsWritten()
{
    using M = ReferenceNormsModel;
    AppSettings settings;
    const QStringList before = storedNorms();
    const QString gpBefore = StoreSettings(*m_store).value(StoreSettings::Key::GpAppointmentCost);
    SettingsDialog dialog(settings, m_store.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* view = dialog.findChild<QTableView*>(QStringLiteral("referenceNorms"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("referenceNormsProblem"));
    QVERIFY(view);
    QVERIFY(problem);
    QVERIFY(!problem->isVisible());
    QAbstractItemModel* model = view->model();

    // A good team value, a good norm change, an out-of-range value and a new row left blank.
    dialog.findChild<QLineEdit*>(QStringLiteral("gpAppointmentCost"))->setText(QStringLiteral("45"));
    typeIntoCell(view, model->index(1, M::Value), QStringLiteral("7.9"));
    typeIntoCell(view, model->index(2, M::Value), QStringLiteral("11"));
    dialog.findChild<QPushButton*>(QStringLiteral("addNorm"))->click();
    const int added = model->rowCount() - 1;
    QVERIFY(model->setData(model->index(added, M::Value), QStringLiteral("6")));
    dialog.accept();

    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("Happiness: the value 11 is outside 0 to 10.")),
        qPrintable(problem->text()));
    QVERIFY2(problem->text().contains(QStringLiteral("Local norm for Life satisfaction: the label is blank")),
        qPrintable(problem->text()));
    QCOMPARE(view->accessibleDescription(), problem->text());
    // The first problem's cell is current, and the table has the focus.
    QCOMPARE(view->currentIndex(), model->index(2, M::Value));
    QTRY_VERIFY(view->hasFocus());
    UiTestSupport::saveShot(dialog, QStringLiteral("settings-norms-refused"));

    // Nothing written: not the good norm change, not the team value beside it.
    QCOMPARE(storedNorms(), before);
    QCOMPARE(outboxCount("update") + outboxCount("create"), qint64(0));
    QCOMPARE(StoreSettings(*m_store).value(StoreSettings::Key::GpAppointmentCost), gpBefore);

    // Fixing one problem updates the list at once; fixing both lets OK save everything.
    typeIntoCell(view, model->index(2, M::Value), QStringLiteral("7.4"));
    QVERIFY(!problem->text().contains(QStringLiteral("outside 0 to 10")));
    QVERIFY(problem->isVisible());
    typeIntoCell(view, model->index(added, M::Label), QStringLiteral("Preston 2024"));
    QVERIFY(!problem->isVisible());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QList<ReferenceNorm> after = NormRepository(*m_store).list();
    QCOMPARE(after.size(), 5);
    QCOMPARE(after.at(1).value, 7.9);
    QCOMPARE(after.at(2).value, 7.4);
    QCOMPARE(after.at(4).label, QStringLiteral("Preston 2024"));
    QCOMPARE(StoreSettings(*m_store).value(StoreSettings::Key::GpAppointmentCost), QStringLiteral("45.00"));
}

void TestSettingsDialog::cancelWritesNoNorms()
{
    using M = ReferenceNormsModel;
    AppSettings settings;
    const QStringList before = storedNorms();
    {
        SettingsDialog dialog(settings, m_store.get());
        auto* view = dialog.findChild<QTableView*>(QStringLiteral("referenceNorms"));
        QAbstractItemModel* model = view->model();
        QVERIFY(model->setData(model->index(0, M::Value), QStringLiteral("8")));
        dialog.findChild<QPushButton*>(QStringLiteral("addNorm"))->click();
        QVERIFY(model->setData(model->index(4, M::Label), QStringLiteral("Lancashire 2023")));
        QVERIFY(model->setData(model->index(4, M::Value), QStringLiteral("7")));
        dialog.reject();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
    QCOMPARE(storedNorms(), before);
    QCOMPARE(outboxCount("update") + outboxCount("create"), qint64(0));
    QCOMPARE(auditCount(), qint64(0));

    // An unsaved row can be taken out again; a saved one cannot.
    SettingsDialog dialog(settings, m_store.get());
    auto* view = dialog.findChild<QTableView*>(QStringLiteral("referenceNorms"));
    auto* remove = dialog.findChild<QPushButton*>(QStringLiteral("removeNorm"));
    QVERIFY(remove);
    view->setCurrentIndex(view->model()->index(0, M::Label));
    QVERIFY(!remove->isEnabled());
    dialog.findChild<QPushButton*>(QStringLiteral("addNorm"))->click();
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(view->model()->rowCount(), 4);
    QVERIFY(!remove->isEnabled());
}

void TestSettingsDialog::normsByKeyboardWithUniqueMnemonics()
{
    AppSettings settings;
    SettingsDialog dialog(settings, m_store.get());
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* view = dialog.findChild<QTableView*>(QStringLiteral("referenceNorms"));
    auto* add = dialog.findChild<QPushButton*>(QStringLiteral("addNorm"));
    auto* remove = dialog.findChild<QPushButton*>(QStringLiteral("removeNorm"));
    QVERIFY(view && add && remove);
    for (QWidget* w :
        {static_cast<QWidget*>(view), static_cast<QWidget*>(add), static_cast<QWidget*>(remove)})
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));

    // Tab from the first field reaches the table and then Add norm, in reading order.
    QTRY_VERIFY(dialog.findChild<QSpinBox*>(QStringLiteral("autoLockMinutes"))->hasFocus());
    QList<QWidget*> visited;
    for (int i = 0; i < 30 && !visited.contains(QApplication::focusWidget()); ++i) {
        visited << QApplication::focusWidget();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    QVERIFY2(visited.contains(view), "Tab reaches the norms table");
    QVERIFY2(visited.contains(add), "Tab reaches Add norm");
    QVERIFY(visited.indexOf(view) < visited.indexOf(add));
    QVERIFY(visited.indexOf(dialog.findChild<QLineEdit*>(QStringLiteral("retentionYears")))
        < visited.indexOf(view));

    // Every mnemonic in the dialog is different (including OK and Cancel, whose text the
    // platform theme chooses).
    QMap<QChar, QString> mnemonics;
    auto collect = [&](const QString& text) {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('&'))
                continue;
            if (text.at(i + 1) == QLatin1Char('&')) {
                ++i; // "&&" is a literal ampersand
                continue;
            }
            const QChar key = text.at(i + 1).toLower();
            QVERIFY2(!mnemonics.contains(key),
                qPrintable(QStringLiteral("%1 and %2 share Alt+%3").arg(mnemonics.value(key), text, key)));
            mnemonics.insert(key, text);
        }
    };
    for (QLabel* label : dialog.findChildren<QLabel*>()) {
        if (label->buddy())
            collect(label->text());
    }
    for (QAbstractButton* button : dialog.findChildren<QAbstractButton*>())
        collect(button->text());
    for (QGroupBox* group : dialog.findChildren<QGroupBox*>())
        collect(group->title());
    QVERIFY(mnemonics.contains(QLatin1Char('r')));
    QVERIFY(mnemonics.contains(QLatin1Char('n')));

    // Alt+R goes to the table; Alt+N adds a row and opens its label for typing.
    QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(&dialog, Qt::Key_N, Qt::AltModifier);
    QTRY_COMPARE(view->model()->rowCount(), 5);
    QTRY_VERIFY(qobject_cast<QLineEdit*>(view->indexWidget(view->currentIndex())));
}

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
