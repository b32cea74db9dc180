#include "UiTestSupport.h"
#include "models/StoreSession.h"
#include "ui/UnlockWidget.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestUnlockWidget : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsStorePath();
    void wrongPassphraseIsSaidAndCounted();
    void rightPassphraseUnlocks();
    void differentStoreIsRequested();
    void busyWhileTheKeyIsDerived();
    void lockWhileUnlockingEndsTheBusyState();

private:
    void typeAndEnter(const QString& text);
    void waitUntilIdle();
    QLabel* message() const { return m_widget->findChild<QLabel*>(QStringLiteral("messageLabel")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<UnlockWidget> m_widget;
};

void TestUnlockWidget::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    UiTestSupport::useTemporarySettings(*m_dir);
    m_path = m_dir->filePath(QStringLiteral("unlock.store"));
    UiTestSupport::createStore(m_path).reset(); // created, then closed
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(m_path);
    m_widget = std::make_unique<UnlockWidget>(*m_session);
    m_widget->setActor(QStringLiteral("tester"));
    m_widget->resize(640, 420);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
    m_widget->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_widget.get()));
}

void TestUnlockWidget::cleanup()
{
    m_widget.reset();
    m_session.reset();
    m_dir.reset();
}

void TestUnlockWidget::typeAndEnter(const QString& text)
{
    auto* edit = m_widget->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
    QVERIFY(edit);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// The unlock runs on the session's worker thread; its answer comes through the event loop.
void TestUnlockWidget::waitUntilIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isOpening(), 10000);
    QTRY_VERIFY(m_widget->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->isEnabled());
}

void TestUnlockWidget::showsStorePath()
{
    auto* path = m_widget->findChild<QLabel*>(QStringLiteral("storePath"));
    QVERIFY(path);
    QVERIFY(path->text().contains(QDir::toNativeSeparators(m_path)));
    auto* edit = m_widget->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QTRY_VERIFY(edit->hasFocus());
    UiTestSupport::saveShot(*m_widget, QStringLiteral("unlock"));
}

void TestUnlockWidget::wrongPassphraseIsSaidAndCounted()
{
    QSignalSpy unlocked(m_widget.get(), &UnlockWidget::unlocked);
    auto* edit = m_widget->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
    auto* message = m_widget->findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY(!message->isVisible());

    typeAndEnter(QStringLiteral("not the passphrase"));
    waitUntilIdle();
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("wrong")), qPrintable(message->text()));
    QVERIFY2(message->text().contains(QStringLiteral("(1 failed attempt)")), qPrintable(message->text()));
    QCOMPARE(edit->text(), QString());
    QVERIFY(edit->hasFocus());
    QVERIFY(!m_session->isUnlocked());

    typeAndEnter(QStringLiteral("still not it"));
    waitUntilIdle();
    QVERIFY2(message->text().contains(QStringLiteral("(2 failed attempts)")), qPrintable(message->text()));
    QCOMPARE(m_session->failedAttempts(), 2);
    QVERIFY(!m_session->isUnlocked());
    QCOMPARE(unlocked.count(), 0);
    QVERIFY(m_widget->findChild<QPushButton*>(QStringLiteral("unlockButton"))->isEnabled());
    UiTestSupport::saveShot(*m_widget, QStringLiteral("unlock-wrong"));
}

void TestUnlockWidget::rightPassphraseUnlocks()
{
    QSignalSpy unlocked(m_widget.get(), &UnlockWidget::unlocked);
    QSignalSpy sessionUnlocked(m_session.get(), &StoreSession::unlocked);
    typeAndEnter(QStringLiteral("wrong once"));
    waitUntilIdle();
    QCOMPARE(m_session->failedAttempts(), 1);
    typeAndEnter(QString::fromUtf8(UiTestSupport::passphrase()));
    waitUntilIdle();
    QCOMPARE(unlocked.count(), 1);
    QCOMPARE(sessionUnlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QCOMPARE(m_session->failedAttempts(), 0);
    QVERIFY(!m_widget->findChild<QLabel*>(QStringLiteral("messageLabel"))->isVisible());
    QCOMPARE(m_widget->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->text(), QString());
}

void TestUnlockWidget::differentStoreIsRequested()
{
    QSignalSpy requested(m_widget.get(), &UnlockWidget::differentStoreRequested);
    QTest::mouseClick(
        m_widget->findChild<QPushButton*>(QStringLiteral("differentStoreButton")), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
}

void TestUnlockWidget::busyWhileTheKeyIsDerived()
{
    QSignalSpy unlocked(m_widget.get(), &UnlockWidget::unlocked);
    auto* edit = m_widget->findChild<QLineEdit*>(QStringLiteral("passphraseEdit"));
    auto* button = m_widget->findChild<QPushButton*>(QStringLiteral("unlockButton"));
    auto* busy = m_widget->findChild<QLabel*>(QStringLiteral("busyLabel"));
    QVERIFY(busy);
    QVERIFY(!busy->isVisible());

    // Right after Enter the worker thread has the passphrase and the form waits for it.
    typeAndEnter(QString::fromUtf8(UiTestSupport::passphrase()));
    QVERIFY(m_session->isOpening());
    QVERIFY(!edit->isEnabled());
    QVERIFY(!button->isEnabled());
    QVERIFY(!m_widget->findChild<QPushButton*>(QStringLiteral("differentStoreButton"))->isEnabled());
    QVERIFY(busy->isVisible());
    QCOMPARE(busy->text(), QStringLiteral("Unlocking…"));
    QCOMPARE(edit->text(), QString()); // the field no longer holds the passphrase
    // Enter again while busy starts nothing more.
    QTest::keyClick(edit, Qt::Key_Return);
    UiTestSupport::saveShot(*m_widget, QStringLiteral("unlock-busy"));

    waitUntilIdle();
    QCOMPARE(unlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QVERIFY(!busy->isVisible());
    QVERIFY(button->isEnabled());
    QVERIFY(!message()->isVisible());
}

void TestUnlockWidget::lockWhileUnlockingEndsTheBusyState()
{
    QSignalSpy unlocked(m_widget.get(), &UnlockWidget::unlocked);
    typeAndEnter(QString::fromUtf8(UiTestSupport::passphrase()));
    QVERIFY(m_session->isOpening());
    m_session->lock(); // the inactivity timer or Ctrl+L elsewhere
    waitUntilIdle();
    QCOMPARE(unlocked.count(), 0);
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(message()->isVisible());
    QVERIFY2(message()->text().contains(QStringLiteral("locked")), qPrintable(message()->text()));
    QVERIFY(!m_widget->findChild<QLabel*>(QStringLiteral("busyLabel"))->isVisible());
    QCOMPARE(m_session->failedAttempts(), 0);
}

QTEST_MAIN(TestUnlockWidget)
#include "TestUnlockWidget.moc"
