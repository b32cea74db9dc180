#include "core/CaseLifecycle.h"

#include <QTest>

class TestCaseLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void everyPair_data();
    void everyPair();
    void nextStatuses();
    void unknownStatus();
    void dateRules_data();
    void dateRules();
    void reasonRules_data();
    void reasonRules();
    void applyClose();
    void applyDecline();
    void applyReopen();
    void applyAccept();

private:
    static const QDate today;
    static CaseRecord caseIn(const QString& status);
    static TransitionRequest goodRequest(const QString& to);
};

const QDate TestCaseLifecycle::today(2025, 3, 10);

CaseRecord TestCaseLifecycle::caseIn(const QString& status)
{
    CaseRecord record;
    record.reference = QStringLiteral("PVT-2025-0001");
    record.status = status;
    record.referralDate = QDate(2025, 1, 6);
    return record;
}

// A request that passes every rule but the transition itself.
TransitionRequest TestCaseLifecycle::goodRequest(const QString& to)
{
    TransitionRequest request;
    request.to = to;
    request.date = QDate(2025, 3, 3);
    request.reason
        = to == QLatin1String("closed") ? QStringLiteral("outcomes-met") : QStringLiteral("New concerns");
    request.closingAssessmentOffered = true;
    return request;
}

void TestCaseLifecycle::everyPair_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("problem");
    const QStringList statuses {QStringLiteral("referred"), QStringLiteral("accepted"),
        QStringLiteral("open"), QStringLiteral("closed"), QStringLiteral("declined")};
    const QHash<QString, QString> next {{QStringLiteral("referred"), QStringLiteral("accepted, declined")},
        {QStringLiteral("accepted"), QStringLiteral("open")},
        {QStringLiteral("open"), QStringLiteral("closed")},
        {QStringLiteral("closed"), QStringLiteral("open")}};
    for (const QString& from : statuses) {
        for (const QString& to : statuses) {
            QString problem;
            if (from == to)
                problem = QStringLiteral("The case is already %1").arg(from);
            else if (from == QLatin1String("declined"))
                problem
                    = QStringLiteral("A declined case cannot be %1; its status can no longer change").arg(to);
            else if (!next.value(from).split(QStringLiteral(", ")).contains(to))
                problem = QStringLiteral("%1 %2 case cannot be %3; it can be: %4")
                              .arg(from == QLatin1String("accepted") || from == QLatin1String("open")
                                      ? QStringLiteral("An")
                                      : QStringLiteral("A"),
                                  from, to, next.value(from));
            QTest::addRow("%s -> %s", qPrintable(from), qPrintable(to)) << from << to << problem;
        }
    }
}

void TestCaseLifecycle::everyPair()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, problem);
    QCOMPARE(CaseLifecycle::check(caseIn(from), goodRequest(to), today), problem);
    QCOMPARE(CaseLifecycle::isAllowed(from, to), problem.isEmpty());
}

void TestCaseLifecycle::nextStatuses()
{
    QCOMPARE(CaseLifecycle::nextStatuses(QStringLiteral("referred")),
        QStringList({QStringLiteral("accepted"), QStringLiteral("declined")}));
    QCOMPARE(CaseLifecycle::nextStatuses(QStringLiteral("accepted")), QStringList {QStringLiteral("open")});
    QCOMPARE(CaseLifecycle::nextStatuses(QStringLiteral("open")), QStringList {QStringLiteral("closed")});
    QCOMPARE(CaseLifecycle::nextStatuses(QStringLiteral("closed")), QStringList {QStringLiteral("open")});
    QCOMPARE(CaseLifecycle::nextStatuses(QStringLiteral("declined")), QStringList());
    QCOMPARE(CaseLifecycle::nextStatuses(QStringLiteral("nonsense")), QStringList());
}

void TestCaseLifecycle::unknownStatus()
{
    QCOMPARE(
        CaseLifecycle::check(caseIn(QStringLiteral("open")), goodRequest(QStringLiteral("finished")), today),
        QStringLiteral("status: \"finished\" is not one of: referred, accepted, open, closed, declined"));
    QCOMPARE(
        CaseLifecycle::check(caseIn(QStringLiteral("pending")), goodRequest(QStringLiteral("open")), today),
        QStringLiteral(
            "current status: \"pending\" is not one of: referred, accepted, open, closed, declined"));
    QVERIFY(!CaseLifecycle::isAllowed(QStringLiteral("open"), QStringLiteral("finished")));
}

void TestCaseLifecycle::dateRules_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("problem");
    QTest::newRow("missing") << QDate() << "The date of the change is missing";
    QTest::newRow("today") << today << "";
    QTest::newRow("tomorrow") << today.addDays(1)
                              << "The date of the change, 2025-03-11, is in the future (today is 2025-03-10)";
    QTest::newRow("on referral date") << QDate(2025, 1, 6) << "";
    QTest::newRow("day before referral")
        << QDate(2025, 1, 5) << "The date of the change, 2025-01-05, is before the referral date 2025-01-06";
}

void TestCaseLifecycle::dateRules()
{
    QFETCH(QDate, date);
    QFETCH(QString, problem);
    TransitionRequest request = goodRequest(QStringLiteral("accepted"));
    request.date = date;
    QCOMPARE(CaseLifecycle::check(caseIn(QStringLiteral("referred")), request, today), problem);
}

void TestCaseLifecycle::reasonRules_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("offered");
    QTest::addColumn<QString>("problem");
    QTest::newRow("close without reason")
        << "open"
        << "closed"
        << "" << true
        << "Choose a closure reason before closing the case: one of outcomes-met, disengaged, moved-away, "
           "transferred, deceased, other";
    QTest::newRow("close with unknown reason")
        << "open"
        << "closed"
        << "finished" << true
        << "closure reason: \"finished\" is not one of: outcomes-met, disengaged, moved-away, transferred, "
           "deceased, other";
    QTest::newRow("close without offering assessment")
        << "open"
        << "closed"
        << "disengaged" << false
        << "Offer a closing assessment before closing the case; record it, or record that the person was "
           "offered "
           "it and declined";
    QTest::newRow("close") << "open"
                           << "closed"
                           << "disengaged" << true << "";
    QTest::newRow("decline without reason") << "referred"
                                            << "declined"
                                            << " " << false << "Give a reason for declining the referral";
    QTest::newRow("decline") << "referred"
                             << "declined"
                             << "Already supported by another team" << false << "";
    QTest::newRow("reopen without reason") << "closed"
                                           << "open"
                                           << "" << false << "Give a reason for reopening the case";
    QTest::newRow("reopen") << "closed"
                            << "open"
                            << "New concerns raised by the police" << false << "";
    QTest::newRow("open needs no reason") << "accepted"
                                          << "open"
                                          << "" << false << "";
    QTest::newRow("accept needs no reason") << "referred"
                                            << "accepted"
                                            << "" << false << "";
}

void TestCaseLifecycle::reasonRules()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, reason);
    QFETCH(bool, offered);
    QFETCH(QString, problem);
    TransitionRequest request = goodRequest(to);
    request.reason = reason;
    request.closingAssessmentOffered = offered;
    QCOMPARE(CaseLifecycle::check(caseIn(from), request, today), problem);
}

void TestCaseLifecycle::applyClose()
{
    CaseRecord record = caseIn(QStringLiteral("open"));
    CaseLifecycle::apply(record, goodRequest(QStringLiteral("closed")));
    QCOMPARE(record.status, QStringLiteral("closed"));
    QCOMPARE(record.statusDate, QDate(2025, 3, 3));
    QCOMPARE(record.closedDate, QDate(2025, 3, 3));
    QCOMPARE(record.closureReason, QStringLiteral("outcomes-met"));
    QCOMPARE(record.declineReason, QString());
}

void TestCaseLifecycle::applyDecline()
{
    CaseRecord record = caseIn(QStringLiteral("referred"));
    TransitionRequest request = goodRequest(QStringLiteral("declined"));
    request.reason = QStringLiteral("Out of area");
    CaseLifecycle::apply(record, request);
    QCOMPARE(record.status, QStringLiteral("declined"));
    QCOMPARE(record.statusDate, QDate(2025, 3, 3));
    QCOMPARE(record.declineReason, QStringLiteral("Out of area"));
    QVERIFY(!record.closedDate.isValid());
    QCOMPARE(record.closureReason, QString());
}

void TestCaseLifecycle::applyReopen()
{
    CaseRecord record = caseIn(QStringLiteral("closed"));
    record.closedDate = QDate(2025, 2, 1);
    record.closureReason = QStringLiteral("outcomes-met");
    CaseLifecycle::apply(record, goodRequest(QStringLiteral("open")));
    QCOMPARE(record.status, QStringLiteral("open"));
    QCOMPARE(record.statusDate, QDate(2025, 3, 3));
    QVERIFY(!record.closedDate.isValid());
    QCOMPARE(record.closureReason, QString());
}

void TestCaseLifecycle::applyAccept()
{
    CaseRecord record = caseIn(QStringLiteral("referred"));
    CaseLifecycle::apply(record, goodRequest(QStringLiteral("accepted")));
    QCOMPARE(record.status, QStringLiteral("accepted"));
    QCOMPARE(record.statusDate, QDate(2025, 3, 3));
    QCOMPARE(record.declineReason, QString());
    QVERIFY(!record.closedDate.isValid());
}

QTEST_GUILESS_MAIN(TestCaseLifecycle)
#include "TestCaseLifecycle.moc"
