#include "ui/InactivityTimer.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

class TestInactivityTimer : public QObject
{
    Q_OBJECT

private slots:
    void firesOnceAfterTimeout();
    void keyPressPostpones();
    void stopPreventsFiring();
};

void TestInactivityTimer::firesOnceAfterTimeout()
{
    InactivityTimer timer;
    QSignalSpy spy(&timer, &InactivityTimer::inactive);
    timer.setTimeout(200);
    timer.start();
    QVERIFY(timer.isActive());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 2000);
    QVERIFY(!timer.isActive());
    QTest::qWait(500);
    QCOMPARE(spy.count(), 1); // once, not every 200 ms
}

void TestInactivityTimer::keyPressPostpones()
{
    QLineEdit edit;
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));

    // Wide margins: the machine running the tests may be busy compiling.
    InactivityTimer timer;
    QSignalSpy spy(&timer, &InactivityTimer::inactive);
    timer.setTimeout(600);
    QElapsedTimer clock;
    clock.start();
    timer.start();
    QTest::qWait(300);
    QTest::keyClick(&edit, Qt::Key_A);
    const qint64 typedAt = clock.elapsed();
    QTest::qWait(450); // 750 ms after start: would have fired without the key press
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 3000);
    // A coarse timer may fire up to 5% early.
    QVERIFY(clock.elapsed() >= typedAt + 570);
}

void TestInactivityTimer::stopPreventsFiring()
{
    InactivityTimer timer;
    QSignalSpy spy(&timer, &InactivityTimer::inactive);
    timer.setTimeout(100);
    timer.start();
    timer.stop();
    QTest::qWait(300);
    QCOMPARE(spy.count(), 0);
}

QTEST_MAIN(TestInactivityTimer)
#include "TestInactivityTimer.moc"
