#include "core/SavingsCalculator.h"

#include <QTest>

class TestSavingsCalculator : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void unitCostModel_data();
    void unitCostModel();
    void flatRate();
};

void TestSavingsCalculator::defaults()
{
    const UnitCosts costs;
    QCOMPARE(costs.gpAppointmentPence, qint64(4100));
    QCOMPARE(costs.aeAttendancePence, qint64(24200));
    QCOMPARE(costs.flatRatePerInterventionPence, qint64(350000));
}

void TestSavingsCalculator::unitCostModel_data()
{
    QTest::addColumn<int>("gpBefore");
    QTest::addColumn<int>("gpAfter");
    QTest::addColumn<int>("aeBefore");
    QTest::addColumn<int>("aeAfter");
    QTest::addColumn<qint64>("pence");
    // 12 -> 4 GP: 8 x £41 = £328; 3 -> 1 A&E: 2 x £242 = £484; total £812.
    QTest::newRow("both fall") << 12 << 4 << 3 << 1 << qint64(81200);
    QTest::newRow("no change") << 5 << 5 << 2 << 2 << qint64(0);
    // GP up by 2 (-£82), A&E down by 1 (+£242): £160.
    QTest::newRow("mixed") << 3 << 5 << 1 << 0 << qint64(16000);
    // GP up by 3 (-£123), A&E up by 1 (-£242): -£365, an honest loss.
    QTest::newRow("rise is negative") << 1 << 4 << 0 << 1 << qint64(-36500);
}

void TestSavingsCalculator::unitCostModel()
{
    QFETCH(int, gpBefore);
    QFETCH(int, gpAfter);
    QFETCH(int, aeBefore);
    QFETCH(int, aeAfter);
    QFETCH(qint64, pence);
    QCOMPARE(SavingsCalculator::unitCostModelPence(gpBefore, gpAfter, aeBefore, aeAfter, UnitCosts()), pence);
}

void TestSavingsCalculator::flatRate()
{
    QCOMPARE(SavingsCalculator::flatRatePence(0, UnitCosts()), qint64(0));
    // 46 closed cases x £3,500 = £161,000.
    QCOMPARE(SavingsCalculator::flatRatePence(46, UnitCosts()), qint64(16100000));
    UnitCosts edited;
    edited.flatRatePerInterventionPence = 123456;
    edited.gpAppointmentPence = 3900;
    QCOMPARE(SavingsCalculator::flatRatePence(2, edited), qint64(246912));
    QCOMPARE(SavingsCalculator::unitCostModelPence(2, 0, 0, 0, edited), qint64(7800));
    // Large counts stay exact in 64 bits: 1,334 interventions at £3,500 is £4,669,000.
    QCOMPARE(SavingsCalculator::flatRatePence(1334, UnitCosts()), qint64(466900000));
}

QTEST_GUILESS_MAIN(TestSavingsCalculator)
#include "TestSavingsCalculator.moc"
