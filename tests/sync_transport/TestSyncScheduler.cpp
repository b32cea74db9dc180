#include "sync/SyncScheduler.h"

#include <QSignalSpy>
#include <QTest>

// SyncScheduler on a fake clock and a fixed random source: nothing here sleeps. Each test
// moves the clock and calls poll(), as the real timer would.
class TestSyncScheduler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void nothingBeforeStart();
    void intervalAfterStartAndAfterSuccess();
    void configurableInterval();
    void unlockSyncsAtOnce();
    void backoffDoublesWithinJitterBounds_data();
    void backoffDoublesWithinJitterBounds();
    void backoffIsCapped();
    void successResetsBackoff();
    void retryAfterIsHonoured();
    void retryAfterHoldsEvenSyncNow();
    void syncNowWhileRunningIsQueuedOnce();
    void neverTwoAtOnce();
    void stopSilencesEverything();
    void networkRegainedCutsBackoffShort();

private:
    static constexpr qint64 minute = 60 * 1000;
    void advance(qint64 ms)
    {
        m_now += ms;
        m_scheduler->poll();
    }
    // Fails the running sync (with the given Retry-After) and returns the wait until the next.
    qint64 fail(int retryAfterSeconds = 0)
    {
        m_scheduler->syncFinished(false, retryAfterSeconds);
        return m_scheduler->nextDueAt() - m_now;
    }

    qint64 m_now = 1'000'000'000'000;
    double m_random = 0.0;
    std::unique_ptr<SyncScheduler> m_scheduler;
    std::unique_ptr<QSignalSpy> m_due;
};

void TestSyncScheduler::init()
{
    m_now = 1'000'000'000'000;
    m_random = 0.0;
    m_scheduler = std::make_unique<SyncScheduler>([this] { return m_now; }, [this] { return m_random; });
    m_due = std::make_unique<QSignalSpy>(m_scheduler.get(), &SyncScheduler::syncDue);
}

void TestSyncScheduler::cleanup()
{
    m_due.reset();
    m_scheduler.reset();
}

void TestSyncScheduler::nothingBeforeStart()
{
    m_scheduler->syncNow();
    advance(60 * minute);
    QCOMPARE(m_due->count(), 0);
    QCOMPARE(m_scheduler->nextDueAt(), -1);
}

void TestSyncScheduler::intervalAfterStartAndAfterSuccess()
{
    QCOMPARE(m_scheduler->interval(), 10 * minute);
    m_scheduler->start();
    QCOMPARE(m_scheduler->nextDueAt(), m_now + 10 * minute);
    advance(10 * minute - 1);
    QCOMPARE(m_due->count(), 0);
    advance(1);
    QCOMPARE(m_due->count(), 1);
    QVERIFY(m_scheduler->isSyncing());
    m_scheduler->syncFinished(true);
    QCOMPARE(m_scheduler->nextDueAt(), m_now + 10 * minute);
    advance(10 * minute);
    QCOMPARE(m_due->count(), 2);
}

void TestSyncScheduler::configurableInterval()
{
    m_scheduler->setInterval(3 * minute);
    m_scheduler->start();
    advance(3 * minute);
    QCOMPARE(m_due->count(), 1);
}

void TestSyncScheduler::unlockSyncsAtOnce()
{
    m_scheduler->onUnlocked();
    QVERIFY(m_scheduler->isStarted());
    QCOMPARE(m_due->count(), 1);
}

void TestSyncScheduler::backoffDoublesWithinJitterBounds_data()
{
    QTest::addColumn<double>("random");
    QTest::newRow("least jitter") << 0.0;
    QTest::newRow("middle") << 0.5;
    QTest::newRow("most") << 0.999999;
}

void TestSyncScheduler::backoffDoublesWithinJitterBounds()
{
    QFETCH(double, random);
    m_random = random;
    m_scheduler->onUnlocked();
    qint64 full = minute; // 1, 2, 4, 8, 16 minutes; each wait is between half and all of it
    for (int failure = 1; failure <= 5; ++failure, full *= 2) {
        const qint64 wait = fail();
        QVERIFY2(wait >= full / 2 && wait <= full,
            qPrintable(QStringLiteral("failure %1: %2 ms").arg(failure).arg(wait)));
        QCOMPARE(wait, full / 2 + qint64(random * double(full - full / 2)));
        advance(wait - 1);
        QCOMPARE(m_due->count(), failure);
        advance(1);
        QCOMPARE(m_due->count(), failure + 1);
    }
    QCOMPARE(m_scheduler->consecutiveFailures(), 5);
}

void TestSyncScheduler::backoffIsCapped()
{
    m_random = 0.999999;
    m_scheduler->onUnlocked();
    for (int failure = 1; failure <= 12; ++failure) {
        const qint64 wait = fail();
        QVERIFY(wait <= 30 * minute);
        if (failure >= 6) // 32 minutes would be past the cap
            QVERIFY(wait > 29 * minute);
        advance(wait);
    }
}

void TestSyncScheduler::successResetsBackoff()
{
    m_scheduler->onUnlocked();
    advance(fail());
    advance(fail());
    QCOMPARE(m_scheduler->consecutiveFailures(), 2);
    m_scheduler->syncFinished(true);
    QCOMPARE(m_scheduler->consecutiveFailures(), 0);
    QCOMPARE(m_scheduler->nextDueAt(), m_now + 10 * minute);
    m_random = 0.0;
    m_scheduler->syncNow();
    QCOMPARE(fail(), minute / 2); // back to the first step
}

void TestSyncScheduler::retryAfterIsHonoured()
{
    m_scheduler->onUnlocked();
    QCOMPARE(fail(600), 10 * minute); // longer than the backoff: the server's wait
    advance(10 * minute - 1);
    QCOMPARE(m_due->count(), 1);
    advance(1);
    QCOMPARE(m_due->count(), 2);
    m_random = 0.999999;
    const qint64 wait = fail(5); // shorter than the backoff: the backoff
    QVERIFY(wait > 5000 && wait <= 2 * minute);
}

void TestSyncScheduler::retryAfterHoldsEvenSyncNow()
{
    m_scheduler->onUnlocked();
    fail(300);
    m_scheduler->syncNow();
    m_scheduler->onNetworkRegained();
    advance(4 * minute);
    QCOMPARE(m_due->count(), 1);
    advance(minute);
    QCOMPARE(m_due->count(), 2);
}

void TestSyncScheduler::syncNowWhileRunningIsQueuedOnce()
{
    m_scheduler->onUnlocked();
    QCOMPARE(m_due->count(), 1);
    m_scheduler->syncNow();
    m_scheduler->syncNow();
    m_scheduler->syncNow();
    QCOMPARE(m_due->count(), 1);
    m_scheduler->syncFinished(true);
    QCOMPARE(m_due->count(), 2); // the queued one, once, right after
    m_scheduler->syncFinished(true);
    QCOMPARE(m_due->count(), 2);
    QCOMPARE(m_scheduler->nextDueAt(), m_now + 10 * minute);
}

void TestSyncScheduler::neverTwoAtOnce()
{
    m_scheduler->onUnlocked();
    advance(60 * minute); // the owner has not answered: nothing more
    m_scheduler->onNetworkRegained();
    m_scheduler->onUnlocked();
    QCOMPARE(m_due->count(), 1);
    QCOMPARE(m_scheduler->nextDueAt(), -1);
    m_scheduler->syncFinished(true);
    m_scheduler->syncFinished(true); // a stray second answer changes nothing
    QCOMPARE(m_scheduler->nextDueAt(), m_now + 10 * minute);
}

void TestSyncScheduler::stopSilencesEverything()
{
    m_scheduler->onUnlocked();
    m_scheduler->syncNow(); // queued behind the running one
    m_scheduler->stop();
    m_scheduler->syncFinished(false); // the running one ends after the lock
    m_scheduler->syncNow();
    m_scheduler->onNetworkRegained();
    advance(120 * minute);
    QCOMPARE(m_due->count(), 1);
    QCOMPARE(m_scheduler->nextDueAt(), -1);
    m_scheduler->start();
    QVERIFY(m_scheduler->nextDueAt() > m_now); // the backoff from that failure
    advance(30 * minute);
    QCOMPARE(m_due->count(), 2);
}

void TestSyncScheduler::networkRegainedCutsBackoffShort()
{
    m_scheduler->onUnlocked();
    m_scheduler->syncFinished(true);
    m_scheduler->onNetworkRegained(); // nothing failed: the regular wait stands
    QCOMPARE(m_due->count(), 1);
    m_scheduler->syncNow();
    QCOMPARE(m_due->count(), 2);
    fail();
    m_scheduler->onNetworkRegained();
    QCOMPARE(m_due->count(), 3);
}

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "TestSyncScheduler.moc"
