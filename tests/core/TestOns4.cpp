#include "core/Ons4.h"

#include <QTest>

class TestOns4 : public QObject
{
    Q_OBJECT

private slots:
    void band_data();
    void band();
    void itemsInOrder();
    void defaultNormsAreTheUkAverages();
};

void TestOns4::band_data()
{
    QTest::addColumn<int>("item");
    QTest::addColumn<int>("score");
    QTest::addColumn<QString>("expected");
    for (int item = 0; item < 3; ++item) {
        QTest::addRow("%d 0", item) << item << 0 << "low";
        QTest::addRow("%d 4", item) << item << 4 << "low";
        QTest::addRow("%d 5", item) << item << 5 << "medium";
        QTest::addRow("%d 6", item) << item << 6 << "medium";
        QTest::addRow("%d 7", item) << item << 7 << "high";
        QTest::addRow("%d 8", item) << item << 8 << "high";
        QTest::addRow("%d 9", item) << item << 9 << "very-high";
        QTest::addRow("%d 10", item) << item << 10 << "very-high";
    }
    QTest::newRow("anxiety 0") << 3 << 0 << "very-low";
    QTest::newRow("anxiety 1") << 3 << 1 << "very-low";
    QTest::newRow("anxiety 2") << 3 << 2 << "low";
    QTest::newRow("anxiety 3") << 3 << 3 << "low";
    QTest::newRow("anxiety 4") << 3 << 4 << "medium";
    QTest::newRow("anxiety 5") << 3 << 5 << "medium";
    QTest::newRow("anxiety 6") << 3 << 6 << "high";
    QTest::newRow("anxiety 10") << 3 << 10 << "high";
    QTest::newRow("score -1") << 0 << -1 << "";
    QTest::newRow("score 11") << 3 << 11 << "";
    QTest::newRow("item 4") << 4 << 5 << "";
    QTest::newRow("item -1") << -1 << 5 << "";
}

void TestOns4::band()
{
    QFETCH(int, item);
    QFETCH(int, score);
    QFETCH(QString, expected);
    QCOMPARE(Ons4::band(item, score), expected);
}

void TestOns4::itemsInOrder()
{
    QCOMPARE(Ons4::itemKey(0), QStringLiteral("life_satisfaction"));
    QCOMPARE(Ons4::itemKey(1), QStringLiteral("worthwhile"));
    QCOMPARE(Ons4::itemKey(2), QStringLiteral("happiness"));
    QCOMPARE(Ons4::itemKey(3), QStringLiteral("anxiety"));
    QCOMPARE(Ons4::itemKey(4), QString());
    QCOMPARE(Ons4::question(0), QStringLiteral("Overall, how satisfied are you with your life nowadays?"));
    QCOMPARE(Ons4::question(3), QStringLiteral("Overall, how anxious did you feel yesterday?"));
    QCOMPARE(Ons4::question(4), QString());
    QVERIFY(Ons4::higherIsBetter(0));
    QVERIFY(Ons4::higherIsBetter(2));
    QVERIFY(!Ons4::higherIsBetter(3));
    QCOMPARE(Ons4::bandLabel(QStringLiteral("very-high")), QStringLiteral("Very high"));
}

void TestOns4::defaultNormsAreTheUkAverages()
{
    const QList<ReferenceNorm> norms = Ons4::defaultNorms();
    QCOMPARE(norms.size(), 4);
    const double expected[] = {7.45, 7.73, 7.39, 3.23};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(norms.at(i).item, i);
        QCOMPARE(norms.at(i).value, expected[i]);
        QCOMPARE(norms.at(i).scope, QStringLiteral("national"));
        QCOMPARE(norms.at(i).label, QStringLiteral("UK average (ONS APS, year ending March 2023)"));
    }
}

QTEST_GUILESS_MAIN(TestOns4)
#include "TestOns4.moc"
