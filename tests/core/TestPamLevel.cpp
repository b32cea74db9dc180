#include "core/PamLevel.h"

#include <QTest>

class TestPamLevel : public QObject
{
    Q_OBJECT

private slots:
    void levelFor_data();
    void levelFor();
    void roundToTenth();
};

void TestPamLevel::levelFor_data()
{
    QTest::addColumn<double>("score");
    QTest::addColumn<int>("level");
    QTest::newRow("0") << 0.0 << 1;
    QTest::newRow("47.0") << 47.0 << 1;
    QTest::newRow("47.04 rounds down") << 47.04 << 1;
    QTest::newRow("47.05 rounds up") << 47.05 << 2;
    QTest::newRow("47.1") << 47.1 << 2;
    QTest::newRow("55.1") << 55.1 << 2;
    QTest::newRow("55.14") << 55.14 << 2;
    QTest::newRow("55.15") << 55.15 << 3;
    QTest::newRow("55.2") << 55.2 << 3;
    QTest::newRow("67.0") << 67.0 << 3;
    QTest::newRow("67.04") << 67.04 << 3;
    QTest::newRow("67.05") << 67.05 << 4;
    QTest::newRow("67.1") << 67.1 << 4;
    QTest::newRow("100") << 100.0 << 4;
    QTest::newRow("not recorded") << -1.0 << 0;
    QTest::newRow("over 100") << 100.1 << 0;
}

void TestPamLevel::levelFor()
{
    QFETCH(double, score);
    QFETCH(int, level);
    QCOMPARE(PamLevel::levelFor(score), level);
}

void TestPamLevel::roundToTenth()
{
    QCOMPARE(PamLevel::roundToTenth(47.05), 47.1);
    QCOMPARE(PamLevel::roundToTenth(47.04), 47.0);
    QCOMPARE(PamLevel::roundToTenth(62.25), 62.3);
}

QTEST_GUILESS_MAIN(TestPamLevel)
#include "TestPamLevel.moc"
