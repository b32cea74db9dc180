#include "ModelTestSupport.h"
#include "models/StatusCounts.h"
#include "store/OutboxRepository.h"

#include <QSignalSpy>

using namespace ModelTestSupport;

// The status bar's numbers, counted off the GUI thread.
class TestStatusCounts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void countsArriveBySignal();
    void aChangeIsCountedOnceItSettles();
    void lockClearsAndDropsTheAnswer();

private:
    void addCases(int open, int closed);

    std::unique_ptr<SessionFixture> m_fx;
};

void TestStatusCounts::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
}

void TestStatusCounts::cleanup()
{
    m_fx.reset();
}

void TestStatusCounts::addCases(int open, int closed)
{
    static int number = 0;
    for (int i = 0; i < open + closed; ++i) {
        ++number;
        CaseSpec spec = caseSpec(QStringLiteral("PVT-2024-%1").arg(number, 4, 10, QLatin1Char('0')),
            QDate(2024, 1, 1).addDays(number));
        spec.status = i < open ? QStringLiteral("open") : QStringLiteral("closed");
        addCase(m_fx->store(), spec);
    }
}

void TestStatusCounts::countsArriveBySignal()
{
    addCases(3, 2);
    StatusCounts counts(m_fx->session.get());
    QSignalSpy ready(&counts, &StatusCounts::countsReady);
    QVERIFY(!counts.hasCounts()); // asked for, not yet answered
    QVERIFY(ready.wait(5000));
    QCOMPARE(ready.count(), 1);
    const auto byStatus = ready.first().at(0).value<QMap<QString, int>>();
    QCOMPARE(byStatus.value(QStringLiteral("open")), 3);
    QCOMPARE(byStatus.value(QStringLiteral("closed")), 2);
    const int pending = OutboxRepository(m_fx->store()).pendingCount();
    QVERIFY(pending >= 5);
    QCOMPARE(ready.first().at(1).toInt(), pending);
    QVERIFY(counts.hasCounts());
    QCOMPARE(counts.byStatus(), byStatus);
    QCOMPARE(counts.pendingChanges(), pending);
}

void TestStatusCounts::aChangeIsCountedOnceItSettles()
{
    StatusCounts counts(m_fx->session.get());
    QSignalSpy ready(&counts, &StatusCounts::countsReady);
    QVERIFY(ready.wait(5000));
    ready.clear();
    addCases(1, 0);
    // A burst of announcements (one save) gives one count.
    for (int i = 0; i < 5; ++i)
        m_fx->session->notifyCaseChanged(QStringLiteral("any"));
    QVERIFY(ready.wait(5000));
    QTest::qWait(200);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(counts.byStatus().value(QStringLiteral("open")), 1);
}

void TestStatusCounts::lockClearsAndDropsTheAnswer()
{
    addCases(2, 0);
    StatusCounts counts(m_fx->session.get());
    QSignalSpy ready(&counts, &StatusCounts::countsReady);
    QSignalSpy cleared(&counts, &StatusCounts::cleared);
    m_fx->session->lock(); // before the first answer came
    QCOMPARE(cleared.count(), 1);
    QTest::qWait(100);
    QCOMPARE(ready.count(), 0);
    QVERIFY(!counts.hasCounts());
    QCOMPARE(counts.pendingChanges(), 0);

    QCOMPARE(m_fx->session->unlock(passphrase(), QStringLiteral("tester")), QString());
    QVERIFY(ready.wait(5000));
    QCOMPARE(counts.byStatus().value(QStringLiteral("open")), 2);
}

QTEST_MAIN(TestStatusCounts)
#include "TestStatusCounts.moc"
