#include "core/CsvReader.h"
#include "core/PeriodFiguresCsv.h"
#include "core/PeriodReport.h"

#include <QTest>

#include <algorithm>

// The dashboard's "Export figures as CSV": every figure of the period report as a row of
// section, key, value under the JSON report's names, readable back as CSV.
class TestPeriodFiguresCsv : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheReport();
    void emptyMeasuresAreBlank();
    void textReadsBack();

private:
    static PeriodReport sample();
    static QString value(const QList<QStringList>& rows, const QString& section, const QString& key);
};

PeriodReport TestPeriodFiguresCsv::sample()
{
    ReportCase a;
    a.reference = QStringLiteral("PVT-2025-0001");
    a.referralDate = QDate(2025, 4, 3);
    a.closedDate = QDate(2025, 5, 3);
    a.referringAgency = QStringLiteral("Police, Chorley"); // a comma: quoted in the file
    a.needs = {QStringLiteral("housing")};
    Assessment before;
    before.kind = QStringLiteral("ons4");
    before.stage = QStringLiteral("baseline");
    before.assessedOn = QDate(2025, 4, 4);
    before.ons4 = {{4, 5, 3, 8}};
    Assessment after = before;
    after.stage = QStringLiteral("closing");
    after.assessedOn = QDate(2025, 5, 2);
    after.ons4 = {{7, 7, 6, 3}};
    a.assessments = {before, after};
    ReportCase b;
    b.reference = QStringLiteral("PVT-2025-0002");
    b.referralDate = QDate(2025, 5, 20);
    return PeriodReport::compute({a, b}, QDate(2025, 4, 1), QDate(2025, 5, 31), UnitCosts());
}

QString TestPeriodFiguresCsv::value(
    const QList<QStringList>& rows, const QString& section, const QString& key)
{
    const auto found = std::find_if(rows.cbegin(), rows.cend(),
        [&](const QStringList& row) { return row.value(0) == section && row.value(1) == key; });
    return found == rows.cend() ? QStringLiteral("(missing)") : found->value(2);
}

void TestPeriodFiguresCsv::rowsFollowTheReport()
{
    const QList<QStringList> rows = PeriodFiguresCsv::rows(sample());
    QCOMPARE(rows.first(),
        QStringList({QStringLiteral("section"), QStringLiteral("key"), QStringLiteral("value")}));
    QCOMPARE(rows.at(1),
        QStringList({QStringLiteral("period"), QStringLiteral("from"), QStringLiteral("2025-04-01")}));
    QCOMPARE(rows.at(2),
        QStringList({QStringLiteral("period"), QStringLiteral("to"), QStringLiteral("2025-05-31")}));
    QCOMPARE(
        value(rows, QStringLiteral("headline"), QStringLiteral("referrals_received")), QStringLiteral("2"));
    QCOMPARE(value(rows, QStringLiteral("headline"), QStringLiteral("cases_closed")), QStringLiteral("1"));
    QCOMPARE(value(rows, QStringLiteral("headline"), QStringLiteral("open_at_end")), QStringLiteral("1"));
    QCOMPARE(value(rows, QStringLiteral("headline"), QStringLiteral("median_days_to_close")),
        QStringLiteral("30"));
    QCOMPARE(
        value(rows, QStringLiteral("referrals_by_month"), QStringLiteral("2025-04")), QStringLiteral("1"));
    QCOMPARE(
        value(rows, QStringLiteral("referrals_by_month"), QStringLiteral("2025-05")), QStringLiteral("1"));
    QCOMPARE(value(rows, QStringLiteral("referrals_by_source"), QStringLiteral("Police, Chorley")),
        QStringLiteral("1"));
    QCOMPARE(value(rows, QStringLiteral("needs"), QStringLiteral("housing")), QStringLiteral("1"));
    QCOMPARE(value(rows, QStringLiteral("wellbeing"), QStringLiteral("life_satisfaction.baseline_mean")),
        QStringLiteral("4"));
    QCOMPARE(value(rows, QStringLiteral("wellbeing"), QStringLiteral("anxiety.closing_mean")),
        QStringLiteral("3"));
    QCOMPARE(value(rows, QStringLiteral("pam"), QStringLiteral("level_movement.2.3")), QStringLiteral("0"));
    QCOMPARE(value(rows, QStringLiteral("estimated_savings_gbp"), QStringLiteral("flat_rate")),
        QStringLiteral("3500"));
    // Every row is section, key, value; the headline comes before the breakdowns.
    for (const QStringList& row : rows)
        QCOMPARE(row.size(), 3);
    const auto sectionAt = [&rows](int i) { return rows.at(i).first(); };
    QCOMPARE(sectionAt(3), QStringLiteral("headline"));
    QCOMPARE(sectionAt(int(rows.size()) - 1), QStringLiteral("estimated_savings_gbp"));
}

void TestPeriodFiguresCsv::emptyMeasuresAreBlank()
{
    const PeriodReport empty = PeriodReport::compute({}, QDate(2025, 4, 1), QDate(2025, 4, 30), UnitCosts());
    const QList<QStringList> rows = PeriodFiguresCsv::rows(empty);
    // No one measured: blank, never a 0 that reads as "everyone scored nothing".
    QCOMPARE(value(rows, QStringLiteral("wellbeing"), QStringLiteral("happiness.baseline_mean")), QString());
    QCOMPARE(
        value(rows, QStringLiteral("wellbeing"), QStringLiteral("happiness.pairs")), QStringLiteral("0"));
    QCOMPARE(value(rows, QStringLiteral("headline"), QStringLiteral("median_days_to_close")), QString());
}

void TestPeriodFiguresCsv::textReadsBack()
{
    const PeriodReport report = sample();
    const QString text = PeriodFiguresCsv::text(report);
    QVERIFY(text.startsWith(QLatin1String("section,key,value\r\n")));
    QVERIFY(text.contains(QLatin1String("referrals_by_source,\"Police, Chorley\",1\r\n")));
    QList<QStringList> read;
    for (const CsvRecord& record : CsvReader::parse(text).records)
        read << record.fields;
    QCOMPARE(read, PeriodFiguresCsv::rows(report));
}

QTEST_GUILESS_MAIN(TestPeriodFiguresCsv)
#include "TestPeriodFiguresCsv.moc"
