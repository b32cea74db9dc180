#include "CliHarness.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

// A real year of PIVOT casework, March 2024 to February 2025, driven through the CLI the way
// a team would: the year's referrals imported from a spreadsheet, then worked, assessed and
// closed one command at a time, and the lead's report run at the end. The seed's own
// headline must come out: 55 referrals received, 46 cases closed, 9 open.
//
// Every expected figure is worked out here from the data this test makes, by plain
// arithmetic over the cases it means to count, never by asking the program's own code.
class TestCliYear : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void reportMatchesTheYear();
    void textReportGivesTheHeadline();

private:
    struct Referral
    {
        QString reference;
        QDate referral;
        QString agencyInFile; // as typed in the spreadsheet
        QString agency; // the agency it belongs to
        QString needsInFile;
        QSet<QString> needs;
        QString importStatus = QStringLiteral("open");
        QDate importClosed;
        QString importClosure;
        QDate closeOn; // closed with `case status` on this date
        QDate declineOn; // declined with `case status` on this date
        bool hasClosingAssessment = false;
    };
    using Scores = std::array<int, 4>;

    static const QDate from;
    static const QDate to;

    CliHarness& cli() { return *m_cli; }
    void buildYear();
    QByteArray csv() const;
    Referral& inPeriod(int i) { return m_referrals[m_firstInPeriod + i]; }
    Referral& pre(int n) { return m_referrals[n - 1]; } // P1..P5
    void run(const QStringList& arguments);
    void assess(
        Referral& r, const QString& kind, const QString& stage, const QDate& on, const QStringList& values);
    // A baseline three days after referral and a closing assessment on the closing date;
    // counted says whether the report should pair them.
    void onsPair(Referral& r, const Scores& baseline, const Scores& closing, bool counted);
    void pamPair(Referral& r, double baseline, double closing, bool counted);
    void usePair(Referral& r, int gpBefore, int aeBefore, int gpAfter, int aeAfter, bool counted);
    static int pamLevel(double score);
    static QStringList scoreValues(const Scores& s);
    // value is a mean rounded to 2 decimals of exact sum / count.
    static bool isRoundedMean(const QJsonValue& value, double sum, int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
    QList<Referral> m_referrals;
    int m_firstInPeriod = 0;

    // What the report should say, gathered as the year is worked.
    std::array<QList<int>, 4> m_onsBefore;
    std::array<QList<int>, 4> m_onsAfter;
    QList<int> m_pamBeforeTenths;
    QList<int> m_pamAfterTenths;
    int m_pamImproved = 0;
    int m_gpBefore = 0;
    int m_gpAfter = 0;
    int m_aeBefore = 0;
    int m_aeAfter = 0;
    int m_usePairs = 0;
    int m_overdueActions = 0;
    QJsonObject m_report;
    int m_commands = 0;
};

const QDate TestCliYear::from(2024, 3, 1);
const QDate TestCliYear::to(2025, 2, 28);

void TestCliYear::run(const QStringList& arguments)
{
    ++m_commands;
    const CliResult result = cli().run(arguments);
    QVERIFY2(result.exitCode == 0 && result.err.isEmpty(),
        qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(" -> ")
            + QString::fromUtf8(result.describe())));
}

QStringList TestCliYear::scoreValues(const Scores& s)
{
    return {
        QStringLiteral("--scores"), QStringLiteral("%1,%2,%3,%4").arg(s[0]).arg(s[1]).arg(s[2]).arg(s[3])};
}

void TestCliYear::assess(
    Referral& r, const QString& kind, const QString& stage, const QDate& on, const QStringList& values)
{
    run(QStringList {QStringLiteral("assess"), r.reference, kind, QStringLiteral("--stage"), stage,
            QStringLiteral("--date"), CliHarness::iso(on)}
        + values);
    if (stage == QLatin1String("closing"))
        r.hasClosingAssessment = true;
}

void TestCliYear::onsPair(Referral& r, const Scores& baseline, const Scores& closing, bool counted)
{
    assess(
        r, QStringLiteral("ons4"), QStringLiteral("baseline"), r.referral.addDays(3), scoreValues(baseline));
    assess(r, QStringLiteral("ons4"), QStringLiteral("closing"), r.closeOn, scoreValues(closing));
    if (!counted)
        return;
    for (size_t item = 0; item < 4; ++item) {
        m_onsBefore[item] << baseline[item];
        m_onsAfter[item] << closing[item];
    }
}

// PAM levels as the licensed tool defines them, on scores with one decimal.
int TestCliYear::pamLevel(double score)
{
    const int tenths = int(std::lround(score * 10));
    if (tenths <= 470)
        return 1;
    if (tenths <= 551)
        return 2;
    return tenths <= 670 ? 3 : 4;
}

void TestCliYear::pamPair(Referral& r, double baseline, double closing, bool counted)
{
    assess(r, QStringLiteral("pam"), QStringLiteral("baseline"), r.referral.addDays(3),
        {QStringLiteral("--score"), QString::number(baseline, 'f', 1)});
    assess(r, QStringLiteral("pam"), QStringLiteral("closing"), r.closeOn,
        {QStringLiteral("--score"), QString::number(closing, 'f', 1)});
    if (!counted)
        return;
    m_pamBeforeTenths << int(std::lround(baseline * 10));
    m_pamAfterTenths << int(std::lround(closing * 10));
    m_pamImproved += pamLevel(closing) > pamLevel(baseline) ? 1 : 0;
}

void TestCliYear::usePair(Referral& r, int gpBefore, int aeBefore, int gpAfter, int aeAfter, bool counted)
{
    const auto values = [](int gp, int ae) {
        return QStringList {QStringLiteral("--gp"), QString::number(gp), QStringLiteral("--ae"),
            QString::number(ae), QStringLiteral("--months"), QStringLiteral("6")};
    };
    assess(r, QStringLiteral("service-use"), QStringLiteral("baseline"), r.referral.addDays(3),
        values(gpBefore, aeBefore));
    assess(r, QStringLiteral("service-use"), QStringLiteral("closing"), r.closeOn, values(gpAfter, aeAfter));
    if (!counted)
        return;
    m_gpBefore += gpBefore;
    m_gpAfter += gpAfter;
    m_aeBefore += aeBefore;
    m_aeAfter += aeAfter;
    ++m_usePairs;
}

bool TestCliYear::isRoundedMean(const QJsonValue& value, double sum, int count)
{
    if (!value.isDouble() || count == 0)
        return false;
    const double reported = value.toDouble();
    const double exact = sum / count;
    const double cents = reported * 100;
    return std::abs(cents - std::round(cents)) < 1e-6 && std::abs(reported - exact) <= 0.005 + 1e-9;
}

// The year's cases. In the period (2024-03-01 to 2025-02-28): 55 referrals, of which 44
// close in the period, 2 are declined and 9 are still open at its end (one of them closes
// in March 2025). Before the period: 5 referrals, 2 closed before it, 2 closed in it and 1
// declined in it, so the period closes 44 + 2 = 46 cases. After it: 2 referrals that the
// report must not count.
void TestCliYear::buildYear()
{
    const QStringList agencies {QStringLiteral("Lancashire Police"), QStringLiteral("Community Fire Safety"),
        QStringLiteral("Lancashire Care Foundation Trust"), QStringLiteral("Chorley Council Communities"),
        QStringLiteral("Social Prescribing"), QStringLiteral("Children and Families Wellbeing Service"),
        QStringLiteral("Children's Social Care"), QStringLiteral("Lancashire Volunteer Partnership")};
    const QStringList needKeys {QStringLiteral("hoarding"), QStringLiteral("mental-health"),
        QStringLiteral("loneliness"), QStringLiteral("isolation"), QStringLiteral("substance-misuse"),
        QStringLiteral("housing"), QStringLiteral("debt"), QStringLiteral("bereavement")};
    const auto referral = [&](const QDate& date, int agency, const QStringList& needs) {
        Referral r;
        r.referral = date;
        r.agency = agencies.at(agency);
        r.agencyInFile = r.agency;
        r.needsInFile = needs.join(QLatin1Char(';'));
        for (const QString& n : needs)
            r.needs.insert(n.toLower());
        return r;
    };

    // Before the period.
    Referral p1 = referral(QDate(2023, 11, 15), 0, {QStringLiteral("hoarding")});
    p1.importStatus = QStringLiteral("closed");
    p1.importClosed = QDate(2024, 1, 20);
    p1.importClosure = QStringLiteral("disengaged");
    Referral p2 = referral(QDate(2024, 1, 10), 1, {QStringLiteral("fire-risk")});
    p2.importStatus = QStringLiteral("closed");
    p2.importClosed = QDate(2024, 2, 29); // the day before the period
    p2.importClosure = QStringLiteral("outcomes-met");
    Referral p3 = referral(QDate(2024, 2, 5), 2, {QStringLiteral("mental-health")});
    p3.closeOn = from; // the period's first day
    Referral p4 = referral(QDate(2024, 2, 20), 3, {QStringLiteral("debt")});
    p4.importStatus = QStringLiteral("referred");
    p4.declineOn = QDate(2024, 3, 4);
    Referral p5 = referral(QDate(2024, 2, 26), 4, {QStringLiteral("loneliness")});
    p5.closeOn = QDate(2024, 7, 15);
    m_referrals << p1 << p2 << p3 << p4 << p5;

    // The period: dates spread from its first day to its last.
    m_firstInPeriod = int(m_referrals.size());
    for (int i = 0; i < 55; ++i) {
        QStringList needs;
        if (i % 11 != 10) {
            needs << needKeys.at(i % 8);
            if (i % 7 == 0)
                needs << needKeys.at(i % 8).toUpper(); // the same need twice, as typed
            needs << needKeys.at((i * 3 + 1) % 8);
        }
        Referral r = referral(from.addDays(i * 364 / 54), i % 8, needs);
        if (i == 16)
            r.agencyInFile = QStringLiteral("  LANCASHIRE POLICE "); // one agency, however typed
        if (i == 20 || i == 33) {
            r.importStatus = QStringLiteral("referred");
            r.declineOn = r.referral.addDays(5);
        } else if (i <= 45) {
            r.closeOn = std::min(r.referral.addDays(14 + (i * 17) % 120), to);
        } else if (i == 46) {
            r.closeOn = QDate(2025, 3, 20); // after the period: still open at its end
        }
        if (i == 0)
            r.importStatus = QStringLiteral("referred"); // taken through accepted and open by hand
        if (i == 53)
            r.importStatus = QStringLiteral("accepted");
        if (i == 54)
            r.importStatus = QStringLiteral("referred");
        m_referrals << r;
    }
    QCOMPARE(inPeriod(0).referral, from);
    QCOMPARE(inPeriod(54).referral, to);

    // After the period.
    m_referrals << referral(QDate(2025, 3, 3), 0, {QStringLiteral("hoarding")});
    Referral a2 = referral(QDate(2025, 3, 12), 5, {QStringLiteral("housing")});
    a2.importStatus = QStringLiteral("referred");
    m_referrals << a2;

    // References as the import numbers them: per referral year, in file order.
    QMap<int, int> perYear;
    for (Referral& r : m_referrals)
        r.reference = QStringLiteral("PVT-%1-%2")
                          .arg(r.referral.year())
                          .arg(++perYear[r.referral.year()], 4, 10, QLatin1Char('0'));
}

QByteArray TestCliYear::csv() const
{
    QString text
        = QStringLiteral("referral_date,referring_agency,referrer_name,given_name,family_name,needs,reason,"
                         "consent,risk,status,closed_date,closure_reason\n");
    const QStringList given {QStringLiteral("Siân"), QStringLiteral("Zoë"), QStringLiteral("Alan"),
        QStringLiteral("Bríd"), QStringLiteral("Chidi"), QStringLiteral("Dorota"), QStringLiteral("Eilidh")};
    for (qsizetype n = 0; n < m_referrals.size(); ++n) {
        const Referral& r = m_referrals.at(n);
        text
            += QStringList {CliHarness::iso(r.referral), r.agencyInFile, QStringLiteral("Referrer %1").arg(n),
                   given.at(n % given.size()), QStringLiteral("Case%1").arg(n), r.needsInFile,
                   QStringLiteral("\"Referral %1: needs support, urgently\"").arg(n), QStringLiteral("given"),
                   n % 3 == 0 ? QStringLiteral("high") : QStringLiteral("medium"), r.importStatus,
                   r.importClosed.isValid() ? CliHarness::iso(r.importClosed) : QString(), r.importClosure}
                   .join(QLatin1Char(','))
            + QLatin1Char('\n');
    }
    return text.toUtf8();
}

void TestCliYear::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliHarness>(m_dir->path());
    CLI_OK(cli().init());
    buildYear();
    if (QTest::currentTestFailed())
        return;

    // 1. The spreadsheet of referrals.
    const QString file = cli().writeFile(QStringLiteral("pivot-2024-25.csv"), csv());
    const CliResult imported = cli().run({QStringLiteral("import"), QStringLiteral("referrals"), file});
    CLI_OK(imported);
    QCOMPARE(imported.out,
        QStringLiteral("Imported %1 referral(s): %2 ... %3\n")
            .arg(m_referrals.size())
            .arg(m_referrals.first().reference, m_referrals.last().reference));

    // 2. Lifecycle by hand: one referral accepted and opened, three declined.
    Referral& first = inPeriod(0);
    run({QStringLiteral("case"), QStringLiteral("status"), first.reference, QStringLiteral("accepted"),
        QStringLiteral("--date"), CliHarness::iso(first.referral.addDays(1))});
    run({QStringLiteral("case"), QStringLiteral("status"), first.reference, QStringLiteral("open"),
        QStringLiteral("--date"), CliHarness::iso(first.referral.addDays(2))});
    for (const Referral& r : std::as_const(m_referrals)) {
        if (r.declineOn.isValid())
            run({QStringLiteral("case"), QStringLiteral("status"), r.reference, QStringLiteral("declined"),
                QStringLiteral("--date"), CliHarness::iso(r.declineOn), QStringLiteral("--reason"),
                QStringLiteral("Already supported elsewhere")});
    }

    // 3. Needs found after referral: one in the period counts, one before it does not.
    run({QStringLiteral("need"), QStringLiteral("add"), inPeriod(3).reference,
        QStringLiteral("domestic-abuse")});
    inPeriod(3).needs.insert(QStringLiteral("domestic-abuse"));
    run({QStringLiteral("need"), QStringLiteral("add"), pre(3).reference, QStringLiteral("fire-risk")});

    // 4. Contact records.
    run({QStringLiteral("note"), QStringLiteral("add"), inPeriod(1).reference, QStringLiteral("--kind"),
        QStringLiteral("home-visit"), QStringLiteral("--date"), QStringLiteral("2024-03-12"),
        QStringLiteral("--significant"), QStringLiteral("--text"),
        QStringLiteral("Hallway blocked; smoke alarm fitted by Community Fire Safety")});
    run({QStringLiteral("note"), QStringLiteral("add"), inPeriod(2).reference, QStringLiteral("--kind"),
        QStringLiteral("multi-agency-meeting"), QStringLiteral("--date"), QStringLiteral("2024-03-20"),
        QStringLiteral("--text"), QStringLiteral("PIVOT meeting: housing and debt advice agreed")});
    run({QStringLiteral("note"), QStringLiteral("add"), inPeriod(5).reference, QStringLiteral("--kind"),
        QStringLiteral("phone"), QStringLiteral("--agency-only"), QStringLiteral("--agency"),
        QStringLiteral("Lancashire Police"), QStringLiteral("--text"),
        QStringLiteral("Intelligence shared with the neighbourhood team")});
    run({QStringLiteral("note"), QStringLiteral("add"), pre(3).reference, QStringLiteral("--kind"),
        QStringLiteral("phone"), QStringLiteral("--date"), QStringLiteral("2024-02-12"),
        QStringLiteral("--text"), QStringLiteral("First contact")});

    // 5. Outcome measures. Counted pairs first; then the ones the report must leave out.
    onsPair(inPeriod(1), {3, 4, 3, 8}, {6, 7, 6, 4}, true);
    onsPair(inPeriod(2), {2, 3, 2, 9}, {5, 6, 5, 5}, true);
    onsPair(inPeriod(3), {4, 5, 4, 7}, {7, 7, 6, 3}, true);
    onsPair(inPeriod(5), {5, 5, 4, 6}, {6, 7, 7, 4}, true);
    onsPair(inPeriod(8), {1, 2, 1, 10}, {4, 5, 3, 7}, true);
    onsPair(inPeriod(13), {6, 6, 5, 5}, {6, 6, 5, 5}, true);
    onsPair(inPeriod(21), {3, 3, 3, 8}, {2, 3, 2, 9}, true); // worse
    onsPair(inPeriod(30), {0, 0, 0, 10}, {3, 4, 2, 8}, true);
    onsPair(inPeriod(40), {4, 4, 4, 6}, {8, 8, 7, 2}, true);
    onsPair(inPeriod(44), {5, 6, 5, 6}, {7, 8, 7, 3}, true);
    onsPair(pre(3), {2, 2, 2, 8}, {5, 4, 5, 6}, true); // referred before the period, closed on its first day
    // A review between baseline and closing is not a baseline.
    onsPair(inPeriod(6), {2, 4, 3, 7}, {6, 6, 6, 4}, true);
    assess(inPeriod(6), QStringLiteral("ons4"), QStringLiteral("review"), inPeriod(6).referral.addDays(10),
        scoreValues({4, 5, 5, 6}));
    // Two baselines: the later one is used.
    onsPair(inPeriod(9), {3, 3, 3, 7}, {5, 5, 5, 5}, true);
    assess(inPeriod(9), QStringLiteral("ons4"), QStringLiteral("baseline"), inPeriod(9).referral.addDays(1),
        scoreValues({1, 1, 1, 9}));
    // Baseline and closing on the same day still pair.
    const Scores sameDayBaseline {4, 4, 4, 4};
    const Scores sameDayClosing {6, 6, 6, 3};
    assess(inPeriod(11), QStringLiteral("ons4"), QStringLiteral("baseline"), inPeriod(11).closeOn,
        scoreValues(sameDayBaseline));
    assess(inPeriod(11), QStringLiteral("ons4"), QStringLiteral("closing"), inPeriod(11).closeOn,
        scoreValues(sameDayClosing));
    for (size_t item = 0; item < 4; ++item) {
        m_onsBefore[item] << sameDayBaseline[item];
        m_onsAfter[item] << sameDayClosing[item];
    }
    // Two closings: the later one is used.
    onsPair(inPeriod(12), {3, 4, 3, 6}, {7, 7, 7, 2}, true);
    assess(inPeriod(12), QStringLiteral("ons4"), QStringLiteral("closing"), inPeriod(12).closeOn.addDays(-10),
        scoreValues({5, 5, 5, 5}));
    // Left out: a closing with no baseline; a baseline only after the closing; a closing after
    // the period; a pair closed before the period; a baseline on an open case.
    assess(inPeriod(4), QStringLiteral("ons4"), QStringLiteral("closing"), inPeriod(4).closeOn,
        scoreValues({5, 5, 5, 5}));
    assess(inPeriod(10), QStringLiteral("ons4"), QStringLiteral("closing"), inPeriod(10).closeOn,
        scoreValues({6, 6, 6, 3}));
    assess(inPeriod(10), QStringLiteral("ons4"), QStringLiteral("baseline"), inPeriod(10).closeOn.addDays(5),
        scoreValues({8, 8, 8, 1}));
    onsPair(inPeriod(46), {2, 2, 2, 9}, {9, 9, 9, 1}, false);
    pre(1).closeOn = pre(1).importClosed;
    onsPair(pre(1), {1, 1, 1, 1}, {9, 9, 9, 9}, false);
    pre(1).closeOn = QDate();
    assess(inPeriod(50), QStringLiteral("ons4"), QStringLiteral("baseline"), inPeriod(50).referral.addDays(3),
        scoreValues({3, 3, 3, 3}));

    pamPair(inPeriod(1), 47.0, 47.1, true); // level 1 -> 2
    pamPair(inPeriod(2), 55.1, 55.2, true); // 2 -> 3
    pamPair(inPeriod(5), 67.0, 67.1, true); // 3 -> 4
    pamPair(inPeriod(13), 60.0, 50.0, true); // 3 -> 2
    pamPair(inPeriod(14), 40.5, 46.9, true); // 1 -> 1
    pamPair(inPeriod(15), 52.3, 66.0, true); // 2 -> 3
    pamPair(inPeriod(22), 70.0, 80.0, true); // 4 -> 4
    pamPair(inPeriod(23), 35.2, 58.8, true); // 1 -> 3
    pamPair(inPeriod(24), 0.0, 100.0, true); // 1 -> 4
    pamPair(inPeriod(12), 50.0, 62.5, true); // 2 -> 3
    pamPair(pre(5), 45.0, 47.0, true); // 1 -> 1, baseline before the period
    assess(inPeriod(16), QStringLiteral("pam"), QStringLiteral("closing"), inPeriod(16).closeOn,
        {QStringLiteral("--score"), QStringLiteral("70.0")});
    assess(inPeriod(47), QStringLiteral("pam"), QStringLiteral("baseline"), inPeriod(47).referral.addDays(3),
        {QStringLiteral("--score"), QStringLiteral("44.4")});
    pamPair(inPeriod(46), 30.0, 90.0, false);

    usePair(inPeriod(1), 8, 3, 2, 0, true);
    usePair(inPeriod(3), 6, 1, 4, 1, true);
    usePair(inPeriod(5), 12, 4, 3, 1, true);
    usePair(inPeriod(8), 2, 0, 3, 1, true); // more use after support
    usePair(inPeriod(17), 10, 2, 5, 0, true);
    usePair(inPeriod(18), 4, 0, 1, 0, true);
    usePair(inPeriod(19), 7, 5, 2, 2, true);
    usePair(inPeriod(25), 0, 0, 0, 0, true);
    usePair(inPeriod(26), 15, 6, 6, 1, true);
    assess(inPeriod(4), QStringLiteral("service-use"), QStringLiteral("closing"), inPeriod(4).closeOn,
        {QStringLiteral("--gp"), QStringLiteral("3"), QStringLiteral("--ae"), QStringLiteral("1"),
            QStringLiteral("--months"), QStringLiteral("6")});
    assess(inPeriod(48), QStringLiteral("service-use"), QStringLiteral("baseline"),
        inPeriod(48).referral.addDays(3),
        {QStringLiteral("--gp"), QStringLiteral("9"), QStringLiteral("--ae"), QStringLiteral("3"),
            QStringLiteral("--months"), QStringLiteral("6")});
    usePair(inPeriod(46), 20, 8, 0, 0, false);

    // 6. Actions: open and due before the end are overdue at the end; due on the last day,
    // done, or on a case referred after the period are not.
    const auto action = [&](const Referral& r, const QDate& due) {
        const CliResult added = cli().run(
            {QStringLiteral("action"), QStringLiteral("add"), r.reference, QStringLiteral("--what"),
                QStringLiteral("Follow-up visit"), QStringLiteral("--due"), CliHarness::iso(due)});
        ++m_commands;
        return added.out.trimmed();
    };
    action(inPeriod(50), QDate(2025, 1, 10));
    action(inPeriod(53), QDate(2025, 2, 27));
    m_overdueActions = 2;
    action(inPeriod(51), to);
    const QString done = action(inPeriod(52), QDate(2025, 1, 15));
    run({QStringLiteral("action"), QStringLiteral("done"), done, QStringLiteral("--date"),
        QStringLiteral("2025-01-14")});
    action(m_referrals.last(), QDate(2025, 2, 1));

    // 7. Closing, with the closing assessment on record or offered and declined.
    const QStringList reasons {QStringLiteral("outcomes-met"), QStringLiteral("disengaged"),
        QStringLiteral("moved-away"), QStringLiteral("transferred"), QStringLiteral("other")};
    int closures = 0;
    for (const Referral& r : std::as_const(m_referrals)) {
        if (!r.closeOn.isValid())
            continue;
        QStringList arguments {QStringLiteral("case"), QStringLiteral("status"), r.reference,
            QStringLiteral("closed"), QStringLiteral("--date"), CliHarness::iso(r.closeOn),
            QStringLiteral("--reason"), reasons.at(closures++ % reasons.size())};
        if (!r.hasClosingAssessment)
            arguments << QStringLiteral("--assessment-declined");
        run(arguments);
    }
    QCOMPARE(closures, 47); // 46 in the period and one after it

    // 8. The report.
    const CliResult report = cli().run({QStringLiteral("report"), QStringLiteral("--from"),
        CliHarness::iso(from), QStringLiteral("--to"), CliHarness::iso(to), QStringLiteral("--json")});
    CLI_OK(report);
    QCOMPARE(report.err, QString());
    m_report = report.object();
    QVERIFY(!m_report.isEmpty());
    qInfo("%d casebook-cli commands", m_commands);
}

void TestCliYear::cleanupTestCase()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliYear::reportMatchesTheYear()
{
    QVERIFY(!m_report.isEmpty());
    const QJsonObject& r = m_report;

    // Worked out from the cases.
    int received = 0;
    int closed = 0;
    int declined = 0;
    int openAtEnd = 0;
    QMap<QString, int> bySource;
    QMap<QString, int> byMonth;
    QMap<QString, int> needs;
    QList<qint64> daysToClose;
    for (QDate month = from; month <= to; month = month.addMonths(1))
        byMonth[month.toString(QStringLiteral("yyyy-MM"))] = 0;
    const auto within = [](const QDate& d) { return d.isValid() && d >= from && d <= to; };
    for (const Referral& c : std::as_const(m_referrals)) {
        const QDate closedOn = c.closeOn.isValid() ? c.closeOn : c.importClosed;
        if (within(c.referral)) {
            ++received;
            ++bySource[c.agency];
            ++byMonth[c.referral.toString(QStringLiteral("yyyy-MM"))];
            for (const QString& need : c.needs)
                ++needs[need];
        }
        if (within(closedOn)) {
            ++closed;
            daysToClose << c.referral.daysTo(closedOn);
        }
        declined += within(c.declineOn) ? 1 : 0;
        const bool endedByEnd
            = (closedOn.isValid() && closedOn <= to) || (c.declineOn.isValid() && c.declineOn <= to);
        openAtEnd += c.referral <= to && !endedByEnd ? 1 : 0;
    }
    std::sort(daysToClose.begin(), daysToClose.end());
    const qsizetype mid = daysToClose.size() / 2;
    const double median = daysToClose.size() % 2 ? double(daysToClose.at(mid))
                                                 : (daysToClose.at(mid - 1) + daysToClose.at(mid)) / 2.0;

    // The seed's headline, and the data agrees with it.
    QCOMPARE(received, 55);
    QCOMPARE(closed, 46);
    QCOMPARE(openAtEnd, 9);

    const QStringList keys {QStringLiteral("from"), QStringLiteral("to"),
        QStringLiteral("referrals_received"), QStringLiteral("cases_closed"), QStringLiteral("open_at_end"),
        QStringLiteral("declined"), QStringLiteral("referrals_by_source"),
        QStringLiteral("referrals_by_month"), QStringLiteral("needs"), QStringLiteral("median_days_to_close"),
        QStringLiteral("actions_overdue_at_end"), QStringLiteral("wellbeing"), QStringLiteral("pam"),
        QStringLiteral("service_use"), QStringLiteral("estimated_savings_gbp")};
    QStringList reportKeys = r.keys();
    QStringList sortedKeys = keys;
    reportKeys.sort();
    sortedKeys.sort();
    QCOMPARE(reportKeys, sortedKeys);

    QCOMPARE(r.value(QStringLiteral("from")).toString(), QStringLiteral("2024-03-01"));
    QCOMPARE(r.value(QStringLiteral("to")).toString(), QStringLiteral("2025-02-28"));
    QCOMPARE(r.value(QStringLiteral("referrals_received")).toInt(-1), 55);
    QCOMPARE(r.value(QStringLiteral("cases_closed")).toInt(-1), 46);
    QCOMPARE(r.value(QStringLiteral("open_at_end")).toInt(-1), 9);
    QCOMPARE(r.value(QStringLiteral("declined")).toInt(-1), declined);
    QCOMPARE(declined, 3);
    QCOMPARE(r.value(QStringLiteral("actions_overdue_at_end")).toInt(-1), m_overdueActions);
    QCOMPARE(r.value(QStringLiteral("median_days_to_close")).toDouble(-1), median);

    const auto counts = [](const QMap<QString, int>& map) {
        QJsonObject o;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            o.insert(it.key(), it.value());
        return o;
    };
    QCOMPARE(r.value(QStringLiteral("referrals_by_source")).toObject(), counts(bySource));
    QCOMPARE(bySource.size(), 8);
    QCOMPARE(bySource.value(QStringLiteral("Lancashire Police")), 7);
    QCOMPARE(r.value(QStringLiteral("referrals_by_month")).toObject(), counts(byMonth));
    QCOMPARE(byMonth.size(), 12);
    QCOMPARE(r.value(QStringLiteral("needs")).toObject(), counts(needs));
    QVERIFY(!needs.contains(QStringLiteral("fire-risk"))); // only on referrals outside the period
    QCOMPARE(needs.value(QStringLiteral("domestic-abuse")), 1);

    // Wellbeing: 15 pairs per item.
    const QJsonObject wellbeing = r.value(QStringLiteral("wellbeing")).toObject();
    const QStringList items {QStringLiteral("life_satisfaction"), QStringLiteral("worthwhile"),
        QStringLiteral("happiness"), QStringLiteral("anxiety")};
    QCOMPARE(wellbeing.keys().size(), 4);
    for (size_t item = 0; item < 4; ++item) {
        const QJsonObject m = wellbeing.value(items.at(item)).toObject();
        const int pairs = int(m_onsBefore[item].size());
        QCOMPARE(pairs, 15);
        QCOMPARE(m.value(QStringLiteral("pairs")).toInt(-1), pairs);
        double before = 0;
        double after = 0;
        for (int i = 0; i < pairs; ++i) {
            before += m_onsBefore[item].at(i);
            after += m_onsAfter[item].at(i);
        }
        QVERIFY2(isRoundedMean(m.value(QStringLiteral("baseline_mean")), before, pairs),
            qPrintable(QStringLiteral("%1 baseline %2, expected %3")
                           .arg(items.at(item))
                           .arg(m.value(QStringLiteral("baseline_mean")).toDouble())
                           .arg(before / pairs)));
        QVERIFY2(isRoundedMean(m.value(QStringLiteral("closing_mean")), after, pairs),
            qPrintable(QStringLiteral("%1 closing %2, expected %3")
                           .arg(items.at(item))
                           .arg(m.value(QStringLiteral("closing_mean")).toDouble())
                           .arg(after / pairs)));
        QCOMPARE(m.keys().size(), 3);
    }
    // Spot check by hand: life satisfaction, baseline (3+2+4+5+1+6+3+0+4+5+2+2+3+4+3)/15 = 47/15.
    QCOMPARE(wellbeing.value(QStringLiteral("life_satisfaction"))
                 .toObject()
                 .value(QStringLiteral("baseline_mean"))
                 .toDouble(),
        3.13);

    // PAM: 11 pairs, 7 moved up a level.
    const QJsonObject pam = r.value(QStringLiteral("pam")).toObject();
    const int pamPairs = int(m_pamBeforeTenths.size());
    QCOMPARE(pamPairs, 11);
    QCOMPARE(pam.value(QStringLiteral("pairs")).toInt(-1), pamPairs);
    QCOMPARE(pam.value(QStringLiteral("improved_level")).toInt(-1), m_pamImproved);
    QCOMPARE(m_pamImproved, 7);
    double pamBefore = 0;
    double pamAfter = 0;
    for (int i = 0; i < pamPairs; ++i) {
        pamBefore += m_pamBeforeTenths.at(i) / 10.0;
        pamAfter += m_pamAfterTenths.at(i) / 10.0;
    }
    QVERIFY2(isRoundedMean(pam.value(QStringLiteral("baseline_mean")), pamBefore, pamPairs),
        qPrintable(QString::number(pam.value(QStringLiteral("baseline_mean")).toDouble())));
    QVERIFY2(isRoundedMean(pam.value(QStringLiteral("closing_mean")), pamAfter, pamPairs),
        qPrintable(QString::number(pam.value(QStringLiteral("closing_mean")).toDouble())));
    QCOMPARE(pam.keys().size(), 5);
    // Every pair sits in one cell of the level movement; those above the diagonal moved up.
    const QJsonObject movement = pam.value(QStringLiteral("level_movement")).toObject();
    int cells = 0;
    int movedUp = 0;
    for (int before = 1; before <= 4; ++before) {
        for (int after = 1; after <= 4; ++after) {
            const int n = movement[QString::number(before)][QString::number(after)].toInt(-1000);
            cells += n;
            movedUp += after > before ? n : 0;
        }
    }
    QCOMPARE(cells, pamPairs);
    QCOMPARE(movedUp, m_pamImproved);

    // Service use: sums over 9 pairs.
    QCOMPARE(r.value(QStringLiteral("service_use")).toObject(),
        (QJsonObject {{QStringLiteral("gp_before"), m_gpBefore}, {QStringLiteral("gp_after"), m_gpAfter},
            {QStringLiteral("ae_before"), m_aeBefore}, {QStringLiteral("ae_after"), m_aeAfter},
            {QStringLiteral("pairs"), m_usePairs}}));
    QCOMPARE(m_usePairs, 9);
    QCOMPARE(m_gpBefore, 64);
    QCOMPARE(m_gpAfter, 26);
    QCOMPARE(m_aeBefore, 21);
    QCOMPARE(m_aeAfter, 6);

    // Savings at the default unit costs: GP £41.00, A&E £242.00, £3,500 per closed case.
    const QJsonObject savings = r.value(QStringLiteral("estimated_savings_gbp")).toObject();
    const qint64 unitCostPence
        = qint64(m_gpBefore - m_gpAfter) * 4100 + qint64(m_aeBefore - m_aeAfter) * 24200;
    QCOMPARE(unitCostPence, qint64(518800)); // 38 x £41 + 15 x £242 = £5,188
    QCOMPARE(std::llround(savings.value(QStringLiteral("unit_cost_model")).toDouble() * 100), unitCostPence);
    QCOMPARE(std::llround(savings.value(QStringLiteral("flat_rate")).toDouble() * 100), qint64(46) * 350000);
    QCOMPARE(savings.keys().size(), 2);
}

void TestCliYear::textReportGivesTheHeadline()
{
    const CliResult text = cli().run({QStringLiteral("report"), QStringLiteral("--from"),
        CliHarness::iso(from), QStringLiteral("--to"), CliHarness::iso(to)});
    CLI_OK(text);
    static const QRegularExpression headline(
        QStringLiteral("^[^\\n]*received\\D*\\b55\\b\\D*closed\\D*\\b46\\b\\D*open\\D*\\b9\\b[^\\n]*$"),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(headline.match(text.out).hasMatch(), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("£5,188.00")), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("£161,000.00")), qPrintable(text.out));

    // A report over the year is a view of every case in it: audited.
    const CliResult audit = cli().run(
        {QStringLiteral("audit"), QStringLiteral("--limit"), QStringLiteral("3"), QStringLiteral("--json")});
    CLI_OK(audit);
    const QJsonObject viewed = audit.array().at(1).toObject();
    QCOMPARE(viewed.value(QStringLiteral("action")).toString(), QStringLiteral("view"));
    QCOMPARE(viewed.value(QStringLiteral("entity")).toString(), QStringLiteral("report"));
    QCOMPARE(viewed.value(QStringLiteral("detail")).toString(), QStringLiteral("2024-03-01..2025-02-28"));
}

QTEST_GUILESS_MAIN(TestCliYear)
#include "TestCliYear.moc"
