// The period statistics through report/'s entry point (PeriodStatistics: the store's cases
// counted by core PeriodReport) on a hand-built store where every figure is known by
// construction: referrals before, on, inside and after the period's edges, a declined case,
// cases without closing measures and actions on both sides of the last day.

#include "report/PeriodStatistics.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/StoreTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <numeric>

class TestPeriodStatistics : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void countsByConstruction();
    void outcomesByConstruction();
    void savingsByConstruction();
    void periodBeforeAnyReferral();
    void sameFiguresAsTheCliJson();

private:
    QString addCase(const QString& reference, const QDate& referred, const QString& agency,
        const QString& status, const QDate& closed = QDate(), const QDate& statusDate = QDate());
    void addNeed(const QString& reference, const QString& key);
    void addAction(const QString& reference, const QDate& due, const QString& status, const QDate& completed);
    void addAssessment(const QString& reference, const QString& kind, const QString& stage, const QDate& on,
        const std::function<void(Assessment&)>& fill);
    void addOns4(const QString& reference, const QString& stage, const QDate& on, std::array<int, 4> scores);
    void addPam(const QString& reference, const QString& stage, const QDate& on, double score);
    void addServiceUse(const QString& reference, const QString& stage, const QDate& on, int gp, int ae);
    void buildStore();
    PeriodReport quarter();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QHash<QString, QString> m_caseIds;
};

static QDate d(const char* iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

void TestPeriodStatistics::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = StoreTestSupport::createStore(m_dir->filePath(QStringLiteral("team.store")));
    m_caseIds.clear();
    buildStore();
}

void TestPeriodStatistics::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QString TestPeriodStatistics::addCase(const QString& reference, const QDate& referred, const QString& agency,
    const QString& status, const QDate& closed, const QDate& statusDate)
{
    CaseRecord c;
    c.reference = reference;
    c.referralDate = referred;
    c.referringAgencyId = AgencyRepository(*m_store).findOrCreate(agency).meta.id;
    c.reason = QStringLiteral("Fictional test case");
    c.status = status;
    c.closedDate = closed;
    if (status == QLatin1String("closed"))
        c.closureReason = QStringLiteral("outcomes-met");
    c.statusDate = statusDate.isValid() ? statusDate : (closed.isValid() ? closed : referred);
    CaseRepository(*m_store).add(c);
    m_caseIds.insert(reference, c.meta.id);
    return c.meta.id;
}

void TestPeriodStatistics::addNeed(const QString& reference, const QString& key)
{
    CaseNeed need;
    need.caseId = m_caseIds.value(reference);
    need.needKey = key;
    NeedRepository(*m_store).add(need, reference);
}

void TestPeriodStatistics::addAction(
    const QString& reference, const QDate& due, const QString& status, const QDate& completed)
{
    CaseAction action;
    action.caseId = m_caseIds.value(reference);
    action.description = QStringLiteral("Test action");
    action.dueDate = due;
    action.status = status;
    action.completedDate = completed;
    ActionRepository(*m_store).add(action, reference);
}

// One assessment of that kind and stage; fill sets the kind's own fields.
void TestPeriodStatistics::addAssessment(const QString& reference, const QString& kind, const QString& stage,
    const QDate& on, const std::function<void(Assessment&)>& fill)
{
    Assessment a;
    a.caseId = m_caseIds.value(reference);
    a.kind = kind;
    a.stage = stage;
    a.assessedOn = on;
    fill(a);
    AssessmentRepository(*m_store).add(a, reference);
}

void TestPeriodStatistics::addOns4(
    const QString& reference, const QString& stage, const QDate& on, std::array<int, 4> scores)
{
    addAssessment(reference, QStringLiteral("ons4"), stage, on, [&](Assessment& a) { a.ons4 = scores; });
}

void TestPeriodStatistics::addPam(
    const QString& reference, const QString& stage, const QDate& on, double score)
{
    addAssessment(reference, QStringLiteral("pam"), stage, on, [&](Assessment& a) { a.pamScore = score; });
}

void TestPeriodStatistics::addServiceUse(
    const QString& reference, const QString& stage, const QDate& on, int gp, int ae)
{
    addAssessment(reference, QStringLiteral("service-use"), stage, on, [&](Assessment& a) {
        a.gpAppointments = gp;
        a.aeAttendances = ae;
        a.periodMonths = 6;
    });
}

// The period is the first quarter of 2025 (01/01/2025 to 31/03/2025, both included).
void TestPeriodStatistics::buildStore()
{
    const QString police = QStringLiteral("Police");
    const QString fire = QStringLiteral("Fire");
    m_store->write([&] {
        // A: referred the day before the period, still open: open at the end, not received.
        addCase(QStringLiteral("PVT-2024-0001"), d("2024-12-31"), police, QStringLiteral("open"));
        addAction(
            QStringLiteral("PVT-2024-0001"), d("2025-03-01"), QStringLiteral("open"), QDate()); // overdue
        addAction(QStringLiteral("PVT-2024-0001"), d("2025-03-31"), QStringLiteral("open"),
            QDate()); // due on the last day
        addOns4(QStringLiteral("PVT-2024-0001"), QStringLiteral("baseline"), d("2025-01-10"),
            {1, 1, 1, 9}); // no closing
        // B: referred on the first day, closed on the last (89 days).
        addCase(QStringLiteral("PVT-2025-0001"), d("2025-01-01"), police, QStringLiteral("closed"),
            d("2025-03-31"));
        addNeed(QStringLiteral("PVT-2025-0001"), QStringLiteral("hoarding"));
        addNeed(QStringLiteral("PVT-2025-0001"), QStringLiteral("debt"));
        addAction(QStringLiteral("PVT-2025-0001"), d("2025-01-05"), QStringLiteral("open"),
            QDate()); // closed case: not counted
        addOns4(QStringLiteral("PVT-2025-0001"), QStringLiteral("baseline"), d("2025-01-02"), {4, 5, 6, 7});
        addOns4(QStringLiteral("PVT-2025-0001"), QStringLiteral("closing"), d("2025-03-31"), {6, 7, 8, 3});
        addPam(QStringLiteral("PVT-2025-0001"), QStringLiteral("baseline"), d("2025-01-02"), 45.0); // level 1
        addPam(QStringLiteral("PVT-2025-0001"), QStringLiteral("closing"), d("2025-03-31"), 60.0); // level 3
        addServiceUse(QStringLiteral("PVT-2025-0001"), QStringLiteral("baseline"), d("2025-01-02"), 10, 3);
        addServiceUse(QStringLiteral("PVT-2025-0001"), QStringLiteral("closing"), d("2025-03-31"), 4, 1);
        // C: referred on the last day, not yet accepted; a closing ONS4 with no baseline.
        addCase(QStringLiteral("PVT-2025-0002"), d("2025-03-31"), fire, QStringLiteral("referred"));
        addNeed(QStringLiteral("PVT-2025-0002"), QStringLiteral("debt"));
        addAction(QStringLiteral("PVT-2025-0002"), d("2025-03-30"), QStringLiteral("done"), d("2025-03-30"));
        addOns4(QStringLiteral("PVT-2025-0002"), QStringLiteral("closing"), d("2025-03-15"), {9, 9, 9, 0});
        // D: referred the day after the period: not counted at all.
        addCase(QStringLiteral("PVT-2025-0003"), d("2025-04-01"), fire, QStringLiteral("referred"));
        addNeed(QStringLiteral("PVT-2025-0003"), QStringLiteral("hoarding"));
        // E: referred and declined inside the period.
        addCase(QStringLiteral("PVT-2025-0004"), d("2025-02-10"), fire, QStringLiteral("declined"), QDate(),
            d("2025-02-20"));
        // F: referred before, closed the day after the end: open at the end; an action due in
        // the period and done after the end was overdue on the last day.
        addCase(QStringLiteral("PVT-2024-0002"), d("2024-11-01"), police, QStringLiteral("closed"),
            d("2025-04-02"));
        addAction(QStringLiteral("PVT-2024-0002"), d("2025-02-01"), QStringLiteral("done"), d("2025-04-10"));
        addPam(
            QStringLiteral("PVT-2024-0002"), QStringLiteral("baseline"), d("2024-11-05"), 70.0); // no closing
        // G: referred and closed before the period; its closing measure is outside it.
        addCase(QStringLiteral("PVT-2024-0003"), d("2024-10-01"), police, QStringLiteral("closed"),
            d("2024-12-31"));
        addOns4(QStringLiteral("PVT-2024-0003"), QStringLiteral("baseline"), d("2024-10-02"), {0, 0, 0, 10});
        addOns4(QStringLiteral("PVT-2024-0003"), QStringLiteral("closing"), d("2024-12-31"), {10, 10, 10, 0});
        // H: referred and closed inside the period (31 days).
        addCase(QStringLiteral("PVT-2025-0005"), d("2025-01-15"), police, QStringLiteral("closed"),
            d("2025-02-15"));
        addOns4(QStringLiteral("PVT-2025-0005"), QStringLiteral("baseline"), d("2025-01-16"), {2, 3, 4, 9});
        addOns4(QStringLiteral("PVT-2025-0005"), QStringLiteral("closing"), d("2025-02-15"), {4, 5, 6, 5});
        addPam(QStringLiteral("PVT-2025-0005"), QStringLiteral("baseline"), d("2025-01-16"), 50.0); // level 2
        addPam(QStringLiteral("PVT-2025-0005"), QStringLiteral("closing"), d("2025-02-15"), 50.0); // level 2
    });
}

PeriodReport TestPeriodStatistics::quarter()
{
    return PeriodStatistics::compute(*m_store, d("2025-01-01"), d("2025-03-31"));
}

void TestPeriodStatistics::countsByConstruction()
{
    const PeriodReport r = quarter();
    QCOMPARE(r.referralsReceived(), 4); // B, C, E, H
    QCOMPARE(r.casesClosed(), 2); // B, H
    QCOMPARE(r.declined(), 1); // E
    QCOMPARE(r.openAtEnd(), 3); // A, C, F
    QCOMPARE(r.actionsOverdueAtEnd(), 2); // A's due 01/03, F's done after the end
    QVERIFY(r.medianDaysToClose().has_value());
    QCOMPARE(*r.medianDaysToClose(), 60.0); // (89 + 31) / 2
    const QMap<QString, int> bySource {{QStringLiteral("Fire"), 2}, {QStringLiteral("Police"), 2}};
    QCOMPARE(r.referralsBySource(), bySource);
    const QMap<QString, int> byMonth {
        {QStringLiteral("2025-01"), 2}, {QStringLiteral("2025-02"), 1}, {QStringLiteral("2025-03"), 1}};
    QCOMPARE(r.referralsByMonth(), byMonth);
    const QMap<QString, int> needs {{QStringLiteral("debt"), 2}, {QStringLiteral("hoarding"), 1}};
    QCOMPARE(r.needs(), needs);
}

void TestPeriodStatistics::outcomesByConstruction()
{
    const PeriodReport r = quarter();
    // Only B and H have a baseline and a closing in the period (A: no closing; C: no
    // baseline; G: closing before the period).
    QCOMPARE(r.wellbeing(0).pairs, 2);
    QCOMPARE(r.wellbeing(0).baselineMean, 3.0); // (4 + 2) / 2
    QCOMPARE(r.wellbeing(0).closingMean, 5.0); // (6 + 4) / 2
    QCOMPARE(r.wellbeing(3).baselineMean, 8.0); // anxiety (7 + 9) / 2
    QCOMPARE(r.wellbeing(3).closingMean, 4.0); // (3 + 5) / 2
    QCOMPARE(r.pam().pairs, 2); // F has no closing PAM
    QCOMPARE(r.pam().baselineMean, 47.5);
    QCOMPARE(r.pam().closingMean, 55.0);
    QCOMPARE(r.pamImprovedLevel(), 1);
    const PeriodReport::PamMovement movement = r.pamMovement();
    QCOMPARE(movement.at(1).at(3), 1); // B: level 1 -> 3
    QCOMPARE(movement.at(2).at(2), 1); // H: level 2 -> 2
    const int total = std::accumulate(movement.cbegin(), movement.cend(), 0,
        [](int sum, const auto& row) { return std::accumulate(row.cbegin(), row.cend(), sum); });
    QCOMPARE(total, 2);
}

void TestPeriodStatistics::savingsByConstruction()
{
    const PeriodReport r = quarter();
    QCOMPARE(r.serviceUse().pairs, 1);
    QCOMPARE(r.serviceUse().gpBefore, 10);
    QCOMPARE(r.serviceUse().gpAfter, 4);
    QCOMPARE(r.serviceUse().aeBefore, 3);
    QCOMPARE(r.serviceUse().aeAfter, 1);
    QCOMPARE(r.unitCostModelPence(), qint64(6 * 4100 + 2 * 24200)); // default unit costs
    QCOMPARE(r.flatRatePence(), qint64(2 * 350000)); // two closed cases at £3,500
}

void TestPeriodStatistics::periodBeforeAnyReferral()
{
    const PeriodReport r = PeriodStatistics::compute(*m_store, d("2023-01-01"), d("2023-12-31"));
    QCOMPARE(r.referralsReceived(), 0);
    QCOMPARE(r.openAtEnd(), 0);
    QVERIFY(!r.medianDaysToClose().has_value());
    QCOMPARE(r.referralsByMonth().size(), 12); // every month listed, each zero
    QCOMPARE(r.wellbeing(0).pairs, 0);
}

// The printed report and `casebook-cli report --json` are the same computation.
void TestPeriodStatistics::sameFiguresAsTheCliJson()
{
    const PeriodReport r = quarter();
    const QJsonObject json = r.toJson();
    QCOMPARE(json.value(QStringLiteral("referrals_received")).toInt(), 4);
    QCOMPARE(json.value(QStringLiteral("open_at_end")).toInt(), 3);
    QCOMPARE(json.value(QStringLiteral("median_days_to_close")).toDouble(), 60.0);
}

QTEST_GUILESS_MAIN(TestPeriodStatistics)
#include "TestPeriodStatistics.moc"
