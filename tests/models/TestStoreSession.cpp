#include "ModelTestSupport.h"
#include "store/AuditLog.h"
#include "store/StoreError.h"

#include <QSignalSpy>

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

private:
    QString wrongPassphraseMessage();

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

QTEST_MAIN(TestStoreSession)
#include "TestStoreSession.moc"
