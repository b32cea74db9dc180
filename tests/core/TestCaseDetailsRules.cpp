#include "core/CaseDetailsRules.h"

#include <QTest>

class TestCaseDetailsRules : public QObject
{
    Q_OBJECT

private slots:
    void consentNeedsDateAndRecorder_data();
    void consentNeedsDateAndRecorder();
    void lawfulBasisWithoutConsent_data();
    void lawfulBasisWithoutConsent();
    void highRiskNeedsRationale();
    void datesNotInTheFuture();
    void dateOfBirthBeforeReferral();
    void checkListsEveryProblem();

private:
    static CaseRecord sound();
    const QDate m_today {2026, 11, 23};
};

CaseRecord TestCaseDetailsRules::sound()
{
    CaseRecord c;
    c.referralDate = QDate(2026, 6, 1);
    c.consent = QStringLiteral("given");
    c.consentDate = QDate(2026, 6, 2);
    c.consentRecordedBy = QStringLiteral("Sam Whittle");
    c.risk = QStringLiteral("low");
    return c;
}

void TestCaseDetailsRules::consentNeedsDateAndRecorder_data()
{
    QTest::addColumn<QString>("consent");
    QTest::addColumn<bool>("required");
    QTest::newRow("given") << "given" << true;
    QTest::newRow("refused") << "refused" << true;
    QTest::newRow("not sought") << "not-sought" << false;
}

void TestCaseDetailsRules::consentNeedsDateAndRecorder()
{
    QFETCH(QString, consent);
    QFETCH(bool, required);
    CaseRecord c = sound();
    c.consent = consent;
    c.lawfulBasis = QStringLiteral("Public task");
    QCOMPARE(CaseDetailsRules::consentDetailsRequired(consent), required);
    QCOMPARE(CaseDetailsRules::consentDate(c, m_today), QString());
    c.consentDate = QDate();
    c.consentRecordedBy.clear();
    QCOMPARE(!CaseDetailsRules::consentDate(c, m_today).isEmpty(), required);
    QCOMPARE(!CaseDetailsRules::consentRecordedBy(c).isEmpty(), required);
}

void TestCaseDetailsRules::lawfulBasisWithoutConsent_data()
{
    QTest::addColumn<QString>("consent");
    QTest::addColumn<bool>("required");
    QTest::newRow("given") << "given" << false;
    QTest::newRow("refused") << "refused" << true;
    QTest::newRow("not sought") << "not-sought" << true;
}

void TestCaseDetailsRules::lawfulBasisWithoutConsent()
{
    QFETCH(QString, consent);
    QFETCH(bool, required);
    CaseRecord c = sound();
    c.consent = consent;
    QCOMPARE(CaseDetailsRules::lawfulBasisRequired(consent), required);
    QCOMPARE(!CaseDetailsRules::lawfulBasis(c).isEmpty(), required);
    c.lawfulBasis = QStringLiteral("   ");
    QCOMPARE(!CaseDetailsRules::lawfulBasis(c).isEmpty(), required);
    c.lawfulBasis = QStringLiteral("Crime and Disorder Act 1998 s115");
    QCOMPARE(CaseDetailsRules::lawfulBasis(c), QString());
}

void TestCaseDetailsRules::highRiskNeedsRationale()
{
    CaseRecord c = sound();
    c.risk = QStringLiteral("medium");
    QCOMPARE(CaseDetailsRules::riskRationale(c), QString());
    c.risk = QStringLiteral("high");
    QVERIFY(CaseDetailsRules::riskRationale(c).contains(QStringLiteral("rationale")));
    c.riskRationale = QStringLiteral("Blocked exits and smoking indoors");
    QCOMPARE(CaseDetailsRules::riskRationale(c), QString());
}

void TestCaseDetailsRules::datesNotInTheFuture()
{
    CaseRecord c = sound();
    QCOMPARE(CaseDetailsRules::referralDate(c, m_today), QString());
    c.referralDate = m_today;
    QCOMPARE(CaseDetailsRules::referralDate(c, m_today), QString());
    c.referralDate = m_today.addDays(1);
    QVERIFY(CaseDetailsRules::referralDate(c, m_today).contains(QStringLiteral("future")));
    c.referralDate = QDate();
    QVERIFY(CaseDetailsRules::referralDate(c, m_today).contains(QStringLiteral("required")));
    c.consentDate = m_today.addDays(1);
    QVERIFY(CaseDetailsRules::consentDate(c, m_today).contains(QStringLiteral("future")));
}

void TestCaseDetailsRules::dateOfBirthBeforeReferral()
{
    Person p;
    const QDate referral(2026, 6, 1);
    QCOMPARE(CaseDetailsRules::dateOfBirth(p, referral, m_today), QString()); // not known is fine
    p.dateOfBirth = QDate(1970, 3, 5);
    QCOMPARE(CaseDetailsRules::dateOfBirth(p, referral, m_today), QString());
    p.dateOfBirth = m_today.addDays(1);
    QVERIFY(CaseDetailsRules::dateOfBirth(p, QDate(), m_today).contains(QStringLiteral("future")));
    p.dateOfBirth = referral;
    QVERIFY(CaseDetailsRules::dateOfBirth(p, referral, m_today).contains(QStringLiteral("referral")));
}

void TestCaseDetailsRules::checkListsEveryProblem()
{
    CaseRecord c = sound();
    Person p;
    QCOMPARE(CaseDetailsRules::check(c, &p, m_today), QStringList());
    c.consent = QStringLiteral("refused");
    c.consentDate = QDate();
    c.risk = QStringLiteral("high");
    p.dateOfBirth = m_today.addDays(2);
    const QStringList problems = CaseDetailsRules::check(c, &p, m_today);
    QCOMPARE(problems.size(), 4); // birth, consent date, lawful basis, rationale
    QVERIFY(problems.first().contains(QStringLiteral("birth")));
    QCOMPARE(CaseDetailsRules::check(c, nullptr, m_today).size(), 3);
}

QTEST_GUILESS_MAIN(TestCaseDetailsRules)
#include "TestCaseDetailsRules.moc"
