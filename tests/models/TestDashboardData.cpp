#include "ModelTestSupport.h"
#include "models/DashboardData.h"
#include "store/AgencyRepository.h"
#include "store/AuditLog.h"
#include "store/StoreSettings.h"

#include <QFile>
#include <QSignalSpy>

#include <numeric>

using namespace ModelTestSupport;

// The dashboard's figures for a hand-built store where every number is known by
// construction: the financial year 2025-26 (1 April 2025 to 31 March 2026), referrals per
// month stacked by referring agency, the cases behind one bar, and the CSV export.
class TestDashboardData : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void financialYearByMonthAndAgency();
    void otherFiguresFollowPeriodReport();
    void barFiltersListExactlyItsCases();
    void changesAreCountedAgainOnlyWhileShowing();
    void invalidPeriodAndLockClear();
    void csvExportWritesRowsAndAudits();
    void csvExportFailureSaysWhyAndLeavesNoEntry();

private:
    CaseRecord addReferral(const QDate& referral, const QString& agencyId,
        const QString& status = QStringLiteral("open"), const QDate& ended = QDate());
    void waitForFigures(DashboardData& data);
    QStringList references(const CaseFilter& filter);
    static ReportPeriod financialYear();

    std::unique_ptr<SessionFixture> m_fx;
    QString m_police;
    QString m_fire;
};

ReportPeriod TestDashboardData::financialYear()
{
    return ReportPeriod::preset(ReportPeriod::Preset::LastFinancialYear, QDate(2026, 5, 1));
}

CaseRecord TestDashboardData::addReferral(
    const QDate& referral, const QString& agencyId, const QString& status, const QDate& ended)
{
    return ModelTestSupport::addReferral(m_fx->store(), referral, agencyId, status, ended);
}

void TestDashboardData::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    AgencyRepository agencies(m_fx->store());
    Agency police;
    police.name = QStringLiteral("Lancashire Police");
    agencies.add(police);
    Agency fire;
    fire.name = QStringLiteral("Lancashire Fire");
    agencies.add(fire);
    m_police = police.meta.id;
    m_fire = fire.meta.id;
    // Either side of the year: left out of every figure but "open at the end".
    addReferral(QDate(2025, 3, 31), m_police);
    addReferral(QDate(2026, 4, 1), m_police);
    // April: two by the police (one closed in May), one by the fire service.
    addReferral(QDate(2025, 4, 1), m_police, QStringLiteral("closed"), QDate(2025, 5, 20));
    addReferral(QDate(2025, 4, 30), m_police);
    addReferral(QDate(2025, 4, 15), m_fire, QStringLiteral("declined"), QDate(2025, 6, 2));
    // May: one by the fire service, one with no referring agency recorded.
    addReferral(QDate(2025, 5, 1), m_fire, QStringLiteral("closed"), QDate(2025, 5, 31));
    addReferral(QDate(2025, 5, 31), QString());
    // March 2026, the year's last day.
    addReferral(QDate(2026, 3, 31), m_fire);
}

void TestDashboardData::cleanup()
{
    m_fx.reset();
}

void TestDashboardData::waitForFigures(DashboardData& data)
{
    QSignalSpy ready(&data, &DashboardData::figuresReady);
    QVERIFY(ready.wait(5000));
    QVERIFY(data.hasFigures());
    QVERIFY(!data.isLoading());
}

QStringList TestDashboardData::references(const CaseFilter& filter)
{
    QStringList found;
    for (const CaseSummary& c : CaseRepository(m_fx->store()).list(filter))
        found << c.referralDate.toString(Qt::ISODate) + QLatin1Char(' ') + c.referringAgency;
    return found;
}

void TestDashboardData::financialYearByMonthAndAgency()
{
    DashboardData data(m_fx->session.get());
    data.setPeriod(financialYear());
    QVERIFY(data.isLoading());
    waitForFigures(data);
    const DashboardFigures& f = data.figures();
    QCOMPARE(f.period(), ReportPeriod(QDate(2025, 4, 1), QDate(2026, 3, 31)));
    // April to March, each month whole.
    QCOMPARE(f.months().size(), 12);
    QCOMPARE(f.months().first().period, ReportPeriod(QDate(2025, 4, 1), QDate(2025, 4, 30)));
    QCOMPARE(f.months().last().period, ReportPeriod(QDate(2026, 3, 1), QDate(2026, 3, 31)));
    const QString police = QStringLiteral("Lancashire Police");
    const QString fire = QStringLiteral("Lancashire Fire");
    const QString none = PeriodReport::tr("Not recorded");
    QCOMPARE(f.months().at(0).alone.referralsBySource(), (QMap<QString, int> {{police, 2}, {fire, 1}}));
    QCOMPARE(f.months().at(1).alone.referralsBySource(), (QMap<QString, int> {{fire, 1}, {none, 1}}));
    QVERIFY(f.months().at(2).alone.referralsBySource().isEmpty());
    QCOMPARE(f.months().at(11).alone.referralsBySource(), (QMap<QString, int> {{fire, 1}}));
    // The stack's order: most referrals first, ties by name.
    QCOMPARE(f.sources(), QStringList({fire, police, none}));
    QCOMPARE(f.report().referralsReceived(), 6);
    const int sum = std::accumulate(
        f.months().cbegin(), f.months().cend(), 0, [](int total, const DashboardFigures::Month& month) {
            return total + month.alone.referralsReceived();
        });
    QCOMPARE(sum, 6);
}

void TestDashboardData::otherFiguresFollowPeriodReport()
{
    StoreSettings(m_fx->store()).set(StoreSettings::Key::FlatRatePerIntervention, QStringLiteral("1000"));
    DashboardData data(m_fx->session.get());
    data.setPeriod(financialYear());
    waitForFigures(data);
    const DashboardFigures& f = data.figures();
    QCOMPARE(f.report().casesClosed(), 2);
    QCOMPARE(f.report().declined(), 1);
    QCOMPARE(f.report().openAtEnd(), 4); // the March 2025 referral, April, May and March 2026
    const auto closedIn = [&f](int month) { return f.months().at(month).alone.casesClosed(); };
    QCOMPARE(closedIn(0), 0);
    QCOMPARE(closedIn(1), 2);
    QCOMPARE(f.months().at(2).alone.declined(), 1);
    QCOMPARE(f.months().at(0).alone.openAtEnd(), 4); // 31 March's, and three of April's
    QCOMPARE(f.months().at(1).alone.openAtEnd(), 4); // two referred, two closed
    // Cumulative savings at a flat £1,000 per closed case: nothing in April, £2,000 from May.
    QCOMPARE(f.months().at(0).sinceStart.flatRatePence(), qint64(0));
    QCOMPARE(f.months().at(1).sinceStart.flatRatePence(), qint64(200000));
    QCOMPARE(f.months().last().sinceStart.flatRatePence(), f.report().flatRatePence());
    // The UK norms ship with every store: one per ONS4 item.
    QCOMPARE(f.norms().size(), 4);
}

void TestDashboardData::barFiltersListExactlyItsCases()
{
    DashboardData data(m_fx->session.get());
    QVERIFY(!data.referralsFilter(0, QStringLiteral("Lancashire Police"))); // nothing counted yet
    data.setPeriod(financialYear());
    waitForFigures(data);
    const auto filter = [&data](int month, const QString& source) {
        const std::optional<CaseFilter> f = data.referralsFilter(month, source);
        return f ? *f : CaseFilter();
    };
    QCOMPARE(references(filter(0, QStringLiteral("Lancashire Police"))),
        QStringList({QStringLiteral("2025-04-30 Lancashire Police"),
            QStringLiteral("2025-04-01 Lancashire Police")}));
    QCOMPARE(references(filter(1, QStringLiteral("Lancashire Fire"))),
        QStringList({QStringLiteral("2025-05-01 Lancashire Fire")}));
    QCOMPARE(references(filter(1, PeriodReport::tr("Not recorded"))),
        QStringList({QStringLiteral("2025-05-31 ")}));
    QCOMPARE(references(filter(11, QStringLiteral("Lancashire Fire"))),
        QStringList({QStringLiteral("2026-03-31 Lancashire Fire")}));
    QVERIFY(!data.referralsFilter(12, QStringLiteral("Lancashire Fire")));
    QVERIFY(!data.referralsFilter(-1, QStringLiteral("Lancashire Fire")));
}

void TestDashboardData::changesAreCountedAgainOnlyWhileShowing()
{
    DashboardData data(m_fx->session.get());
    data.setPeriod(financialYear());
    waitForFigures(data);
    QSignalSpy ready(&data, &DashboardData::figuresReady);
    const CaseRecord added = addReferral(QDate(2025, 6, 10), m_police);
    m_fx->session->notifyCaseAdded(added.meta.id);
    m_fx->session->notifyCaseChanged(added.meta.id);
    QVERIFY(ready.wait(5000));
    QTest::qWait(400);
    QCOMPARE(ready.count(), 1); // one count for the burst
    QCOMPARE(data.figures().report().referralsReceived(), 7);

    // Hidden: the change waits until the dashboard shows again.
    data.setShowing(false);
    ready.clear();
    m_fx->session->notifyCaseAdded(addReferral(QDate(2025, 6, 11), m_police).meta.id);
    QTest::qWait(500);
    QCOMPARE(ready.count(), 0);
    data.setShowing(true);
    QVERIFY(ready.wait(5000));
    QCOMPARE(data.figures().report().referralsReceived(), 8);
}

void TestDashboardData::invalidPeriodAndLockClear()
{
    DashboardData data(m_fx->session.get());
    data.setPeriod(financialYear());
    waitForFigures(data);
    QSignalSpy cleared(&data, &DashboardData::cleared);
    data.setPeriod(ReportPeriod(QDate(2025, 5, 1), QDate(2025, 4, 1)));
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!data.hasFigures());
    data.setPeriod(financialYear());
    waitForFigures(data);
    QSignalSpy ready(&data, &DashboardData::figuresReady);
    data.refresh(); // asked, then locked before the answer: it never arrives
    m_fx->session->lock();
    QVERIFY(cleared.count() >= 2);
    QVERIFY(!data.hasFigures());
    QTest::qWait(200);
    QCOMPARE(ready.count(), 0);
}

void TestDashboardData::csvExportWritesRowsAndAudits()
{
    DashboardData data(m_fx->session.get());
    const QString path = m_fx->dir->filePath(QStringLiteral("figures.csv"));
    QVERIFY(!data.exportCsv(path).isEmpty()); // nothing counted yet: says so, writes nothing
    QVERIFY(!QFile::exists(path));
    data.setPeriod(financialYear());
    waitForFigures(data);
    const qint64 audited = AuditLog(m_fx->store()).count();
    QCOMPARE(data.exportCsv(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.startsWith(
        QLatin1String("section,key,value\r\nperiod,from,2025-04-01\r\nperiod,to,2026-03-31\r\n")));
    QVERIFY(text.contains(QLatin1String("headline,referrals_received,6\r\n")));
    QVERIFY(text.contains(QLatin1String("referrals_by_month,2025-04,3\r\n")));
    QVERIFY(text.contains(QLatin1String("referrals_by_source,Lancashire Police,2\r\n")));
    QCOMPARE(AuditLog(m_fx->store()).count(), audited + 1);
    const AuditEntry entry = AuditLog(m_fx->store()).entries().first();
    QCOMPARE(entry.action, QStringLiteral("export"));
    QCOMPARE(entry.entity, QStringLiteral("report"));
    QCOMPARE(entry.detail, QStringLiteral("figures 2025-04-01..2026-03-31 to CSV"));
}

void TestDashboardData::csvExportFailureSaysWhyAndLeavesNoEntry()
{
    DashboardData data(m_fx->session.get());
    data.setPeriod(financialYear());
    waitForFigures(data);
    const qint64 audited = AuditLog(m_fx->store()).count();
    const QString nowhere = m_fx->dir->filePath(QStringLiteral("no-such-folder/figures.csv"));
    const QString problem = data.exportCsv(nowhere);
    QVERIFY(problem.contains(QLatin1String("could not be saved")));
    QVERIFY(problem.contains(nowhere));
    QCOMPARE(AuditLog(m_fx->store()).count(), audited);
}

QTEST_MAIN(TestDashboardData)
#include "TestDashboardData.moc"
