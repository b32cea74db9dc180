#include "ModelTestSupport.h"
#include "store/AuditLog.h"
#include "store/StoreError.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>

using namespace ModelTestSupport;

class TestStoreSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createOpensTheStore();
    void createRefusesAnExistingStore();
    void lockSignalsInOrderAndDropsTheStore();
    void wrongPassphraseIsReportedAndCounted();
    void laterUnlockAuditsEachFailedAttempt();
    void missingStoreIsNotAFailedAttempt();
    void notificationsAreForwarded();
    void backgroundCreateOpensTheStore();
    void backgroundUnlockWithTheRightPassphrase();
    void backgroundUnlockWithAWrongPassphraseIsCounted();
    void secondRequestWhileOpeningIsRefused();
    void lockWhileUnlockingClosesTheStoreAgain();
    void destroyedWhileUnlocking();
    void guiThreadKeepsRunningDuringKeyDerivation();

private:
    QString wrongPassphraseMessage();
    void createLocked(const KdfParams& params = fastParams());
    static QString waitForFinished(QSignalSpy& finished);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
};

void TestStoreSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(m_dir->filePath(QStringLiteral("s.store")));
}

void TestStoreSession::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

// What the store itself says for a wrong passphrase, so the test does not hard-code it.
QString TestStoreSession::wrongPassphraseMessage()
{
    try {
        Store::open(m_session->storePath(), QByteArrayLiteral("not it"), QStringLiteral("tester"));
    } catch (const StoreError& e) {
        return e.message();
    }
    return QString();
}

void TestStoreSession::createOpensTheStore()
{
    QVERIFY(!m_session->storeExists());
    QVERIFY(!m_session->isUnlocked());
    QCOMPARE(m_session->store(), nullptr);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QCOMPARE(m_session->create(passphrase(), fastParams(), QStringLiteral("tester")), QString());
    QCOMPARE(unlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QVERIFY(m_session->store() != nullptr);
    QCOMPARE(m_session->store()->actor(), QStringLiteral("tester"));
    QVERIFY(m_session->storeExists());
}

void TestStoreSession::createRefusesAnExistingStore()
{
    QCOMPARE(m_session->create(passphrase(), fastParams(), QStringLiteral("tester")), QString());
    m_session->lock();
    const QString error = m_session->create(passphrase(), fastParams(), QStringLiteral("tester"));
    QVERIFY(error.contains(QStringLiteral("already exists")));
    QVERIFY(!m_session->isUnlocked());
}

void TestStoreSession::lockSignalsInOrderAndDropsTheStore()
{
    QCOMPARE(m_session->create(passphrase(), fastParams(), QStringLiteral("tester")), QString());
    QStringList order;
    bool storeOpenDuringAboutToLock = false;
    connect(m_session.get(), &StoreSession::aboutToLock, this, [&] {
        order << QStringLiteral("aboutToLock");
        storeOpenDuringAboutToLock = m_session->store() != nullptr;
    });
    connect(m_session.get(), &StoreSession::locked, this, [&] {
        order << QStringLiteral("locked");
        QCOMPARE(m_session->store(), nullptr);
    });
    m_session->lock();
    QCOMPARE(order, (QStringList {QStringLiteral("aboutToLock"), QStringLiteral("locked")}));
    QVERIFY(storeOpenDuringAboutToLock);
    QCOMPARE(m_session->store(), nullptr);
    QVERIFY(!m_session->isUnlocked());
    m_session->lock(); // already locked: nothing more
    QCOMPARE(order.size(), 2);
}

void TestStoreSession::wrongPassphraseIsReportedAndCounted()
{
    QCOMPARE(m_session->create(passphrase(), fastParams(), QStringLiteral("tester")), QString());
    m_session->lock();
    const QString expected = wrongPassphraseMessage();
    QVERIFY(!expected.isEmpty());
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QCOMPARE(m_session->unlock(QByteArrayLiteral("not it"), QStringLiteral("tester")), expected);
    QCOMPARE(m_session->failedAttempts(), 1);
    QCOMPARE(m_session->unlock(QByteArrayLiteral("nor this"), QStringLiteral("tester")), expected);
    QCOMPARE(m_session->failedAttempts(), 2);
    QVERIFY(!m_session->isUnlocked());
    QCOMPARE(unlocked.count(), 0);
}

void TestStoreSession::laterUnlockAuditsEachFailedAttempt()
{
    QCOMPARE(m_session->create(passphrase(), fastParams(), QStringLiteral("tester")), QString());
    m_session->lock();
    for (int i = 0; i < 3; ++i)
        QVERIFY(!m_session->unlock(QByteArrayLiteral("wrong"), QStringLiteral("tester")).isEmpty());
    QCOMPARE(m_session->failedAttempts(), 3);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QCOMPARE(m_session->unlock(passphrase(), QStringLiteral("worker")), QString());
    QCOMPARE(unlocked.count(), 1);
    QCOMPARE(m_session->failedAttempts(), 0);

    const QList<AuditEntry> entries = AuditLog(*m_session->store()).entries();
    int failed = 0;
    for (const AuditEntry& e : entries) {
        if (e.action == QLatin1String("failed-unlock")) {
            ++failed;
            QCOMPARE(e.entity, QStringLiteral("store"));
            QCOMPARE(e.actor, QStringLiteral("worker"));
            QVERIFY(e.detail.startsWith(QStringLiteral("attempted at ")));
        }
    }
    QCOMPARE(failed, 3);

    // Counted once: the next lock and unlock adds none.
    m_session->lock();
    QCOMPARE(m_session->unlock(passphrase(), QStringLiteral("worker")), QString());
    failed = 0;
    for (const AuditEntry& e : AuditLog(*m_session->store()).entries())
        failed += e.action == QLatin1String("failed-unlock") ? 1 : 0;
    QCOMPARE(failed, 3);
}

void TestStoreSession::missingStoreIsNotAFailedAttempt()
{
    QVERIFY(!m_session->storeExists());
    const QString error = m_session->unlock(passphrase(), QStringLiteral("tester"));
    QVERIFY(error.contains(QStringLiteral("There is no store")));
    QCOMPARE(m_session->failedAttempts(), 0);
    QVERIFY(!m_session->isUnlocked());
}

void TestStoreSession::notificationsAreForwarded()
{
    QSignalSpy changed(m_session.get(), &StoreSession::caseChanged);
    QSignalSpy added(m_session.get(), &StoreSession::caseAdded);
    m_session->notifyCaseChanged(QStringLiteral("c1"));
    m_session->notifyCaseAdded(QStringLiteral("c2"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("c1"));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toString(), QStringLiteral("c2"));
}

void TestStoreSession::createLocked(const KdfParams& params)
{
    QCOMPARE(m_session->create(passphrase(), params, QStringLiteral("tester")), QString());
    m_session->lock();
}

// The message an unlockFinished/createFinished spy received, once it has.
QString TestStoreSession::waitForFinished(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(10000))
        return QStringLiteral("no answer within 10 s");
    return finished.first().first().toString();
}

void TestStoreSession::backgroundCreateOpensTheStore()
{
    QSignalSpy finished(m_session.get(), &StoreSession::createFinished);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QSignalSpy opening(m_session.get(), &StoreSession::openingChanged);
    QVERIFY(m_session->createInBackground(passphrase(), fastParams(), QStringLiteral("tester")));
    QVERIFY(m_session->isOpening());
    QVERIFY(!m_session->isUnlocked()); // the answer comes through the event loop
    QCOMPARE(waitForFinished(finished), QString());
    QCOMPARE(unlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QVERIFY(!m_session->isOpening());
    QCOMPARE(opening.count(), 2);
    QCOMPARE(opening.at(0).at(0).toBool(), true);
    QCOMPARE(opening.at(1).at(0).toBool(), false);
    QVERIFY(m_session->storeExists());
    QCOMPARE(m_session->store()->actor(), QStringLiteral("tester"));
}

void TestStoreSession::backgroundUnlockWithTheRightPassphrase()
{
    createLocked();
    QSignalSpy finished(m_session.get(), &StoreSession::unlockFinished);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QByteArray secret = passphrase();
    QVERIFY(m_session->unlockInBackground(std::move(secret), QStringLiteral("worker")));
    QCOMPARE(waitForFinished(finished), QString());
    QCOMPARE(unlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QCOMPARE(m_session->store()->actor(), QStringLiteral("worker"));
    QCOMPARE(m_session->failedAttempts(), 0);
}

void TestStoreSession::backgroundUnlockWithAWrongPassphraseIsCounted()
{
    createLocked();
    const QString expected = wrongPassphraseMessage();
    QSignalSpy finished(m_session.get(), &StoreSession::unlockFinished);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QVERIFY(m_session->unlockInBackground(QByteArrayLiteral("not it"), QStringLiteral("tester")));
    QCOMPARE(waitForFinished(finished), expected);
    QCOMPARE(m_session->failedAttempts(), 1);
    QVERIFY(!m_session->isUnlocked());
    QCOMPARE(unlocked.count(), 0);

    // The next unlock, in the background too, audits the attempt.
    finished.clear();
    QVERIFY(m_session->unlockInBackground(passphrase(), QStringLiteral("worker")));
    QCOMPARE(waitForFinished(finished), QString());
    QCOMPARE(m_session->failedAttempts(), 0);
    int failed = 0;
    for (const AuditEntry& e : AuditLog(*m_session->store()).entries())
        failed += e.action == QLatin1String("failed-unlock") ? 1 : 0;
    QCOMPARE(failed, 1);
}

void TestStoreSession::secondRequestWhileOpeningIsRefused()
{
    createLocked();
    QSignalSpy finished(m_session.get(), &StoreSession::unlockFinished);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QVERIFY(m_session->unlockInBackground(passphrase(), QStringLiteral("tester")));
    QVERIFY(!m_session->unlockInBackground(passphrase(), QStringLiteral("tester")));
    QVERIFY(!m_session->createInBackground(passphrase(), fastParams(), QStringLiteral("tester")));
    QVERIFY(m_session->unlock(passphrase(), QStringLiteral("tester")).contains(QStringLiteral("already")));
    QCOMPARE(waitForFinished(finished), QString());
    QTest::qWait(50); // a second answer would have arrived by now
    QCOMPARE(finished.count(), 1);
    QCOMPARE(unlocked.count(), 1);
    QVERIFY(m_session->isUnlocked());
    QCOMPARE(m_session->failedAttempts(), 0);
}

void TestStoreSession::lockWhileUnlockingClosesTheStoreAgain()
{
    createLocked();
    QSignalSpy finished(m_session.get(), &StoreSession::unlockFinished);
    QSignalSpy unlocked(m_session.get(), &StoreSession::unlocked);
    QVERIFY(m_session->unlockInBackground(passphrase(), QStringLiteral("tester")));
    m_session->lock();
    const QString problem = waitForFinished(finished);
    QVERIFY2(problem.contains(QStringLiteral("locked")), qPrintable(problem));
    QCOMPARE(unlocked.count(), 0);
    QVERIFY(!m_session->isUnlocked());
    QVERIFY(!m_session->isOpening());
    QCOMPARE(m_session->store(), nullptr);
    // Nothing was left half open: the store opens normally afterwards.
    QCOMPARE(m_session->unlock(passphrase(), QStringLiteral("tester")), QString());
    QCOMPARE(m_session->failedAttempts(), 0);
}

void TestStoreSession::destroyedWhileUnlocking()
{
    createLocked();
    QVERIFY(m_session->unlockInBackground(passphrase(), QStringLiteral("tester")));
    m_session.reset(); // waits for the worker and closes what it opened
    auto again = std::make_unique<StoreSession>();
    again->setStorePath(m_dir->filePath(QStringLiteral("s.store")));
    QCOMPARE(again->unlock(passphrase(), QStringLiteral("tester")), QString());
}

// The point of the worker thread: with the real key derivation (256 MiB, about half a
// second or more here) the event loop still turns every few milliseconds.
void TestStoreSession::guiThreadKeepsRunningDuringKeyDerivation()
{
    createLocked(KeyDerivation::freshParams());
    QSignalSpy finished(m_session.get(), &StoreSession::unlockFinished);
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
    QElapsedTimer total;
    total.start();
    sinceTick.start();
    ticker.start();
    QVERIFY(m_session->unlockInBackground(passphrase(), QStringLiteral("tester")));
    QCOMPARE(waitForFinished(finished), QString());
    ticker.stop();
    qInfo() << "unlock took" << total.elapsed() << "ms; longest event-loop gap" << longestGap << "ms";
    QVERIFY(m_session->isUnlocked());
    QVERIFY2(longestGap < 250, qPrintable(QStringLiteral("GUI thread held for %1 ms").arg(longestGap)));
}

QTEST_MAIN(TestStoreSession)
#include "TestStoreSession.moc"
