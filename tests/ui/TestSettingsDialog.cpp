#include "UiTestSupport.h"
#include "store/StoreSettings.h"
#include "ui/AppSettings.h"
#include "ui/SettingsDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
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

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

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
    dialog.findChild<QLineEdit*>(QStringLiteral("syncServerUrl"))
        ->setText(QStringLiteral(" https://sync.example.gov.uk "));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(settings.autoLockMinutes(), 12);
    QCOMPARE(settings.value(AppSettings::Key::SyncServerUrl).toString(),
        QStringLiteral("https://sync.example.gov.uk"));
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
    QCOMPARE(checked, 7);
}

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
