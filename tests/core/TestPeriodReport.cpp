#include "core/PeriodReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestPeriodReport : public QObject
{
    Q_OBJECT

private slots:
    void seedYear();
    void countingEdges_data();
    void countingEdges();
    void emptyPeriodGivesNulls();
    void monthsCoverPartialMonths();
    void medianOfEvenCount();
    void cohortUsesClosingWithinPeriod();

private:
    static const QDate from;
    static const QDate to;
    static QList<ReportCase> seedCases();
    static ReportCase makeCase(const QString& ref, const QDate& referral, const QDate& closed = QDate(),
        const QDate& declined = QDate());
    static Assessment ons4(const char* stage, const QDate& on, std::array<int, 4> scores);
    static Assessment pam(const char* stage, const QDate& on, double score);
    static Assessment serviceUse(const char* stage, const QDate& on, int gp, int ae);
    static CaseAction action(const char* status, const QDate& due, bool deleted = false);
    static QJsonObject measure(double baseline, double closing, int pairs);
    static QJsonObject movement(const QList<QPair<int, int>>& moves);
    static QString json(const QJsonValue& value);
};

const QDate TestPeriodReport::from(2024, 3, 1);
const QDate TestPeriodReport::to(2025, 2, 28);

ReportCase TestPeriodReport::makeCase(
    const QString& ref, const QDate& referral, const QDate& closed, const QDate& declined)
{
    ReportCase c;
    c.reference = ref;
    c.referralDate = referral;
    c.closedDate = closed;
    c.declinedDate = declined;
    c.status = closed.isValid() ? QStringLiteral("closed")
                                : (declined.isValid() ? QStringLiteral("declined") : QStringLiteral("open"));
    c.referringAgency = QStringLiteral("Police");
    return c;
}

Assessment TestPeriodReport::ons4(const char* stage, const QDate& on, std::array<int, 4> scores)
{
    Assessment a;
    a.kind = QStringLiteral("ons4");
    a.stage = QLatin1String(stage);
    a.assessedOn = on;
    a.ons4 = scores;
    return a;
}

Assessment TestPeriodReport::pam(const char* stage, const QDate& on, double score)
{
    Assessment a;
    a.kind = QStringLiteral("pam");
    a.stage = QLatin1String(stage);
    a.assessedOn = on;
    a.pamScore = score;
    return a;
}

Assessment TestPeriodReport::serviceUse(const char* stage, const QDate& on, int gp, int ae)
{
    Assessment a;
    a.kind = QStringLiteral("service-use");
    a.stage = QLatin1String(stage);
    a.assessedOn = on;
    a.gpAppointments = gp;
    a.aeAttendances = ae;
    a.periodMonths = 6;
    return a;
}

CaseAction TestPeriodReport::action(const char* status, const QDate& due, bool deleted)
{
    CaseAction a;
    a.description = QStringLiteral("Fire safety visit");
    a.status = QLatin1String(status);
    a.dueDate = due;
    a.meta.deleted = deleted;
    return a;
}

QJsonObject TestPeriodReport::measure(double baseline, double closing, int pairs)
{
    return {{QStringLiteral("baseline_mean"), baseline}, {QStringLiteral("closing_mean"), closing},
        {QStringLiteral("pairs"), pairs}};
}

// The expected level_movement object: every cell 0 except one per (from, to) move listed.
QJsonObject TestPeriodReport::movement(const QList<QPair<int, int>>& moves)
{
    QJsonObject rows;
    for (int from = 1; from <= 4; ++from) {
        QJsonObject row;
        for (int to = 1; to <= 4; ++to)
            row.insert(QString::number(to), int(moves.count(qMakePair(from, to))));
        rows.insert(QString::number(from), row);
    }
    return rows;
}

QString TestPeriodReport::json(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

// The seed's year, March 2024 to February 2025: 55 referrals, 46 closed, 9 open at the end.
// 44 of the year's referrals close in it, 2 are declined, 8 stay open and one closes after
// the year ends (so it is open at the end). Two cases referred before the year close in it;
// others before and after the year prove they are left out.
QList<ReportCase> TestPeriodReport::seedCases()
{
    const int perMonth[12] = {5, 4, 5, 4, 5, 4, 5, 4, 5, 5, 5, 4};
    const QString agencies[4] = {QStringLiteral("Police"), QStringLiteral("Community Fire Safety"),
        QStringLiteral("Lancashire Care Foundation Trust"), QStringLiteral("Chorley Council")};
    QList<ReportCase> cases;
    int i = 0;
    for (int month = 0; month < 12; ++month) {
        for (int k = 0; k < perMonth[month]; ++k, ++i) {
            const QDate referral = from.addMonths(month).addDays(2 * k);
            QDate closed;
            QDate declined;
            if (i < 44)
                closed = referral.addDays(i % 2 ? 28 : 14);
            else if (i < 46)
                declined = referral.addDays(7);
            else if (i == 54)
                closed = QDate(2025, 3, 5);
            ReportCase c = makeCase(QStringLiteral("PVT-2024-%1").arg(i + 1, 4, 10, QLatin1Char('0')),
                referral, closed, declined);
            c.referringAgency = agencies[i % 4];
            c.needs << QStringLiteral("loneliness");
            if (i % 3 == 0)
                c.needs << QStringLiteral("hoarding");
            if (i % 5 == 0)
                c.needs << QStringLiteral("debt");
            cases << c;
        }
    }
    cases[1].needs << QStringLiteral("loneliness"); // counted once per case

    // Outcomes. Case 0: referred 2024-03-01, closed 03-15. Case 1: 03-03 to 03-31.
    cases[0].assessments << ons4("baseline", QDate(2024, 3, 1), {4, 5, 3, 8})
                         << ons4("closing", QDate(2024, 3, 15), {7, 7, 6, 4})
                         << pam("baseline", QDate(2024, 3, 1), 45.0)
                         << pam("closing", QDate(2024, 3, 15), 56.0)
                         << serviceUse("baseline", QDate(2024, 3, 1), 6, 2)
                         << serviceUse("closing", QDate(2024, 3, 15), 2, 1);
    cases[1].assessments << ons4("baseline", QDate(2024, 3, 3), {5, 6, 5, 6})
                         << ons4("closing", QDate(2024, 3, 31), {6, 8, 7, 4})
                         << pam("baseline", QDate(2024, 3, 3), 50.0)
                         << pam("closing", QDate(2024, 3, 31), 52.0)
                         << serviceUse("baseline", QDate(2024, 3, 3), 4, 0)
                         << serviceUse("closing", QDate(2024, 3, 31), 5, 0);
    // Case 2: a baseline with no closing, and a closing with no baseline: neither counts.
    cases[2].assessments << ons4("baseline", QDate(2024, 3, 5), {2, 2, 2, 9})
                         << serviceUse("closing", QDate(2024, 3, 19), 9, 9);
    // Case 3: the later of two baselines is used; PAM 47.04 (level 1) to 47.05 (level 2).
    cases[3].assessments << ons4("baseline", QDate(2024, 3, 7), {0, 0, 0, 10})
                         << ons4("baseline", QDate(2024, 3, 14), {3, 4, 4, 8})
                         << ons4("closing", QDate(2024, 4, 4), {5, 6, 5, 5})
                         << pam("baseline", QDate(2024, 3, 7), 47.04)
                         << pam("closing", QDate(2024, 4, 4), 47.05);
    // Case 4: its only baseline is dated after the closing, so there is no before and after.
    cases[4].assessments << ons4("closing", QDate(2024, 3, 23), {10, 10, 10, 0})
                         << ons4("baseline", QDate(2024, 3, 25), {10, 10, 10, 0});
    // Case 5: the closing assessment was deleted.
    Assessment deleted = ons4("closing", QDate(2024, 4, 20), {10, 10, 10, 0});
    deleted.meta.deleted = true;
    cases[5].assessments << ons4("baseline", QDate(2024, 4, 1), {1, 1, 1, 1}) << deleted;
    // Case 54 closes after the period: its closing assessment is outside it.
    cases[54].assessments << ons4("baseline", QDate(2025, 2, 7), {1, 1, 1, 1})
                          << ons4("closing", QDate(2025, 3, 5), {9, 9, 9, 0});
    cases[46].actions << action("open", QDate(2025, 2, 27)) << action("open", QDate(2025, 2, 28))
                      << action("done", QDate(2025, 1, 1)) << action("cancelled", QDate(2025, 1, 1));
    // Done after the end date: it was still outstanding, and overdue, on the last day.
    CaseAction late = action("done", QDate(2025, 2, 1));
    late.completedDate = QDate(2025, 3, 10);
    cases[46].actions << late;

    // Referred before the period and closed in it (70 and 182 days); one left anxiety blank.
    ReportCase a = makeCase(QStringLiteral("PVT-2024-0901"), QDate(2024, 1, 10), QDate(2024, 3, 20));
    a.referringAgency = QStringLiteral("Housing association");
    a.needs << QStringLiteral("housing");
    a.assessments << ons4("baseline", QDate(2024, 1, 10), {6, 6, 6, 6})
                  << ons4("closing", QDate(2024, 3, 20), {8, 8, 8, -1});
    // Closed in the period: its forgotten open action is not counted as overdue at the end.
    a.actions << action("open", QDate(2024, 3, 1)) << action("open", QDate(2024, 6, 1), true);
    cases << a << makeCase(QStringLiteral("PVT-2023-0040"), QDate(2023, 11, 1), QDate(2024, 5, 1));
    // Closed the day before the period; referred the day after it; declined before it.
    ReportCase c = makeCase(QStringLiteral("PVT-2023-0020"), QDate(2023, 6, 1), QDate(2024, 2, 29));
    c.assessments << ons4("baseline", QDate(2023, 6, 1), {0, 0, 0, 10})
                  << ons4("closing", QDate(2024, 2, 29), {9, 9, 9, 9});
    cases << c << makeCase(QStringLiteral("PVT-2025-0001"), QDate(2025, 3, 1))
          << makeCase(QStringLiteral("PVT-2024-0002"), QDate(2024, 1, 5), QDate(), QDate(2024, 1, 20));
    return cases;
}

void TestPeriodReport::seedYear()
{
    const PeriodReport report = PeriodReport::compute(seedCases(), from, to, UnitCosts());
    const QJsonObject j = report.toJson();
    QStringList keys = j.keys();
    keys.sort();
    QCOMPARE(keys.join(QLatin1Char(',')),
        QStringLiteral("actions_overdue_at_end,cases_closed,declined,estimated_savings_gbp,from,"
                       "median_days_to_close,needs,open_at_end,pam,referrals_by_month,referrals_by_source,"
                       "referrals_received,service_use,to,wellbeing"));
    QCOMPARE(j[QStringLiteral("from")].toString(), QStringLiteral("2024-03-01"));
    QCOMPARE(j[QStringLiteral("to")].toString(), QStringLiteral("2025-02-28"));
    QCOMPARE(j[QStringLiteral("referrals_received")].toInt(), 55);
    QCOMPARE(j[QStringLiteral("cases_closed")].toInt(), 46);
    QCOMPARE(j[QStringLiteral("open_at_end")].toInt(), 9);
    QCOMPARE(j[QStringLiteral("declined")].toInt(), 2);
    QCOMPARE(json(j[QStringLiteral("referrals_by_source")]),
        QStringLiteral("{\"Chorley Council\":13,\"Community Fire Safety\":14,"
                       "\"Lancashire Care Foundation Trust\":14,\"Police\":14}"));
    QCOMPARE(json(j[QStringLiteral("referrals_by_month")]),
        QStringLiteral(
            "{\"2024-03\":5,\"2024-04\":4,\"2024-05\":5,\"2024-06\":4,\"2024-07\":5,\"2024-08\":4,"
            "\"2024-09\":5,\"2024-10\":4,\"2024-11\":5,\"2024-12\":5,\"2025-01\":5,\"2025-02\":4}"));
    QCOMPARE(
        json(j[QStringLiteral("needs")]), QStringLiteral("{\"debt\":11,\"hoarding\":19,\"loneliness\":55}"));
    QCOMPARE(j[QStringLiteral("median_days_to_close")].toDouble(), 28.0);
    QCOMPARE(j[QStringLiteral("actions_overdue_at_end")].toInt(), 2);

    const QJsonObject wellbeing = j[QStringLiteral("wellbeing")].toObject();
    QCOMPARE(wellbeing.size(), 4);
    QCOMPARE(wellbeing[QStringLiteral("life_satisfaction")].toObject(), measure(4.5, 6.5, 4));
    QCOMPARE(wellbeing[QStringLiteral("worthwhile")].toObject(), measure(5.25, 7.25, 4));
    QCOMPARE(wellbeing[QStringLiteral("happiness")].toObject(), measure(4.5, 6.5, 4));
    QCOMPARE(wellbeing[QStringLiteral("anxiety")].toObject(), measure(7.33, 4.33, 3));

    // (45 + 50 + 47.04) / 3 = 47.3467; (56 + 52 + 47.05) / 3 = 51.6833; levels 1->3 and 1->2 improved.
    QJsonObject pam = measure(47.35, 51.68, 3);
    pam.insert(QStringLiteral("improved_level"), 2);
    // 45 -> 56 is level 1 -> 3, 50 -> 52 stays at 2, 47.04 -> 47.05 is 1 -> 2 (47.1 after rounding).
    pam.insert(QStringLiteral("level_movement"), movement({{1, 3}, {2, 2}, {1, 2}}));
    QCOMPARE(j[QStringLiteral("pam")].toObject(), pam);
    QCOMPARE(report.pamMovement().at(1).at(3), 1);
    QCOMPARE(report.pamMovement().at(2).at(2), 1);
    QCOMPARE(report.pamMovement().at(1).at(2), 1);
    QCOMPARE(report.pamMovement().at(3).at(4), 0);

    QCOMPARE(json(j[QStringLiteral("service_use")]),
        QStringLiteral("{\"ae_after\":1,\"ae_before\":2,\"gp_after\":7,\"gp_before\":10,\"pairs\":2}"));
    // GP 10 -> 7 saves 3 x £41 = £123; A&E 2 -> 1 saves £242: £365. Flat: 46 x £3,500 = £161,000.
    QCOMPARE(json(j[QStringLiteral("estimated_savings_gbp")]),
        QStringLiteral("{\"flat_rate\":161000,\"unit_cost_model\":365}"));
    QCOMPARE(report.unitCostModelPence(), qint64(36500));
    QCOMPARE(report.flatRatePence(), qint64(16100000));
}

void TestPeriodReport::countingEdges_data()
{
    QTest::addColumn<QDate>("referral");
    QTest::addColumn<QDate>("closed");
    QTest::addColumn<QDate>("declined");
    QTest::addColumn<int>("received");
    QTest::addColumn<int>("closedCount");
    QTest::addColumn<int>("declinedCount");
    QTest::addColumn<int>("openAtEnd");
    const QDate none;
    QTest::newRow("referred on from") << from << none << none << 1 << 0 << 0 << 1;
    QTest::newRow("referred on to") << to << none << none << 1 << 0 << 0 << 1;
    QTest::newRow("referred the day after to") << to.addDays(1) << none << none << 0 << 0 << 0 << 0;
    QTest::newRow("referred the day before from") << from.addDays(-1) << none << none << 0 << 0 << 0 << 1;
    QTest::newRow("closed on to") << QDate(2024, 6, 1) << to << none << 1 << 1 << 0 << 0;
    QTest::newRow("closed the day after to")
        << QDate(2024, 6, 1) << to.addDays(1) << none << 1 << 0 << 0 << 1;
    QTest::newRow("closed on from") << QDate(2024, 1, 1) << from << none << 0 << 1 << 0 << 0;
    QTest::newRow("closed the day before from")
        << QDate(2024, 1, 1) << from.addDays(-1) << none << 0 << 0 << 0 << 0;
    QTest::newRow("declined on to") << QDate(2025, 2, 1) << none << to << 1 << 0 << 1 << 0;
    QTest::newRow("declined the day after to")
        << QDate(2025, 2, 1) << none << to.addDays(1) << 1 << 0 << 0 << 1;
}

void TestPeriodReport::countingEdges()
{
    QFETCH(QDate, referral);
    QFETCH(QDate, closed);
    QFETCH(QDate, declined);
    QFETCH(int, received);
    QFETCH(int, closedCount);
    QFETCH(int, declinedCount);
    QFETCH(int, openAtEnd);
    const PeriodReport report = PeriodReport::compute(
        {makeCase(QStringLiteral("PVT-2024-0001"), referral, closed, declined)}, from, to, UnitCosts());
    QCOMPARE(report.referralsReceived(), received);
    QCOMPARE(report.casesClosed(), closedCount);
    QCOMPARE(report.declined(), declinedCount);
    QCOMPARE(report.openAtEnd(), openAtEnd);
    QCOMPARE(report.referralsBySource().value(QStringLiteral("Police")), received);
}

void TestPeriodReport::emptyPeriodGivesNulls()
{
    const QJsonObject j = PeriodReport::compute({}, from, to, UnitCosts()).toJson();
    QCOMPARE(j[QStringLiteral("referrals_received")].toInt(-1), 0);
    QVERIFY(j[QStringLiteral("median_days_to_close")].isNull());
    const QJsonObject anxiety = j[QStringLiteral("wellbeing")][QStringLiteral("anxiety")].toObject();
    QVERIFY(anxiety[QStringLiteral("baseline_mean")].isNull());
    QVERIFY(anxiety[QStringLiteral("closing_mean")].isNull());
    QCOMPARE(anxiety[QStringLiteral("pairs")].toInt(-1), 0);
    QJsonObject emptyPam = measure(0, 0, 0);
    emptyPam.insert(QStringLiteral("baseline_mean"), QJsonValue::Null);
    emptyPam.insert(QStringLiteral("closing_mean"), QJsonValue::Null);
    emptyPam.insert(QStringLiteral("improved_level"), 0);
    emptyPam.insert(QStringLiteral("level_movement"), movement({}));
    QCOMPARE(j[QStringLiteral("pam")].toObject(), emptyPam);
    QCOMPARE(json(j[QStringLiteral("estimated_savings_gbp")]),
        QStringLiteral("{\"flat_rate\":0,\"unit_cost_model\":0}"));
    QCOMPARE(j[QStringLiteral("referrals_by_month")].toObject().size(), 12);
    QCOMPARE(j[QStringLiteral("referrals_by_month")][QStringLiteral("2024-07")].toInt(-1), 0);
    QCOMPARE(json(j[QStringLiteral("needs")]), QStringLiteral("{}"));
}

void TestPeriodReport::monthsCoverPartialMonths()
{
    const QList<ReportCase> cases {makeCase(QStringLiteral("PVT-2024-0001"), QDate(2024, 3, 14)),
        makeCase(QStringLiteral("PVT-2024-0002"), QDate(2024, 3, 15)),
        makeCase(QStringLiteral("PVT-2024-0003"), QDate(2024, 5, 2)),
        makeCase(QStringLiteral("PVT-2024-0004"), QDate(2024, 5, 3))};
    const PeriodReport report
        = PeriodReport::compute(cases, QDate(2024, 3, 15), QDate(2024, 5, 2), UnitCosts());
    QCOMPARE(json(report.toJson()[QStringLiteral("referrals_by_month")]),
        QStringLiteral("{\"2024-03\":1,\"2024-04\":0,\"2024-05\":1}"));
}

void TestPeriodReport::medianOfEvenCount()
{
    const QList<ReportCase> cases {
        makeCase(QStringLiteral("PVT-2024-0001"), QDate(2024, 4, 1), QDate(2024, 4, 11)),
        makeCase(QStringLiteral("PVT-2024-0002"), QDate(2024, 4, 1), QDate(2024, 4, 22)),
        makeCase(QStringLiteral("PVT-2024-0003"), QDate(2024, 4, 1), QDate(2024, 4, 2)),
        makeCase(QStringLiteral("PVT-2024-0004"), QDate(2024, 4, 1), QDate(2024, 6, 1))};
    // Days 10, 21, 1, 61: sorted 1, 10, 21, 61, median (10 + 21) / 2.
    const PeriodReport report = PeriodReport::compute(cases, from, to, UnitCosts());
    QCOMPARE(report.medianDaysToClose().value_or(-1), 15.5);
    QCOMPARE(report.toJson()[QStringLiteral("median_days_to_close")].toDouble(), 15.5);
}

// A case closed in the period, reopened and closed again after it: the report for the period
// uses the closing assessment it had at the end of the period. Closings on from and on to count.
void TestPeriodReport::cohortUsesClosingWithinPeriod()
{
    ReportCase reopened = makeCase(QStringLiteral("PVT-2024-0001"), QDate(2024, 1, 1));
    reopened.assessments << pam("baseline", QDate(2024, 1, 1), 40.0)
                         << pam("closing", QDate(2024, 9, 1), 60.0)
                         << pam("closing", QDate(2025, 4, 1), 80.0);
    ReportCase onFrom = makeCase(QStringLiteral("PVT-2024-0002"), QDate(2024, 1, 1));
    onFrom.assessments << pam("baseline", QDate(2024, 1, 1), 50.0) << pam("closing", from, 50.0);
    ReportCase onTo = makeCase(QStringLiteral("PVT-2024-0003"), QDate(2024, 1, 1));
    onTo.assessments << pam("baseline", QDate(2024, 1, 1), 70.0) << pam("closing", to, 70.0);
    ReportCase dayAfter = makeCase(QStringLiteral("PVT-2024-0004"), QDate(2024, 1, 1));
    dayAfter.assessments << pam("baseline", QDate(2024, 1, 1), 10.0) << pam("closing", to.addDays(1), 90.0);
    ReportCase notRecorded = makeCase(QStringLiteral("PVT-2024-0005"), QDate(2024, 1, 1));
    notRecorded.assessments << pam("baseline", QDate(2024, 1, 1), -1) << pam("closing", to, 90.0);

    const PeriodReport report
        = PeriodReport::compute({reopened, onFrom, onTo, dayAfter, notRecorded}, from, to, UnitCosts());
    QCOMPARE(report.pam().pairs, 3);
    QCOMPARE(report.pam().baselineMean, 53.33);
    QCOMPARE(report.pam().closingMean, 60.0);
    QCOMPARE(report.pamImprovedLevel(), 1);
}

QTEST_GUILESS_MAIN(TestPeriodReport)
#include "TestPeriodReport.moc"
