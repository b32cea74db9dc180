#include "ModelTestSupport.h"
#include "models/ReadWorker.h"
#include "store/StoreError.h"

#include <QAtomicInt>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>

using namespace ModelTestSupport;

// The worker under the case list and the status counts: reads on its own thread and
// connection, only the newest answer delivered, nothing delivered after a lock.
class TestReadWorker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void readsOnItsOwnThreadAndConnection();
    void onlyTheNewestAnswerIsDelivered();
    void lockWaitsForTheReadAndDropsItsAnswer();
    void readerCannotWrite();
    void failureIsReported();

private:
    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<ReadWorker> m_worker;
};

void TestReadWorker::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_worker = std::make_unique<ReadWorker>(m_fx->session.get());
}

void TestReadWorker::cleanup()
{
    m_worker.reset();
    m_fx.reset();
}

void TestReadWorker::readsOnItsOwnThreadAndConnection()
{
    addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2024-0001"), QDate(2024, 1, 1)));
    QThread* readThread = nullptr;
    bool ownConnection = false;
    qint64 counted = -1;
    Store* mainStore = &m_fx->store();
    m_worker->request<qint64>(
        [&](Store& reader) {
            readThread = QThread::currentThread();
            ownConnection = &reader != mainStore && reader.db().handle() != mainStore->db().handle();
            return CaseRepository(reader).count(CaseFilter());
        },
        [&](const qint64& total) { counted = total; });
    QTRY_COMPARE(counted, qint64(1));
    QVERIFY(readThread != nullptr);
    QVERIFY(readThread != QThread::currentThread());
    QVERIFY(ownConnection);
    QVERIFY(!m_worker->isBusy());
}

void TestReadWorker::onlyTheNewestAnswerIsDelivered()
{
    QSemaphore started;
    QSemaphore release;
    QList<int> delivered;
    // The first read is held on the worker until the second has been asked for.
    m_worker->request<int>(
        [&](Store&) {
            started.release();
            release.acquire();
            return 1;
        },
        [&](const int& answer) { delivered << answer; });
    QVERIFY(started.tryAcquire(1, 5000));
    m_worker->request<int>([](Store&) { return 2; }, [&](const int& answer) { delivered << answer; });
    release.release();
    QTRY_COMPARE(delivered, QList<int> {2});
    QTest::qWait(50);
    QCOMPARE(delivered, QList<int> {2});
}

void TestReadWorker::lockWaitsForTheReadAndDropsItsAnswer()
{
    QSemaphore started;
    QAtomicInt finishedReading = 0;
    bool delivered = false;
    m_worker->request<int>(
        [&](Store&) {
            started.release();
            QThread::msleep(150); // a long read, not one SQLite can interrupt
            finishedReading.storeRelease(1);
            return 1;
        },
        [&](const int&) { delivered = true; });
    QVERIFY(started.tryAcquire(1, 5000));
    m_fx->session->lock();
    // By the time the key is wiped the read connection has been closed, so the read had
    // to finish first.
    QCOMPARE(finishedReading.loadAcquire(), 1);
    QTest::qWait(50);
    QVERIFY(!delivered);
    QVERIFY(!m_worker->isBusy());

    // Locked: requests do nothing; unlocked again: a fresh connection on the new store.
    m_worker->request<int>([](Store&) { return 3; }, [&](const int&) { delivered = true; });
    QTest::qWait(50);
    QVERIFY(!delivered);
    QCOMPARE(m_fx->session->unlock(passphrase(), QStringLiteral("tester")), QString());
    qint64 counted = -1;
    m_worker->request<qint64>([](Store& reader) { return CaseRepository(reader).count(CaseFilter()); },
        [&](const qint64& total) { counted = total; });
    QTRY_COMPARE(counted, qint64(0));
}

void TestReadWorker::readerCannotWrite()
{
    QSignalSpy failed(m_worker.get(), &ReadWorker::failed);
    bool delivered = false;
    m_worker->request<int>(
        [](Store& reader) {
            addCase(reader, caseSpec(QStringLiteral("PVT-2024-0002"), QDate(2024, 1, 2)));
            return 1;
        },
        [&](const int&) { delivered = true; });
    QVERIFY(failed.wait(5000));
    QVERIFY(!delivered);
    QCOMPARE(CaseRepository(m_fx->store()).count(CaseFilter()), qint64(0));
}

void TestReadWorker::failureIsReported()
{
    QSignalSpy failed(m_worker.get(), &ReadWorker::failed);
    m_worker->request<int>(
        [](Store&) -> int {
            throw StoreError(StoreError::Code::Failed, QStringLiteral("The store reported an error."));
        },
        [](const int&) {});
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().toString(), QStringLiteral("The store reported an error."));
    QVERIFY(!m_worker->isBusy());
}

QTEST_MAIN(TestReadWorker)
#include "TestReadWorker.moc"
