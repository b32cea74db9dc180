#include "core/ReferralCsv.h"

#include <QTest>

class TestReferralCsv : public QObject
{
    Q_OBJECT

private slots:
    void goodFile();
    void byteOrderMarkAndCrlf();
    void everyBadRowReported();
    void headerProblems_data();
    void headerProblems();
    void csvSyntaxError();
    void headerOnly();
    void formatError();
    void decodeUtf8();
    void decodeRefusesOtherEncodings();
    void decodeRefusesOversizedFiles();

private:
    static const QDate today;
    static QString header();
    static QString line(const QList<QPair<const char*, const char*>>& overrides);
    static QString dump(const QList<LineError>& errors);
};

const QDate TestReferralCsv::today(2025, 3, 10);

QString TestReferralCsv::header()
{
    return QStringLiteral(
        "referral_date,referring_agency,given_name,family_name,date_of_birth,nhs_number,postcode,"
        "needs,reason,consent,risk,status,closed_date,closure_reason,reference");
}

// A valid open referral in header() order, with some columns replaced.
QString TestReferralCsv::line(const QList<QPair<const char*, const char*>>& overrides)
{
    QHash<QString, QString> values {{QStringLiteral("referral_date"), QStringLiteral("2025-01-01")},
        {QStringLiteral("referring_agency"), QStringLiteral("Police")},
        {QStringLiteral("given_name"), QStringLiteral("Alan")},
        {QStringLiteral("family_name"), QStringLiteral("Smith")},
        {QStringLiteral("reason"), QStringLiteral("Isolated")},
        {QStringLiteral("consent"), QStringLiteral("given")}, {QStringLiteral("risk"), QStringLiteral("low")},
        {QStringLiteral("status"), QStringLiteral("open")}};
    for (const auto& [column, value] : overrides)
        values.insert(QLatin1String(column), QString::fromUtf8(value));
    QStringList fields;
    for (const QString& column : header().split(QLatin1Char(',')))
        fields << values.value(column);
    return fields.join(QLatin1Char(',')) + QLatin1Char('\n');
}

QString TestReferralCsv::dump(const QList<LineError>& errors)
{
    QStringList lines;
    for (const LineError& e : errors)
        lines << ReferralCsv::formatError(e);
    return lines.join(QLatin1Char('\n'));
}

void TestReferralCsv::goodFile()
{
    // Header in its own order and case; a quoted reason with commas and a line break;
    // a blank line and a row of commas from a spreadsheet are skipped.
    const QString text = QStringLiteral(
        "Given_Name,FAMILY_NAME,Referral_Date,referring_agency,referrer_name,date_of_birth,nhs_number,"
        "postcode,"
        "needs,reason,consent,risk,status,closed_date,closure_reason,reference\n"
        "Siân,Hughes,2024-03-04,Police,PC Jones,1961-05-02,943 476 5919,pr71dp,hoarding; Fire-Risk,"
        "\"Hoarding, fire risk, and\nneighbours "
        "worried\",given,High,closed,2024-06-30,outcomes-met,PVT-2024-0001\n"
        "\n"
        ",,,,,,,,,,,,,,,\n"
        "Zoë,,2025-03-10,Lancashire Care Foundation Trust,,,,,,Low mood,not-sought,medium,referred,,,\n");
    const ReferralCsv::Result result = ReferralCsv::parse(text, today);
    QCOMPARE(dump(result.errors), QString());
    QVERIFY(result.ok());
    QCOMPARE(result.rows.size(), 2);

    const ReferralRow& first = result.rows.at(0);
    QCOMPARE(first.line, 2);
    QCOMPARE(first.subject.givenName, QStringLiteral("Siân"));
    QCOMPARE(first.subject.familyName, QStringLiteral("Hughes"));
    QCOMPARE(first.subject.dateOfBirth, QDate(1961, 5, 2));
    QCOMPARE(first.subject.nhsNumber, QStringLiteral("9434765919"));
    QCOMPARE(first.subject.postcode, QStringLiteral("PR7 1DP"));
    QCOMPARE(first.referringAgencyName, QStringLiteral("Police"));
    QCOMPARE(first.needs, QStringList({QStringLiteral("hoarding"), QStringLiteral("fire-risk")}));
    const CaseRecord& c = first.caseRecord;
    QCOMPARE(c.reference, QStringLiteral("PVT-2024-0001"));
    QCOMPARE(c.referralDate, QDate(2024, 3, 4));
    QCOMPARE(c.referrerName, QStringLiteral("PC Jones"));
    QCOMPARE(c.reason, QStringLiteral("Hoarding, fire risk, and\nneighbours worried"));
    QCOMPARE(c.consent, QStringLiteral("given"));
    QCOMPARE(c.risk, QStringLiteral("high"));
    QCOMPARE(c.status, QStringLiteral("closed"));
    QCOMPARE(c.closedDate, QDate(2024, 6, 30));
    QCOMPARE(c.statusDate, QDate(2024, 6, 30));
    QCOMPARE(c.closureReason, QStringLiteral("outcomes-met"));

    const ReferralRow& second = result.rows.at(1);
    QCOMPARE(second.line, 6); // the quoted line break, the blank line and the row of commas come first
    QCOMPARE(second.subject.givenName, QStringLiteral("Zoë"));
    QCOMPARE(second.subject.familyName, QString());
    QVERIFY(!second.subject.dateOfBirth.isValid());
    QCOMPARE(second.subject.nhsNumber, QString());
    QCOMPARE(second.subject.postcode, QString());
    QCOMPARE(second.needs, QStringList());
    QCOMPARE(second.caseRecord.reference, QString());
    QCOMPARE(second.caseRecord.status, QStringLiteral("referred"));
    QCOMPARE(second.caseRecord.referralDate, today);
    QCOMPARE(second.caseRecord.statusDate, today);
    QVERIFY(!second.caseRecord.closedDate.isValid());
    QCOMPARE(second.caseRecord.consent, QStringLiteral("not-sought"));
}

void TestReferralCsv::byteOrderMarkAndCrlf()
{
    QString text = QChar(0xFEFF) + header() + QStringLiteral("\r\n") + line({});
    text.replace(QStringLiteral("\n"), QStringLiteral("\r\n"));
    text.replace(QStringLiteral("\r\r\n"), QStringLiteral("\r\n"));
    const ReferralCsv::Result result = ReferralCsv::parse(text, today);
    QCOMPARE(dump(result.errors), QString());
    QCOMPARE(result.rows.size(), 1);
    QCOMPARE(result.rows.at(0).line, 2);
    QCOMPARE(result.rows.at(0).caseRecord.reason, QStringLiteral("Isolated"));
}

void TestReferralCsv::everyBadRowReported()
{
    QString text = header() + QLatin1Char('\n');
    text += line({{"reference", "PVT-2025-0001"}}); // 2: good
    text += line({{"nhs_number", "1234567890"}}); // 3
    text += line({{"postcode", "PR7 DDP"}}); // 4
    text += line({{"referral_date", "2025-02-29"}}); // 5
    text += line({{"referral_date", "2025-03-11"}}); // 6
    text += line({{"date_of_birth", "2025-01-01"}}); // 7
    text += line({{"needs", "hoarding;gambling"}}); // 8
    text += line({{"consent", "yes"}}); // 9
    text += line({{"risk", ""}}); // 10
    text += line({{"status", "closed"}}); // 11
    text += line(
        {{"status", "closed"}, {"closed_date", "2024-12-31"}, {"closure_reason", "moved-away"}}); // 12
    text += line({{"status", "closed"}, {"closed_date", "2025-02-01"}, {"closure_reason", "done"}}); // 13
    text += line({{"closed_date", "2025-02-01"}}); // 14
    text += line({{"reference", "PVT-25-1"}}); // 15
    text += line({{"reference", "PVT-2025-0001"}}); // 16
    text += line({{"given_name", ""}, {"family_name", " "}}); // 17
    text += line({{"reason", ""}}); // 18
    text += line({{"referring_agency", ""}}); // 19
    text += QStringLiteral("2025-01-01,Police,Alan\n"); // 20
    text += line({{"status", "pending"}}); // 21
    text += line({{"nhs_number", "ABC"}, {"postcode", "pr7 1dp"}}); // 22
    text += line(
        {{"status", "closed"}, {"closed_date", "2025-02-01"}, {"closure_reason", "Outcomes-Met"}}); // 23

    const ReferralCsv::Result result = ReferralCsv::parse(text, today);
    const QString expected = QStringLiteral(
        "line 3: nhs_number \"1234567890\" fails the NHS number check digit\n"
        "line 4: postcode \"PR7 DDP\" is not a UK postcode (for example PR7 1DP)\n"
        "line 5: referral_date \"2025-02-29\" is not a real date in the form yyyy-mm-dd (for example "
        "2025-03-31)\n"
        "line 6: referral_date 2025-03-11 is in the future (today is 2025-03-10)\n"
        "line 7: date_of_birth 2025-01-01 is not before referral_date 2025-01-01\n"
        "line 8: needs: \"gambling\" is not one of: hoarding, mental-health, loneliness, isolation, "
        "substance-misuse, housing, debt, bereavement, domestic-abuse, physical-health, fire-risk, "
        "antisocial-behaviour, employment, other\n"
        "line 9: consent: \"yes\" is not one of: given, refused, not-sought\n"
        "line 10: risk is blank; it must be one of: low, medium, high\n"
        "line 11: closed_date is blank; a closed case needs the date it closed, as yyyy-mm-dd\n"
        "line 11: closure_reason is blank; a closed case needs one of: outcomes-met, disengaged, moved-away, "
        "transferred, deceased, other\n"
        "line 12: closed_date 2024-12-31 is before referral_date 2025-01-01\n"
        "line 13: closure_reason: \"done\" is not one of: outcomes-met, disengaged, moved-away, transferred, "
        "deceased, other\n"
        "line 14: closed_date is given but status is open; only a closed case has a closed date\n"
        "line 15: reference \"PVT-25-1\" is not a case reference like PVT-2025-0042\n"
        "line 16: reference PVT-2025-0001 is also used on line 2\n"
        "line 17: given_name and family_name are both blank; give at least one\n"
        "line 18: reason is blank; it is required\n"
        "line 19: referring_agency is blank; it is required\n"
        "line 20: This line has 3 values but the header has 15 columns\n"
        "line 21: status: \"pending\" is not one of: referred, accepted, open, closed, declined\n"
        "line 22: nhs_number \"ABC\" must be 10 digits");
    QCOMPARE(dump(result.errors), expected);
    QVERIFY(!result.ok());
    QCOMPARE(result.rows.size(), 2); // lines 2 and 23: a valid row is still read
    QCOMPARE(result.rows.at(0).line, 2);
    QCOMPARE(result.rows.at(1).line, 23);
    QCOMPARE(result.rows.at(1).caseRecord.closureReason, QStringLiteral("outcomes-met"));
}

void TestReferralCsv::headerProblems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errors");
    // A good data row under each header proves the header alone stops the import.
    const QString row = QStringLiteral("2025-01-01,Police,Alan,Isolated,given,low,open\n");
    QTest::newRow("unknown column")
        << QStringLiteral("referral_date,referring_agency,given_name,reason,consent,risk,status,Shoe_Size\n")
            + row
        << "line 1: Unknown columns: \"Shoe_Size\"; the columns allowed are: reference, referral_date, "
           "referring_agency, referrer_name, given_name, family_name, date_of_birth, nhs_number, postcode, "
           "needs, "
           "reason, consent, risk, status, closed_date, closure_reason";
    QTest::newRow("required missing")
        << QStringLiteral("given_name,reason\n") + row
        << "line 1: Required columns are missing: referral_date, referring_agency, "
           "consent, risk, status";
    QTest::newRow("no name column") << QStringLiteral(
                                           "referral_date,referring_agency,reason,consent,risk,status\n")
            + row << "line 1: The file needs a given_name or a family_name column";
    QTest::newRow("duplicate")
        << QStringLiteral("referral_date,referring_agency,given_name,reason,consent,risk,status,RISK\n") + row
        << "line 1: Column risk appears more than once";
    QTest::newRow("empty file") << ""
                                << "line 1: The file is empty; it needs a header row naming the columns";
    QTest::newRow("blank lines only")
        << "\n\r\n\n"
        << "line 1: The file is empty; it needs a header row naming the columns";
}

void TestReferralCsv::headerProblems()
{
    QFETCH(QString, text);
    QFETCH(QString, errors);
    const ReferralCsv::Result result = ReferralCsv::parse(text, today);
    QCOMPARE(dump(result.errors), errors);
    QVERIFY(result.rows.isEmpty());
}

void TestReferralCsv::csvSyntaxError()
{
    const QString text = header() + QLatin1Char('\n') + line({}) + line({{"reason", "\"Never closed"}});
    const ReferralCsv::Result result = ReferralCsv::parse(text, today);
    QCOMPARE(dump(result.errors),
        QStringLiteral("line 3: A quoted field starting on line 3 has no closing quote"));
    QVERIFY(result.rows.isEmpty());
}

void TestReferralCsv::headerOnly()
{
    const ReferralCsv::Result result = ReferralCsv::parse(header(), today);
    QVERIFY(result.ok());
    QVERIFY(result.rows.isEmpty());
}

void TestReferralCsv::formatError()
{
    QCOMPARE(ReferralCsv::formatError(LineError {4, QStringLiteral("risk is blank")}),
        QStringLiteral("line 4: risk is blank"));
}

void TestReferralCsv::decodeUtf8()
{
    // As Excel's "CSV UTF-8" saves it: a byte-order mark first, which is not part of the text.
    const ReferralCsv::Decoded decoded = ReferralCsv::decode(
        QByteArrayLiteral("\xEF\xBB\xBFgiven_name\nSi\xC3\xA2n\n"), QStringLiteral("a.csv"));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.text, QStringLiteral("given_name\nSi\u00E2n\n"));
    const ReferralCsv::Decoded empty = ReferralCsv::decode(QByteArray(), QStringLiteral("empty.csv"));
    QVERIFY(empty.ok()); // an empty file is parse()'s to report, by line
    QCOMPARE(empty.text, QString());
}

void TestReferralCsv::decodeRefusesOtherEncodings()
{
    // "Siân" saved as Windows-1252 by an older spreadsheet.
    const ReferralCsv::Decoded decoded
        = ReferralCsv::decode(QByteArrayLiteral("given_name\nSi\xE2n\n"), QStringLiteral("latin1.csv"));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.problem,
        QStringLiteral("latin1.csv is not UTF-8 text; save it as \"CSV UTF-8\" and try again."));
    QCOMPARE(decoded.text, QString()); // nothing half-decoded to preview by mistake
}

void TestReferralCsv::decodeRefusesOversizedFiles()
{
    QByteArray bytes(ReferralCsv::maxFileBytes, 'a');
    QVERIFY(ReferralCsv::decode(bytes, QStringLiteral("big.csv")).ok());
    bytes.append('a');
    const ReferralCsv::Decoded decoded = ReferralCsv::decode(bytes, QStringLiteral("big.csv"));
    QCOMPARE(decoded.problem, QStringLiteral("big.csv is larger than 64 MiB; split it into smaller files."));
    QCOMPARE(decoded.text, QString());
}

QTEST_GUILESS_MAIN(TestReferralCsv)
#include "TestReferralCsv.moc"
