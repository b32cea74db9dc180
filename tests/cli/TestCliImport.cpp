#include "CliHarness.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// `import referrals`: a spreadsheet of referrals goes in whole, or, when any row is wrong,
// not at all, with every problem listed by line.
class TestCliImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void goodFileImportsEveryRow();
    void badRowsListedByLineAndNothingImported();
    void unterminatedQuoteNamesItsLine();
    void nonUtf8Refused();
    void missingFileIsNotFound();
    void headerProblemsAndEmptyFiles();
    void referenceAlreadyInStoreImportsNothing();

private:
    CliHarness& cli() { return *m_cli; }
    CliResult import(const QString& file)
    {
        return cli().run({QStringLiteral("import"), QStringLiteral("referrals"), file});
    }
    QJsonObject show(const QString& reference)
    {
        return QJsonDocument::fromJson(cli().caseJson(reference).toUtf8()).object();
    }
    // Nothing in the store: no cases, no agencies, no import in the audit log.
    void expectEmptyStore();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
};

void TestCliImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliHarness>(m_dir->path());
    CLI_OK(cli().init());
}

void TestCliImport::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliImport::expectEmptyStore()
{
    QCOMPARE(cli().caseListJson(), QStringLiteral("[\n]\n"));
    const CliResult agencies = cli().run({QStringLiteral("agency"), QStringLiteral("list")});
    CLI_OK(agencies);
    QCOMPARE(agencies.out, QString());
    QCOMPARE(cli().auditChanges(), QStringList {QStringLiteral("create store   ")});
}

void TestCliImport::goodFileImportsEveryRow()
{
    // As a spreadsheet saves it: a byte-order mark, CRLF line ends, columns in its own order
    // and case, a reason with a comma and a line break, needs with spaces and capitals.
    const QByteArray csv
        = "\xEF\xBB\xBF"
          "Referral_Date,Referring_Agency,Given_Name,Family_Name,Date_of_Birth,NHS_Number,Postcode,"
          "Needs,Reason,Consent,Risk,Status,Closed_Date,Closure_Reason\r\n"
          "2024-03-04,Lancashire Police,Siân,Jones,1950-04-01,943 476 5919,pr7 1dp,"
          "hoarding; Fire-Risk,\"Neighbours report a smell, and rubbish\npiled in the hallway\","
          "given,High,open,,\r\n"
          "2024-04-10,Community Fire Safety,Zoë,Ó Briain,,,,loneliness;isolation;loneliness,"
          "Lonely since her husband died,not-sought,low,closed,2024-09-30,outcomes-met\r\n"
          ",,,,,,,,,,,,,\r\n"
          "2024-05-20,  lancashire police ,,Kowalski,,,,debt,\"Rent arrears; \"\"bailiffs\"\" due\","
          "refused,medium,referred,,\r\n";
    const QString file = cli().writeFile(QStringLiteral("referrals.csv"), csv);
    const CliResult imported = import(file);
    CLI_OK(imported);
    QCOMPARE(imported.out,
        QStringLiteral("Imported 3 referral(s): PVT-2024-0001, PVT-2024-0002, PVT-2024-0003\n"));
    QCOMPARE(imported.err, QString());

    QJsonObject c = show(QStringLiteral("PVT-2024-0001"));
    QCOMPARE(c.value(QStringLiteral("reason")).toString(),
        QStringLiteral("Neighbours report a smell, and rubbish\npiled in the hallway"));
    QCOMPARE(c.value(QStringLiteral("referral_date")).toString(), QStringLiteral("2024-03-04"));
    QCOMPARE(c.value(QStringLiteral("referring_agency")).toString(), QStringLiteral("Lancashire Police"));
    QCOMPARE(c.value(QStringLiteral("consent")).toString(), QStringLiteral("given"));
    QCOMPARE(c.value(QStringLiteral("risk")).toString(), QStringLiteral("high"));
    QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QJsonObject subject = c.value(QStringLiteral("people")).toArray().at(0).toObject();
    QCOMPARE(subject.value(QStringLiteral("given_name")).toString(), QStringLiteral("Siân"));
    QCOMPARE(subject.value(QStringLiteral("family_name")).toString(), QStringLiteral("Jones"));
    QCOMPARE(subject.value(QStringLiteral("date_of_birth")).toString(), QStringLiteral("1950-04-01"));
    QCOMPARE(subject.value(QStringLiteral("nhs_number")).toString(), QStringLiteral("9434765919"));
    QCOMPARE(subject.value(QStringLiteral("postcode")).toString(), QStringLiteral("PR7 1DP"));
    QStringList needs;
    for (const QJsonValue& n : c.value(QStringLiteral("needs")).toArray())
        needs << n.toObject().value(QStringLiteral("need")).toString();
    QCOMPARE(needs, (QStringList {QStringLiteral("hoarding"), QStringLiteral("fire-risk")}));

    c = show(QStringLiteral("PVT-2024-0002"));
    QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("closed"));
    QCOMPARE(c.value(QStringLiteral("closed_date")).toString(), QStringLiteral("2024-09-30"));
    QCOMPARE(c.value(QStringLiteral("status_date")).toString(), QStringLiteral("2024-09-30"));
    QCOMPARE(c.value(QStringLiteral("closure_reason")).toString(), QStringLiteral("outcomes-met"));
    subject = c.value(QStringLiteral("people")).toArray().at(0).toObject();
    QCOMPARE(subject.value(QStringLiteral("given_name")).toString(), QStringLiteral("Zoë"));
    QCOMPARE(subject.value(QStringLiteral("family_name")).toString(), QStringLiteral("Ó Briain"));
    QCOMPARE(c.value(QStringLiteral("needs")).toArray().size(), 2);

    c = show(QStringLiteral("PVT-2024-0003"));
    QCOMPARE(c.value(QStringLiteral("reason")).toString(), QStringLiteral("Rent arrears; \"bailiffs\" due"));
    QCOMPARE(c.value(QStringLiteral("referring_agency")).toString(), QStringLiteral("Lancashire Police"));
    QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("referred"));
    QCOMPARE(c.value(QStringLiteral("consent")).toString(), QStringLiteral("refused"));

    // Unknown agencies were created once each, whatever the spelling of a later row.
    const CliResult agencies = cli().run({QStringLiteral("agency"), QStringLiteral("list")});
    CLI_OK(agencies);
    QCOMPARE(agencies.out, QStringLiteral("Community Fire Safety\tother\nLancashire Police\tother\n"));

    const QStringList audit = cli().auditChanges();
    QCOMPARE(audit.last(), QStringLiteral("import referrals   3 referral(s) from referrals.csv"));
    QCOMPARE(audit.filter(QRegularExpression(QStringLiteral("^create case "))).size(), 3);
    QCOMPARE(audit.filter(QRegularExpression(QStringLiteral("^create agency "))).size(), 2);

    // The names are searchable straight away.
    const CliResult found = cli().run({QStringLiteral("search"), QStringLiteral("Zoe")});
    QCOMPARE(found.out, QStringLiteral("PVT-2024-0002\tclosed\tZoë Ó Briain\n1 case(s) found\n"));
}

void TestCliImport::badRowsListedByLineAndNothingImported()
{
    const QString today = CliHarness::iso(CliHarness::today());
    const QString future = CliHarness::iso(CliHarness::today().addDays(30));
    const QByteArray csv
        = "referral_date,referring_agency,given_name,family_name,nhs_number,needs,reason,consent,"
          "risk,status,closed_date,closure_reason\n"
          "2024-03-04,Agency A,Ann,One,9434765919,hoarding,Fine row,given,low,open,,\n"
          "2024-03-05,Agency B,Bob,Two,1234567890,,Bad NHS number,given,low,open,,\n"
          "2024-03-06,Agency C,Cat,Three,,,Fine row,given,low,open,,\n"
          "2024-03-07,Agency D,Dan,Four,,,Unknown status,given,low,pending,,\n"
        + future.toUtf8()
        + ",Agency E,Eve,Five,,,Future date,given,low,open,,\n"
          "2024-03-09,Agency F,Fay,Six,,,Closed without a reason,given,low,closed,2024-04-01,\n"
          "2024-03-10,Agency G,Gus,Seven,,gambling,Unknown need,given,low,open,,\n";
    const QString file = cli().writeFile(QStringLiteral("bad.csv"), csv);
    const CliResult result = import(file);
    CLI_EXPECT(result, 5);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines(),
        (QStringList {QStringLiteral("line 3: nhs_number \"1234567890\" fails the NHS number check digit"),
            QStringLiteral(
                "line 5: status: \"pending\" is not one of: referred, accepted, open, closed, declined"),
            QStringLiteral("line 6: referral_date %1 is in the future (today is %2)").arg(future, today),
            QStringLiteral(
                "line 7: closure_reason is blank; a closed case needs one of: outcomes-met, disengaged, "
                "moved-away, transferred, deceased, other"),
            QStringLiteral(
                "line 8: needs: \"gambling\" is not one of: hoarding, mental-health, loneliness, isolation, "
                "substance-misuse, housing, debt, bereavement, domestic-abuse, physical-health, fire-risk, "
                "antisocial-behaviour, employment, other"),
            QStringLiteral("casebook-cli: 5 problem(s) in %1; nothing was imported.").arg(file)}));
    expectEmptyStore();

    // A row with several problems lists each; a short row says how short it is.
    const QByteArray more
        = "referral_date,referring_agency,given_name,reason,consent,risk,status,closed_date\n"
          "2025-02-30,,Hal,Several problems,maybe,low,open,2025-01-01\n"
          "2024-03-01,Agency,Ivy,Too few values\n";
    const QString moreFile = cli().writeFile(QStringLiteral("more.csv"), more);
    const CliResult second = import(moreFile);
    CLI_EXPECT(second, 5);
    QCOMPARE(second.errLines(),
        (QStringList {
            QStringLiteral("line 2: referral_date \"2025-02-30\" is not a real date in the form yyyy-mm-dd "
                           "(for example 2025-03-31)"),
            QStringLiteral("line 2: referring_agency is blank; it is required"),
            QStringLiteral("line 2: consent: \"maybe\" is not one of: given, refused, not-sought"),
            QStringLiteral(
                "line 2: closed_date is given but status is open; only a closed case has a closed date"),
            QStringLiteral("line 3: This line has 4 values but the header has 8 columns"),
            QStringLiteral("casebook-cli: 5 problem(s) in %1; nothing was imported.").arg(moreFile)}));
    expectEmptyStore();
}

void TestCliImport::unterminatedQuoteNamesItsLine()
{
    const QByteArray csv = "referral_date,referring_agency,given_name,reason,consent,risk,status\n"
                           "2024-03-04,Agency A,Ann,Fine,given,low,open\n"
                           "2024-03-05,Agency B,Bob,\"Never closed, given,low,open\n"
                           "2024-03-06,Agency C,Cat,Fine,given,low,open\n";
    const QString file = cli().writeFile(QStringLiteral("quote.csv"), csv);
    CLI_FAILS(import(file), 5,
        QStringLiteral("line 3: A quoted field starting on line 3 has no closing quote\n"
                       "casebook-cli: 1 problem(s) in %1; nothing was imported.")
            .arg(file));
    expectEmptyStore();
}

void TestCliImport::nonUtf8Refused()
{
    // "Siân" saved as Windows-1252 by an older spreadsheet.
    const QByteArray csv = "referral_date,referring_agency,given_name,reason,consent,risk,status\n"
                           "2024-03-04,Agency A,Si\xE2n,Hoarding,given,low,open\n";
    const QString file = cli().writeFile(QStringLiteral("latin1.csv"), csv);
    CLI_FAILS(import(file), 5,
        QStringLiteral("casebook-cli: %1 is not UTF-8 text; save it as \"CSV UTF-8\" and try again.")
            .arg(file));
    expectEmptyStore();
}

void TestCliImport::missingFileIsNotFound()
{
    const QString file = cli().path(QStringLiteral("nowhere.csv"));
    CLI_FAILS(
        import(file), 4, QStringLiteral("casebook-cli: Cannot read %1: No such file or directory").arg(file));
    CLI_FAILS(cli().run({QStringLiteral("import"), QStringLiteral("referrals")}), 2,
        QStringLiteral(
            "casebook-cli: import referrals: missing FILE (see \"casebook-cli import referrals --help\")"));
    CLI_FAILS(cli().run({QStringLiteral("import"), QStringLiteral("people"), file}), 2,
        QStringLiteral("casebook-cli: import: expected \"referrals FILE.csv\"."));
    expectEmptyStore();
}

void TestCliImport::headerProblemsAndEmptyFiles()
{
    const QString unknown = cli().writeFile(QStringLiteral("unknown.csv"),
        "referral_date,agency,given_name,reason,consent,risk,status,shoe_size\n"
        "2024-03-04,Agency A,Ann,Fine,given,low,open,9\n");
    CLI_FAILS(import(unknown), 5,
        QStringLiteral(
            "line 1: Unknown columns: \"agency\", \"shoe_size\"; the columns allowed are: reference, "
            "referral_date, referring_agency, referrer_name, given_name, family_name, date_of_birth, "
            "nhs_number, postcode, needs, reason, consent, risk, status, closed_date, closure_reason\n"
            "line 1: Required columns are missing: referring_agency\n"
            "casebook-cli: 2 problem(s) in %1; nothing was imported.")
            .arg(unknown));
    const QString headerOnly = cli().writeFile(QStringLiteral("header.csv"),
        "referral_date,referring_agency,given_name,reason,consent,risk,status\n,,,,,,\n");
    CLI_FAILS(import(headerOnly), 5,
        QStringLiteral("casebook-cli: %1 has no referral rows; nothing was imported.").arg(headerOnly));
    const QString empty = cli().writeFile(QStringLiteral("empty.csv"), "");
    CLI_FAILS(import(empty), 5,
        QStringLiteral("line 1: The file is empty; it needs a header row naming the columns\n"
                       "casebook-cli: 1 problem(s) in %1; nothing was imported.")
            .arg(empty));
    expectEmptyStore();
}

void TestCliImport::referenceAlreadyInStoreImportsNothing()
{
    const QString first = cli().writeFile(QStringLiteral("first.csv"),
        "reference,referral_date,referring_agency,given_name,reason,consent,risk,status\n"
        "PVT-2024-0002,2024-04-10,Lancashire Police,Ann,Hoarding,given,low,open\n");
    CLI_OK(import(first));
    const QString listBefore = cli().caseListJson();
    const QStringList auditBefore = cli().auditChanges();

    // The clash is on the last row, after two new agencies would have been created.
    const QString clash = cli().writeFile(QStringLiteral("clash.csv"),
        "reference,referral_date,referring_agency,given_name,reason,consent,risk,status\n"
        "PVT-2024-0009,2024-05-01,New Agency,Bob,Debt,given,low,open\n"
        ",2024-05-02,Another New Agency,Cat,Isolation,given,low,open\n"
        "PVT-2024-0002,2024-05-03,Lancashire Police,Dan,Bereavement,given,low,open\n");
    CLI_FAILS(import(clash), 5,
        QStringLiteral("casebook-cli: line 4: reference PVT-2024-0002 is already in the store"));
    QCOMPARE(cli().caseListJson(), listBefore);
    QCOMPARE(cli().auditChanges(), auditBefore);
    QCOMPARE(cli().run({QStringLiteral("agency"), QStringLiteral("list")}).out,
        QStringLiteral("Lancashire Police\tother\n"));

    // Twice in one file is caught before the store is touched.
    const QString twice = cli().writeFile(QStringLiteral("twice.csv"),
        "reference,referral_date,referring_agency,given_name,reason,consent,risk,status\n"
        "PVT-2024-0010,2024-05-01,New Agency,Bob,Debt,given,low,open\n"
        "PVT-2024-0010,2024-05-02,New Agency,Cat,Isolation,given,low,open\n");
    CLI_FAILS(import(twice), 5,
        QStringLiteral("line 3: reference PVT-2024-0010 is also used on line 2\n"
                       "casebook-cli: 1 problem(s) in %1; nothing was imported.")
            .arg(twice));
    QCOMPARE(cli().caseListJson(), listBefore);
    QCOMPARE(cli().auditChanges(), auditBefore);
}

QTEST_GUILESS_MAIN(TestCliImport)
#include "TestCliImport.moc"
