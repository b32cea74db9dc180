#include "UiTestSupport.h"
#include "ui/AppSettings.h"

#include <QSignalSpy>
#include <QTest>

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaults();
    void setIsNoOpWhenUnchanged();
    void setStoresAndSignals();
    void valuesAreTypedWhenReadBack();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAppSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    UiTestSupport::useTemporarySettings(*m_dir);
}

void TestAppSettings::defaults()
{
    AppSettings settings;
    QCOMPARE(settings.value(AppSettings::Key::AutoLockMinutes), QVariant(5));
    QCOMPARE(settings.autoLockMinutes(), 5);
    QCOMPARE(settings.value(AppSettings::Key::StorePath).toString(), QString());
    QCOMPARE(settings.value(AppSettings::Key::SyncServerUrl).toString(), QString());
    QCOMPARE(settings.value(AppSettings::Key::SyncIntervalMinutes), QVariant(10));
    QCOMPARE(settings.value(AppSettings::Key::LastUser).toString(), QString());
}

void TestAppSettings::setIsNoOpWhenUnchanged()
{
    AppSettings settings;
    QSignalSpy spy(&settings, &AppSettings::changed);
    settings.setValue(AppSettings::Key::AutoLockMinutes, 5); // the default
    settings.setValue(AppSettings::Key::SyncServerUrl, QString());
    QCOMPARE(spy.count(), 0);
    settings.setValue(AppSettings::Key::AutoLockMinutes, 15);
    settings.setValue(AppSettings::Key::AutoLockMinutes, 15);
    settings.setValue(AppSettings::Key::AutoLockMinutes, QStringLiteral("15")); // same value as text
    QCOMPARE(spy.count(), 1);
}

void TestAppSettings::setStoresAndSignals()
{
    {
        AppSettings settings;
        QSignalSpy spy(&settings, &AppSettings::changed);
        settings.setValue(AppSettings::Key::StorePath, QStringLiteral("/tmp/x.store"));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<AppSettings::Key>(), AppSettings::Key::StorePath);
    }
    AppSettings reread;
    QCOMPARE(reread.storePath(), QStringLiteral("/tmp/x.store"));
}

void TestAppSettings::valuesAreTypedWhenReadBack()
{
    {
        AppSettings settings;
        settings.setValue(AppSettings::Key::SyncIntervalMinutes, 30);
    }
    AppSettings reread;
    const QVariant value = reread.value(AppSettings::Key::SyncIntervalMinutes);
    QCOMPARE(value.metaType(), QMetaType::fromType<int>());
    QCOMPARE(value.toInt(), 30);
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "TestAppSettings.moc"
