#include "core/ReportPeriod.h"

#include <QTest>

// The periods a lead picks on the dashboard: financial years run 1 April to 31 March, and a
// period still running stops at today.
class TestReportPeriod : public QObject
{
    Q_OBJECT

private slots:
    void presets_data();
    void presets();
    void financialYearStart_data();
    void financialYearStart();
    void presetKeysRoundTrip();
    void monthsAreCutToThePeriod();
    void problemsInPlainWords();
};

void TestReportPeriod::presets_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    using P = ReportPeriod::Preset;
    QTest::newRow("month") << int(P::ThisMonth) << QDate(2025, 2, 17) << QDate(2025, 2, 1)
                           << QDate(2025, 2, 17);
    QTest::newRow("month, first day")
        << int(P::ThisMonth) << QDate(2025, 3, 1) << QDate(2025, 3, 1) << QDate(2025, 3, 1);
    QTest::newRow("quarter, Q1") << int(P::ThisQuarter) << QDate(2025, 6, 30) << QDate(2025, 4, 1)
                                 << QDate(2025, 6, 30);
    QTest::newRow("quarter, Q4") << int(P::ThisQuarter) << QDate(2025, 2, 17) << QDate(2025, 1, 1)
                                 << QDate(2025, 2, 17);
    QTest::newRow("quarter, Q3") << int(P::ThisQuarter) << QDate(2024, 10, 1) << QDate(2024, 10, 1)
                                 << QDate(2024, 10, 1);
    QTest::newRow("financial year, March")
        << int(P::ThisFinancialYear) << QDate(2025, 3, 31) << QDate(2024, 4, 1) << QDate(2025, 3, 31);
    QTest::newRow("financial year, April")
        << int(P::ThisFinancialYear) << QDate(2025, 4, 1) << QDate(2025, 4, 1) << QDate(2025, 4, 1);
    QTest::newRow("financial year, December")
        << int(P::ThisFinancialYear) << QDate(2025, 12, 9) << QDate(2025, 4, 1) << QDate(2025, 12, 9);
    QTest::newRow("last financial year, March")
        << int(P::LastFinancialYear) << QDate(2025, 3, 31) << QDate(2023, 4, 1) << QDate(2024, 3, 31);
    QTest::newRow("last financial year, April")
        << int(P::LastFinancialYear) << QDate(2025, 4, 1) << QDate(2024, 4, 1) << QDate(2025, 3, 31);
    QTest::newRow("last financial year, leap")
        << int(P::LastFinancialYear) << QDate(2024, 5, 1) << QDate(2023, 4, 1) << QDate(2024, 3, 31);
    QTest::newRow("custom") << int(P::Custom) << QDate(2025, 3, 31) << QDate() << QDate();
}

void TestReportPeriod::presets()
{
    QFETCH(int, preset);
    QFETCH(QDate, today);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    const ReportPeriod period = ReportPeriod::preset(ReportPeriod::Preset(preset), today);
    QCOMPARE(period.from(), from);
    QCOMPARE(period.to(), to);
}

void TestReportPeriod::financialYearStart_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QDate>("start");
    QTest::newRow("31 March") << QDate(2025, 3, 31) << QDate(2024, 4, 1);
    QTest::newRow("1 April") << QDate(2025, 4, 1) << QDate(2025, 4, 1);
    QTest::newRow("1 January") << QDate(2025, 1, 1) << QDate(2024, 4, 1);
    QTest::newRow("31 December") << QDate(2025, 12, 31) << QDate(2025, 4, 1);
}

void TestReportPeriod::financialYearStart()
{
    QFETCH(QDate, day);
    QFETCH(QDate, start);
    QCOMPARE(ReportPeriod::financialYearStart(day), start);
}

void TestReportPeriod::presetKeysRoundTrip()
{
    QStringList keys;
    for (ReportPeriod::Preset preset : ReportPeriod::presets()) {
        keys << ReportPeriod::presetKey(preset);
        QCOMPARE(ReportPeriod::presetFromKey(ReportPeriod::presetKey(preset)), std::optional(preset));
        QVERIFY(!ReportPeriod::presetLabel(preset).isEmpty());
    }
    keys.removeDuplicates();
    QCOMPARE(keys.size(), ReportPeriod::presets().size());
    QCOMPARE(ReportPeriod::presetFromKey(QStringLiteral("next-year")), std::nullopt);
}

void TestReportPeriod::monthsAreCutToThePeriod()
{
    const QList<ReportPeriod> months = ReportPeriod(QDate(2024, 1, 15), QDate(2024, 3, 10)).months();
    QCOMPARE(months,
        (QList<ReportPeriod> {{QDate(2024, 1, 15), QDate(2024, 1, 31)},
            {QDate(2024, 2, 1), QDate(2024, 2, 29)}, {QDate(2024, 3, 1), QDate(2024, 3, 10)}}));
    const QList<ReportPeriod> year
        = ReportPeriod::preset(ReportPeriod::Preset::LastFinancialYear, QDate(2025, 6, 1)).months();
    QCOMPARE(year.size(), 12);
    QCOMPARE(year.first(), ReportPeriod(QDate(2024, 4, 1), QDate(2024, 4, 30)));
    QCOMPARE(year.last(), ReportPeriod(QDate(2025, 3, 1), QDate(2025, 3, 31)));
    QCOMPARE(ReportPeriod(QDate(2024, 5, 2), QDate(2024, 5, 2)).months().size(), 1);
    QVERIFY(ReportPeriod(QDate(2024, 5, 2), QDate(2024, 5, 1)).months().isEmpty());
}

void TestReportPeriod::problemsInPlainWords()
{
    QVERIFY(ReportPeriod(QDate(2024, 5, 1), QDate(2024, 5, 1)).problem().isEmpty());
    QVERIFY(ReportPeriod(QDate(2024, 5, 1), QDate(2024, 5, 1)).isValid());
    const ReportPeriod backwards(QDate(2024, 5, 2), QDate(2024, 5, 1));
    QVERIFY(!backwards.isValid());
    QVERIFY(backwards.problem().contains(QLatin1String("after its last day")));
    QVERIFY(!ReportPeriod(QDate(), QDate(2024, 5, 1)).problem().isEmpty());
    QVERIFY(!ReportPeriod().isValid());
}

QTEST_GUILESS_MAIN(TestReportPeriod)
#include "TestReportPeriod.moc"
