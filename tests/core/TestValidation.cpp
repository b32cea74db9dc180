#include "core/Validation.h"

#include <QTest>

#include <limits>

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void nhsNumber_data();
    void nhsNumber();
    void nhsNumberMessages();
    void nhsNumberNamesTheField();
    void postcode_data();
    void postcode();
    void postcodeMessage();
    void parseDate_data();
    void parseDate();
    void dateMessages();
    void scores();
    void email_data();
    void email();
    void requiredText();
};

void TestValidation::nhsNumber_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("known valid") << "9434765919" << true << "9434765919";
    QTest::newRow("known valid 2") << "4010232137" << true << "4010232137";
    QTest::newRow("spaces") << "943 476 5919" << true << "9434765919";
    QTest::newRow("dashes") << "943-476-5919" << true << "9434765919";
    QTest::newRow("check 11 becomes 0") << "9434765900" << true << "9434765900";
    QTest::newRow("wrong check digit") << "9434765918" << false << "9434765918";
    QTest::newRow("check would be 10") << "1234567890" << false << "1234567890";
    QTest::newRow("nine digits") << "943476591" << false << "943476591";
    QTest::newRow("eleven digits") << "94347659190" << false << "94347659190";
    QTest::newRow("letters") << "943476591A" << false << "943476591A";
    QTest::newRow("empty") << "" << false << "";
}

void TestValidation::nhsNumber()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QFETCH(QString, normalised);
    QCOMPARE(Validation::nhsNumber(value).isEmpty(), valid);
    QCOMPARE(Validation::normaliseNhsNumber(value), normalised);
}

void TestValidation::nhsNumberMessages()
{
    QCOMPARE(Validation::nhsNumber(QStringLiteral("9434765918")),
        QStringLiteral("NHS number \"9434765918\" fails the NHS number check digit"));
    QCOMPARE(Validation::nhsNumber(QStringLiteral("943 476 591")),
        QStringLiteral("NHS number \"943 476 591\" must be 10 digits"));
    QCOMPARE(Validation::nhsNumber(QStringLiteral("943476591A")),
        QStringLiteral("NHS number \"943476591A\" must be 10 digits"));
    QCOMPARE(Validation::nhsNumber(QString()), QStringLiteral("NHS number is blank; it must be 10 digits"));
}

void TestValidation::nhsNumberNamesTheField()
{
    QCOMPARE(Validation::nhsNumber(QStringLiteral("1234567890"), QStringLiteral("nhs_number")),
        QStringLiteral("nhs_number \"1234567890\" fails the NHS number check digit"));
}

void TestValidation::postcode_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("A9 9AA") << "M1 1AE" << true << "M1 1AE";
    QTest::newRow("A99 9AA") << "B33 8TH" << true << "B33 8TH";
    QTest::newRow("AA9 9AA") << "PR7 1DP" << true << "PR7 1DP";
    QTest::newRow("AA99 9AA") << "DN55 1PT" << true << "DN55 1PT";
    QTest::newRow("A9A 9AA") << "W1A 0AX" << true << "W1A 0AX";
    QTest::newRow("AA9A 9AA") << "EC1A 1BB" << true << "EC1A 1BB";
    QTest::newRow("GIR 0AA") << "GIR 0AA" << true << "GIR 0AA";
    QTest::newRow("lower case no space") << "pr71dp" << true << "PR7 1DP";
    QTest::newRow("extra spaces") << "  pr7   1dp " << true << "PR7 1DP";
    QTest::newRow("outward only") << "PR7" << false << "PR7";
    QTest::newRow("inward starts with letter") << "PR7 DDP" << false << "PR7 DDP";
    QTest::newRow("three letters") << "PRS7 1DP" << false << "PRS7 1DP";
    QTest::newRow("digit first") << "7PR 1DP" << false << "7PR 1DP";
    QTest::newRow("too long") << "PR77A 1DP" << false << "PR77A 1DP";
    QTest::newRow("empty") << "" << false << "";
}

void TestValidation::postcode()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QFETCH(QString, normalised);
    QCOMPARE(Validation::postcode(value).isEmpty(), valid);
    QCOMPARE(Validation::normalisePostcode(value), normalised);
}

void TestValidation::postcodeMessage()
{
    QCOMPARE(Validation::postcode(QStringLiteral("PR7 DDP")),
        QStringLiteral("postcode \"PR7 DDP\" is not a UK postcode (for example PR7 1DP)"));
    QCOMPARE(Validation::postcode(QStringLiteral(" ")), QStringLiteral("postcode is blank"));
}

void TestValidation::parseDate_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QDate>("expected");
    QTest::newRow("plain") << "2025-03-31" << QDate(2025, 3, 31);
    QTest::newRow("leap day") << "2024-02-29" << QDate(2024, 2, 29);
    QTest::newRow("not a leap year") << "2025-02-29" << QDate();
    QTest::newRow("month 13") << "2025-13-01" << QDate();
    QTest::newRow("day 0") << "2025-01-00" << QDate();
    QTest::newRow("UK order") << "31/03/2025" << QDate();
    QTest::newRow("no padding") << "2025-3-31" << QDate();
    QTest::newRow("with time") << "2025-03-31T10:00" << QDate();
    QTest::newRow("trailing space") << "2025-03-31 " << QDate();
    QTest::newRow("empty") << "" << QDate();
}

void TestValidation::parseDate()
{
    QFETCH(QString, value);
    QFETCH(QDate, expected);
    QCOMPARE(Validation::parseDate(value), expected);
}

void TestValidation::dateMessages()
{
    const QDate today(2025, 3, 1);
    const QString field = QStringLiteral("referral_date");
    QCOMPARE(Validation::date(QStringLiteral("2025-03-01"), field, today), QString());
    QCOMPARE(Validation::date(QStringLiteral("2025-03-02"), field, today),
        QStringLiteral("referral_date 2025-03-02 is in the future (today is 2025-03-01)"));
    QCOMPARE(Validation::date(QStringLiteral("2025-03-02"), field, today, true), QString());
    QCOMPARE(Validation::date(QStringLiteral("2025-02-29"), field, today),
        QStringLiteral("referral_date \"2025-02-29\" is not a real date in the form yyyy-mm-dd "
                       "(for example 2025-03-31)"));
    QCOMPARE(Validation::date(QString(), field, today),
        QStringLiteral("referral_date is blank; enter a date as yyyy-mm-dd"));
}

void TestValidation::scores()
{
    QCOMPARE(Validation::ons4Score(0), QString());
    QCOMPARE(Validation::ons4Score(10), QString());
    QCOMPARE(Validation::ons4Score(-1), QStringLiteral("ONS4 score -1 is outside 0 to 10"));
    QCOMPARE(Validation::ons4Score(11, QStringLiteral("anxiety")),
        QStringLiteral("anxiety 11 is outside 0 to 10"));
    QCOMPARE(Validation::pamScore(0), QString());
    QCOMPARE(Validation::pamScore(100), QString());
    QCOMPARE(Validation::pamScore(100.1), QStringLiteral("PAM score 100.1 is outside 0 to 100"));
    QCOMPARE(Validation::pamScore(-0.1), QStringLiteral("PAM score -0.1 is outside 0 to 100"));
    QVERIFY(!Validation::pamScore(std::numeric_limits<double>::quiet_NaN()).isEmpty());
}

void TestValidation::email_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty allowed") << "" << true;
    QTest::newRow("plain") << "polly.patel@chorley.gov.uk" << true;
    QTest::newRow("no at") << "polly.patel.chorley.gov.uk" << false;
    QTest::newRow("two ats") << "polly@patel@chorley.gov.uk" << false;
    QTest::newRow("no domain dot") << "polly@localhost" << false;
    QTest::newRow("space") << "polly patel@chorley.gov.uk" << false;
    QTest::newRow("nothing before at") << "@chorley.gov.uk" << false;
    QTest::newRow("trailing dot") << "polly@chorley." << false;
}

void TestValidation::email()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QCOMPARE(Validation::email(value).isEmpty(), valid);
}

void TestValidation::requiredText()
{
    const QString field = QStringLiteral("reason");
    QCOMPARE(Validation::requiredText(QStringLiteral("abc"), field, 3), QString());
    QCOMPARE(Validation::requiredText(QStringLiteral("abcd"), field, 3),
        QStringLiteral("reason is 4 characters long; the limit is 3"));
    QCOMPARE(Validation::requiredText(QStringLiteral("  "), field, 3),
        QStringLiteral("reason is blank; it is required"));
    QCOMPARE(Validation::optionalText(QString(), field, 3), QString());
    QCOMPARE(Validation::email(QStringLiteral("x"), QStringLiteral("email")),
        QStringLiteral("email \"x\" does not look like an email address"));
}

QTEST_GUILESS_MAIN(TestValidation)
#include "TestValidation.moc"
