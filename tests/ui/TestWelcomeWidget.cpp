#include "UiTestSupport.h"
#include "models/StoreSession.h"
#include "store/KdfParamsFile.h"
#include "ui/WelcomeWidget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>

class TestWelcomeWidget : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void defaultsAndLooks();
    void strengthMeterFollowsTyping();
    void weakPassphraseIsRefusedInline();
    void mismatchIsRefusedInline();
    void existingFileIsNotOverwritten();
    void strongPassphraseCreatesStore();
    void backgroundCreateFailureIsShown();

private:
    QLineEdit* field(const char* name) { return m_widget->findChild<QLineEdit*>(QLatin1String(name)); }
    QLabel* label(const char* name) { return m_widget->findChild<QLabel*>(QLatin1String(name)); }
    void fill(const QString& passphrase, const QString& repeat);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<WelcomeWidget> m_widget;
};

void TestWelcomeWidget::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    UiTestSupport::useTemporarySettings(*m_dir);
    m_path = m_dir->filePath(QStringLiteral("sub/new.store"));
    m_session = std::make_unique<StoreSession>();
    m_widget = std::make_unique<WelcomeWidget>(*m_session);
    m_widget->setKdfParamsForTesting(UiTestSupport::fastParams());
    m_widget->setActor(QStringLiteral("tester"));
    m_widget->setStoreLocation(m_path);
    m_widget->resize(640, 560);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

void TestWelcomeWidget::cleanup()
{
    m_widget.reset();
    m_session.reset();
    m_dir.reset();
}

void TestWelcomeWidget::fill(const QString& passphrase, const QString& repeat)
{
    field("passphraseEdit")->clear();
    field("repeatEdit")->clear();
    QTest::keyClicks(field("passphraseEdit"), passphrase);
    QTest::keyClicks(field("repeatEdit"), repeat);
}

void TestWelcomeWidget::defaultsAndLooks()
{
    QVERIFY(WelcomeWidget::defaultStoreLocation().endsWith(QStringLiteral("/casebook.store")));
    QCOMPARE(m_widget->storeLocation(), m_path);
    QCOMPARE(field("passphraseEdit")->echoMode(), QLineEdit::Password);
    QCOMPARE(field("repeatEdit")->echoMode(), QLineEdit::Password);
    UiTestSupport::saveShot(*m_widget, QStringLiteral("welcome"));
}

void TestWelcomeWidget::strengthMeterFollowsTyping()
{
    auto* bar = m_widget->findChild<QProgressBar*>(QStringLiteral("strengthBar"));
    QCOMPARE(bar->value(), 0);
    QCOMPARE(label("strengthVerdict")->text(), QString());
    QTest::keyClicks(field("passphraseEdit"), QStringLiteral("password123"));
    QCOMPARE(label("strengthVerdict")->text(), QStringLiteral("Very weak"));
    const int weak = bar->value();
    field("passphraseEdit")->clear();
    QTest::keyClicks(field("passphraseEdit"), QStringLiteral("kettle orbit lantern mushroom"));
    QCOMPARE(label("strengthVerdict")->text(), QStringLiteral("Very strong"));
    QVERIFY(bar->value() > weak);
    QCOMPARE(bar->value(), bar->maximum());
    QCOMPARE(bar->accessibleDescription(), QStringLiteral("Very strong"));
}

void TestWelcomeWidget::weakPassphraseIsRefusedInline()
{
    QSignalSpy created(m_widget.get(), &WelcomeWidget::storeCreated);
    fill(QStringLiteral("Chorley2024"), QStringLiteral("Chorley2024"));
    QTest::keyClick(field("repeatEdit"), Qt::Key_Return);
    QVERIFY(label("passphraseProblem")->isVisible());
    QVERIFY(label("passphraseProblem")->text().contains(QStringLiteral("unrelated words")));
    QVERIFY(!label("repeatProblem")->isVisible());
    QCOMPARE(created.count(), 0);
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(!QFileInfo::exists(m_path));
    UiTestSupport::saveShot(*m_widget, QStringLiteral("welcome-weak"));

    // Twelve characters but easy to guess: refused for that reason, not length.
    fill(QStringLiteral("password1234"), QStringLiteral("password1234"));
    QTest::keyClick(field("repeatEdit"), Qt::Key_Return);
    QVERIFY(label("passphraseProblem")->text().contains(QStringLiteral("easy to guess")));
    QVERIFY(!QFileInfo::exists(m_path));
}

void TestWelcomeWidget::mismatchIsRefusedInline()
{
    QSignalSpy created(m_widget.get(), &WelcomeWidget::storeCreated);
    fill(QStringLiteral("kettle orbit lantern mushroom"), QStringLiteral("kettle orbit lantern mushrooms"));
    QTest::keyClick(field("repeatEdit"), Qt::Key_Return);
    QVERIFY(!label("passphraseProblem")->isVisible());
    QVERIFY(label("repeatProblem")->isVisible());
    QVERIFY(label("repeatProblem")->text().contains(QStringLiteral("different")));
    QCOMPARE(field("repeatEdit")->text(), QString());
    QCOMPARE(created.count(), 0);
    QVERIFY(!QFileInfo::exists(m_path));
    UiTestSupport::saveShot(*m_widget, QStringLiteral("welcome-mismatch"));
}

void TestWelcomeWidget::existingFileIsNotOverwritten()
{
    const QString existing = m_dir->filePath(QStringLiteral("existing.store"));
    UiTestSupport::createStore(existing).reset();
    m_widget->setStoreLocation(existing);
    fill(QStringLiteral("kettle orbit lantern mushroom"), QStringLiteral("kettle orbit lantern mushroom"));
    QTest::keyClick(field("repeatEdit"), Qt::Key_Return);
    QVERIFY(label("locationProblem")->isVisible());
    QVERIFY(!m_session->isUnlocked());
    UiTestSupport::saveShot(*m_widget, QStringLiteral("welcome-exists"));
}

void TestWelcomeWidget::strongPassphraseCreatesStore()
{
    QSignalSpy created(m_widget.get(), &WelcomeWidget::storeCreated);
    const QString passphrase = QStringLiteral("kettle orbit lantern mushroom");
    fill(passphrase, passphrase);
    QTest::keyClick(field("repeatEdit"), Qt::Key_Return);
    // The key is derived on the session's worker thread: the form waits, disabled.
    QVERIFY(m_session->isOpening());
    QVERIFY(!field("passphraseEdit")->isEnabled());
    QVERIFY(!field("locationEdit")->isEnabled());
    QVERIFY(label("busyLabel")->isVisible());
    QCOMPARE(label("busyLabel")->text(), QStringLiteral("Creating the store…"));
    QCOMPARE(created.count(), 0);
    QVERIFY(created.wait(10000));
    QCOMPARE(created.count(), 1);
    QVERIFY(!label("busyLabel")->isVisible());
    QVERIFY(field("passphraseEdit")->isEnabled());
    QCOMPARE(created.at(0).at(0).toString(), m_path);
    QVERIFY(m_session->isUnlocked());
    QCOMPARE(m_session->storePath(), m_path);
    QVERIFY(QFileInfo::exists(m_path));
    QCOMPARE(field("passphraseEdit")->text(), QString());
    QCOMPARE(field("repeatEdit")->text(), QString());

    // The store opens with that passphrase.
    m_session->lock();
    QCOMPARE(m_session->unlock(passphrase.toUtf8(), QStringLiteral("tester")), QString());
}

// A refusal that only the store itself finds (a leftover key file) comes back from the
// worker thread and is shown beside the Create button, with the form usable again.
void TestWelcomeWidget::backgroundCreateFailureIsShown()
{
    QSignalSpy created(m_widget.get(), &WelcomeWidget::storeCreated);
    QSignalSpy finished(m_session.get(), &StoreSession::createFinished);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile leftover(KdfParamsFile::pathFor(m_path));
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    leftover.close();
    const QString passphrase = QStringLiteral("kettle orbit lantern mushroom");
    fill(passphrase, passphrase);
    QTest::keyClick(field("repeatEdit"), Qt::Key_Return);
    QVERIFY(finished.wait(10000));
    QVERIFY(label("createProblem")->isVisible());
    QVERIFY2(label("createProblem")->text().contains(QStringLiteral("already exists")),
        qPrintable(label("createProblem")->text()));
    QCOMPARE(created.count(), 0);
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(!label("busyLabel")->isVisible());
    QVERIFY(field("passphraseEdit")->isEnabled());
    QVERIFY(!QFileInfo::exists(m_path));
}

QTEST_MAIN(TestWelcomeWidget)
#include "TestWelcomeWidget.moc"
