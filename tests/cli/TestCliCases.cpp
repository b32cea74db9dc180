#include "CliHarness.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

// A case from referral to closure through the CLI: what each command writes, what it
// refuses (exit 5, one exact line, nothing written), and what the audit log keeps.
class TestCliCases : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void addPrintsNextReference();
    void showTextAndJson();
    void updateDetailsPeopleAndAgencies();
    void lifecycleToClosedWithRefusals();
    void declineNeedsReason();
    void reopenNeedsReasonAndIsRecorded();
    void needsAndClutterRating();
    void actionsAndOverdue();
    void notesSignificantAgencyOnlyAndCorrections();
    void assessmentsRecordedAndBadValuesRefused();
    void searchNamesReasonsAndNotes();
    void auditOfCase();
    void exportImportsIntoFreshStore();
    void badInputWritesNothing();

private:
    CliHarness& cli() { return *m_cli; }
    // case add with a subject and agency; extra arguments added. Returns the reference.
    QString addCase(const QStringList& extra = {});
    QJsonObject show(const QString& reference);
    // Runs the command, expects exit 5 with exactly this message, and that neither the
    // case nor the audit log changed.
    void expectRefused(const QString& reference, const QStringList& arguments, const QString& message);

    static QString year() { return QString::number(CliHarness::today().year()); }
    static QString err(const QString& message) { return QStringLiteral("casebook-cli: ") + message; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
};

void TestCliCases::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliHarness>(m_dir->path());
    CLI_OK(cli().init());
}

void TestCliCases::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

QString TestCliCases::addCase(const QStringList& extra)
{
    const CliResult added = cli().run(
        QStringList {QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
            QStringLiteral("Lancashire Police"), QStringLiteral("--reason"),
            QStringLiteral("Hoarding; neighbours worried"), QStringLiteral("--given-name"),
            QStringLiteral("Siân"), QStringLiteral("--family-name"), QStringLiteral("Jones")}
        + extra);
    if (added.exitCode != 0 || !added.err.isEmpty())
        qWarning("case add failed: %s", added.describe().constData());
    return added.out.trimmed();
}

QJsonObject TestCliCases::show(const QString& reference)
{
    return QJsonDocument::fromJson(cli().caseJson(reference).toUtf8()).object();
}

void TestCliCases::expectRefused(
    const QString& reference, const QStringList& arguments, const QString& message)
{
    const QString caseBefore = cli().caseJson(reference);
    const QStringList auditBefore = cli().auditChanges();
    CLI_FAILS(cli().run(arguments), 5, err(message));
    QCOMPARE(cli().caseJson(reference), caseBefore);
    QCOMPARE(cli().auditChanges(), auditBefore);
}

void TestCliCases::addPrintsNextReference()
{
    const CliResult first = cli().run({QStringLiteral("case"), QStringLiteral("add"),
        QStringLiteral("--referring-agency"), QStringLiteral("Lancashire Police"), QStringLiteral("--reason"),
        QStringLiteral("Hoarding"), QStringLiteral("--given-name"), QStringLiteral("Ann")});
    CLI_OK(first);
    QCOMPARE(first.out, QStringLiteral("PVT-%1-0001\n").arg(year()));
    QCOMPARE(first.err, QString());
    const CliResult second
        = cli().run({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
            QStringLiteral("Community Fire Safety"), QStringLiteral("--reason"), QStringLiteral("Fire risk"),
            QStringLiteral("--family-name"), QStringLiteral("Brown")});
    CLI_OK(second);
    QCOMPARE(second.out, QStringLiteral("PVT-%1-0002\n").arg(year()));

    // The year in the reference is the referral's (2019, never this year); numbering is per year.
    QCOMPARE(addCase({QStringLiteral("--referral-date"), QStringLiteral("2019-05-01")}),
        QStringLiteral("PVT-2019-0001"));
    QCOMPARE(addCase(), QStringLiteral("PVT-%1-0003").arg(year()));
    // A chosen reference is kept; the next free number goes past it.
    QCOMPARE(addCase({QStringLiteral("--reference"), QStringLiteral("pvt-2019-0042"),
                 QStringLiteral("--referral-date"), QStringLiteral("2019-06-01")}),
        QStringLiteral("PVT-2019-0042"));
    QCOMPARE(addCase({QStringLiteral("--referral-date"), QStringLiteral("2019-07-01")}),
        QStringLiteral("PVT-2019-0043"));
    expectRefused(QStringLiteral("PVT-2019-0042"),
        {QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
            QStringLiteral("Police"), QStringLiteral("--reason"), QStringLiteral("x"),
            QStringLiteral("--given-name"), QStringLiteral("Bo"), QStringLiteral("--reference"),
            QStringLiteral("PVT-2019-0042")},
        QStringLiteral("The reference PVT-2019-0042 is already in use."));
    // Only a real case reference can be chosen: anything else could never be imported again.
    expectRefused(QStringLiteral("PVT-2019-0042"),
        {QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
            QStringLiteral("Police"), QStringLiteral("--reason"), QStringLiteral("x"),
            QStringLiteral("--given-name"), QStringLiteral("Bo"), QStringLiteral("--reference"),
            QStringLiteral("CASE-1")},
        QStringLiteral("--reference \"CASE-1\" is not a case reference like PVT-2025-0042"));

    const CliResult list = cli().run({QStringLiteral("case"), QStringLiteral("list")});
    CLI_OK(list);
    QVERIFY2(list.out.endsWith(QLatin1String(
                 "6 shown; 0 open, 0 closed, 6 referred, 0 accepted, 0 declined in the store\n")),
        qPrintable(list.out));
}

void TestCliCases::showTextAndJson()
{
    const QString ref = addCase({QStringLiteral("--referral-date"), QStringLiteral("2025-01-06"),
        QStringLiteral("--referrer-name"), QStringLiteral("PC Ada Brook"),
        QStringLiteral("--referrer-contact"), QStringLiteral("01257 000000"), QStringLiteral("--consent"),
        QStringLiteral("given"), QStringLiteral("--consent-date"), QStringLiteral("2025-01-06"),
        QStringLiteral("--risk"), QStringLiteral("high"), QStringLiteral("--risk-rationale"),
        QStringLiteral("Blocked exits"), QStringLiteral("--lead"), QStringLiteral("Bo Worker"),
        QStringLiteral("--review-date"), QStringLiteral("2025-02-03"), QStringLiteral("--need"),
        QStringLiteral("hoarding"), QStringLiteral("--need"), QStringLiteral("fire-risk"),
        QStringLiteral("--date-of-birth"), QStringLiteral("1950-04-01"), QStringLiteral("--nhs-number"),
        QStringLiteral("943 476 5919"), QStringLiteral("--postcode"), QStringLiteral("pr71dp"),
        QStringLiteral("--address"), QStringLiteral("1 Market Street, Chorley"), QStringLiteral("--phone"),
        QStringLiteral("01257 111111"), QStringLiteral("--email"), QStringLiteral("sian@example.org")});
    QCOMPARE(ref, QStringLiteral("PVT-2025-0001"));

    const QJsonObject c = show(ref);
    const QJsonObject expected {{QStringLiteral("reference"), ref},
        {QStringLiteral("status"), QStringLiteral("referred")},
        {QStringLiteral("status_date"), QStringLiteral("2025-01-06")},
        {QStringLiteral("referral_date"), QStringLiteral("2025-01-06")},
        {QStringLiteral("referring_agency"), QStringLiteral("Lancashire Police")},
        {QStringLiteral("referrer_name"), QStringLiteral("PC Ada Brook")},
        {QStringLiteral("referrer_contact"), QStringLiteral("01257 000000")},
        {QStringLiteral("reason"), QStringLiteral("Hoarding; neighbours worried")},
        {QStringLiteral("consent"), QStringLiteral("given")},
        {QStringLiteral("consent_date"), QStringLiteral("2025-01-06")},
        {QStringLiteral("lawful_basis"), QString()}, {QStringLiteral("risk"), QStringLiteral("high")},
        {QStringLiteral("risk_rationale"), QStringLiteral("Blocked exits")},
        {QStringLiteral("lead_worker"), QStringLiteral("Bo Worker")},
        {QStringLiteral("review_date"), QStringLiteral("2025-02-03")},
        {QStringLiteral("closed_date"), QJsonValue()}, {QStringLiteral("closure_reason"), QString()},
        {QStringLiteral("decline_reason"), QString()},
        {QStringLiteral("updated_by"), QStringLiteral("tester")}};
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QVERIFY2(c.value(it.key()) == it.value(), qPrintable(it.key()));

    const QJsonArray people = c.value(QStringLiteral("people")).toArray();
    QCOMPARE(people.size(), 1);
    QJsonObject subject = people.at(0).toObject();
    QVERIFY(!subject.take(QStringLiteral("id")).toString().isEmpty());
    QCOMPARE(subject,
        (QJsonObject {{QStringLiteral("role"), QStringLiteral("subject")},
            {QStringLiteral("given_name"), QStringLiteral("Siân")},
            {QStringLiteral("family_name"), QStringLiteral("Jones")},
            {QStringLiteral("preferred_name"), QString()},
            {QStringLiteral("date_of_birth"), QStringLiteral("1950-04-01")},
            {QStringLiteral("nhs_number"), QStringLiteral("9434765919")},
            {QStringLiteral("address"), QStringLiteral("1 Market Street, Chorley")},
            {QStringLiteral("postcode"), QStringLiteral("PR7 1DP")},
            {QStringLiteral("phone"), QStringLiteral("01257 111111")},
            {QStringLiteral("email"), QStringLiteral("sian@example.org")}}));
    const QJsonObject openNeed {{QStringLiteral("clutter_rating"), QJsonValue()},
        {QStringLiteral("notes"), QString()}, {QStringLiteral("severity"), QStringLiteral("medium")},
        {QStringLiteral("status"), QStringLiteral("open")}};
    QJsonObject hoarding = openNeed;
    hoarding.insert(QStringLiteral("need"), QStringLiteral("hoarding"));
    QJsonObject fire = openNeed;
    fire.insert(QStringLiteral("need"), QStringLiteral("fire-risk"));
    QCOMPARE(c.value(QStringLiteral("needs")).toArray(), (QJsonArray {hoarding, fire}));
    for (const char* empty : {"agencies", "actions", "notes", "assessments"})
        QVERIFY2(c.value(QLatin1String(empty)).toArray().isEmpty(), empty);

    const CliResult text = cli().run({QStringLiteral("case"), QStringLiteral("show"), ref});
    CLI_OK(text);
    const QStringList lines = text.out.split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("Case PVT-2025-0001 (Referred since 2025-01-06)"));
    for (const char* line :
        {"Reason: Hoarding; neighbours worried", "Consent: Given (2025-01-06)", "Risk: High Blocked exits",
            "  subject: Siân Jones, born 1950-04-01, NHS 9434765919, PR7 1DP", "Needs (2)",
            "  Hoarding (medium severity, open)", "  Fire risk (medium severity, open)", "Actions (0)"})
        QVERIFY2(lines.contains(QString::fromUtf8(line)), line);

    // Lower case works as well; a case that does not exist is "not found".
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("show"), QStringLiteral("pvt-2025-0001")}));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("show"), QStringLiteral("PVT-2025-0002")}), 4,
        err(QStringLiteral("There is no case PVT-2025-0002.")));
}

void TestCliCases::updateDetailsPeopleAndAgencies()
{
    const QString ref = addCase({QStringLiteral("--postcode"), QStringLiteral("PR7 1DP")});
    const CliResult updated = cli().run({QStringLiteral("case"), QStringLiteral("update"), ref,
        QStringLiteral("--risk"), QStringLiteral("high"), QStringLiteral("--lead"),
        QStringLiteral("Bo Worker"), QStringLiteral("--review-date"), QStringLiteral("2030-01-15"),
        QStringLiteral("--subject-postcode"), QStringLiteral("pr6 0ab"),
        QStringLiteral("--add-person-given-name"), QStringLiteral("Zoë"),
        QStringLiteral("--add-person-family-name"), QStringLiteral("Jones"),
        QStringLiteral("--add-person-date-of-birth"), QStringLiteral("2010-09-09"),
        QStringLiteral("--add-agency"), QStringLiteral("Community Fire Safety"),
        QStringLiteral("--agency-contact"), QStringLiteral("Sam, 01257 222222")});
    CLI_OK(updated);
    QCOMPARE(updated.out, QStringLiteral("Updated %1.\n").arg(ref));

    const QJsonObject c = show(ref);
    QCOMPARE(c.value(QStringLiteral("risk")).toString(), QStringLiteral("high"));
    QCOMPARE(c.value(QStringLiteral("lead_worker")).toString(), QStringLiteral("Bo Worker"));
    QCOMPARE(c.value(QStringLiteral("review_date")).toString(), QStringLiteral("2030-01-15"));
    const QJsonArray people = c.value(QStringLiteral("people")).toArray();
    QCOMPARE(people.size(), 2);
    QCOMPARE(people.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("subject"));
    QCOMPARE(people.at(0).toObject().value(QStringLiteral("postcode")).toString(), QStringLiteral("PR6 0AB"));
    QCOMPARE(people.at(0).toObject().value(QStringLiteral("given_name")).toString(), QStringLiteral("Siân"));
    QCOMPARE(people.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("household"));
    QCOMPARE(people.at(1).toObject().value(QStringLiteral("given_name")).toString(), QStringLiteral("Zoë"));
    QCOMPARE(people.at(1).toObject().value(QStringLiteral("date_of_birth")).toString(),
        QStringLiteral("2010-09-09"));
    QCOMPARE(c.value(QStringLiteral("agencies")).toArray(),
        (QJsonArray {QJsonObject {{QStringLiteral("agency"), QStringLiteral("Community Fire Safety")},
            {QStringLiteral("contact"), QStringLiteral("Sam, 01257 222222")}}}));

    // The involved agency is now known, and the case is found by it.
    const CliResult byAgency = cli().run({QStringLiteral("case"), QStringLiteral("list"),
        QStringLiteral("--agency"), QStringLiteral("community fire safety"), QStringLiteral("--json")});
    CLI_OK(byAgency);
    QCOMPARE(byAgency.array().size(), 1);

    // A carer with their own role; nothing else changes.
    CLI_OK(cli().run(
        {QStringLiteral("case"), QStringLiteral("update"), ref, QStringLiteral("--add-person-family-name"),
            QStringLiteral("Evans"), QStringLiteral("--add-person-role"), QStringLiteral("carer")}));
    QCOMPARE(show(ref)
                 .value(QStringLiteral("people"))
                 .toArray()
                 .at(2)
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toString(),
        QStringLiteral("carer"));

    // The same values again change nothing and write nothing.
    const QStringList auditBefore = cli().auditChanges();
    const CliResult same
        = cli().run({QStringLiteral("case"), QStringLiteral("update"), ref, QStringLiteral("--risk"),
            QStringLiteral("high"), QStringLiteral("--subject-postcode"), QStringLiteral("PR6 0AB")});
    CLI_OK(same);
    QCOMPARE(same.out, QStringLiteral("Nothing to change on %1.\n").arg(ref));
    QCOMPARE(cli().auditChanges(), auditBefore);

    expectRefused(ref,
        {QStringLiteral("case"), QStringLiteral("update"), ref, QStringLiteral("--risk"),
            QStringLiteral("severe")},
        QStringLiteral("--risk: \"severe\" is not one of: low, medium, high"));
    expectRefused(ref,
        {QStringLiteral("case"), QStringLiteral("update"), ref, QStringLiteral("--add-person-given-name"),
            QStringLiteral("Al"), QStringLiteral("--add-person-role"), QStringLiteral("subject")},
        QStringLiteral(
            "--add-person-role: a case has one subject; use --subject-... options to change them"));
    expectRefused(ref,
        {QStringLiteral("case"), QStringLiteral("update"), ref, QStringLiteral("--subject-postcode"),
            QStringLiteral("PR7")},
        QStringLiteral("--subject-postcode \"PR7\" is not a UK postcode (for example PR7 1DP)"));
}

void TestCliCases::lifecycleToClosedWithRefusals()
{
    const QString ref = addCase({QStringLiteral("--referral-date"), QStringLiteral("2025-01-06")});
    const auto status = [&](const QStringList& rest) {
        return QStringList {QStringLiteral("case"), QStringLiteral("status"), ref} + rest;
    };
    const QString tomorrow = CliHarness::iso(CliHarness::today().addDays(1));

    expectRefused(ref, status({QStringLiteral("open")}),
        QStringLiteral("A referred case cannot be open; it can be: accepted, declined"));
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("outcomes-met")}),
        QStringLiteral("A referred case cannot be closed; it can be: accepted, declined"));
    expectRefused(ref, status({QStringLiteral("referred")}), QStringLiteral("The case is already referred"));
    expectRefused(ref, status({QStringLiteral("accepted"), QStringLiteral("--date"), tomorrow}),
        QStringLiteral("The date of the change, %1, is in the future (today is %2)")
            .arg(tomorrow, CliHarness::iso(CliHarness::today())));
    expectRefused(ref,
        status({QStringLiteral("accepted"), QStringLiteral("--date"), QStringLiteral("2025-01-05")}),
        QStringLiteral("The date of the change, 2025-01-05, is before the referral date 2025-01-06"));
    expectRefused(ref,
        status({QStringLiteral("accepted"), QStringLiteral("--date"), QStringLiteral("2025-01-32")}),
        QStringLiteral(
            "--date \"2025-01-32\" is not a real date in the form yyyy-mm-dd (for example 2025-03-31)"));

    const CliResult accepted = cli().run(
        status({QStringLiteral("accepted"), QStringLiteral("--date"), QStringLiteral("2025-01-07")}));
    CLI_OK(accepted);
    QCOMPARE(accepted.out, QStringLiteral("%1: referred -> accepted\n").arg(ref));
    QCOMPARE(show(ref).value(QStringLiteral("status_date")).toString(), QStringLiteral("2025-01-07"));
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("outcomes-met")}),
        QStringLiteral("An accepted case cannot be closed; it can be: open"));
    expectRefused(ref,
        status({QStringLiteral("declined"), QStringLiteral("--reason"), QStringLiteral("Not eligible")}),
        QStringLiteral("An accepted case cannot be declined; it can be: open"));

    const CliResult opened
        = cli().run(status({QStringLiteral("open"), QStringLiteral("--date"), QStringLiteral("2025-01-08")}));
    CLI_OK(opened);
    QCOMPARE(opened.out, QStringLiteral("%1: accepted -> open\n").arg(ref));
    // A change cannot be dated before the case reached its current status.
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("outcomes-met"),
            QStringLiteral("--assessment-declined"), QStringLiteral("--date"), QStringLiteral("2025-01-07")}),
        QStringLiteral("The date of the change, 2025-01-07, is before the case became open on 2025-01-08"));

    expectRefused(ref, status({QStringLiteral("closed")}),
        QStringLiteral("Choose a closure reason before closing the case: one of outcomes-met, disengaged, "
                       "moved-away, transferred, deceased, other"));
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("all better")}),
        QStringLiteral("closure reason: \"all better\" is not one of: outcomes-met, disengaged, moved-away, "
                       "transferred, deceased, other"));
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("outcomes-met")}),
        QStringLiteral(
            "Offer a closing assessment before closing the case; record it, or record that the person "
            "was offered it and declined"));
    // A baseline is not a closing assessment.
    CLI_OK(cli().run({QStringLiteral("assess"), ref, QStringLiteral("ons4"), QStringLiteral("--stage"),
        QStringLiteral("baseline"), QStringLiteral("--scores"), QStringLiteral("3,4,4,8"),
        QStringLiteral("--date"), QStringLiteral("2025-01-08")}));
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("outcomes-met")}),
        QStringLiteral(
            "Offer a closing assessment before closing the case; record it, or record that the person "
            "was offered it and declined"));

    const CliResult closed = cli().run(status({QStringLiteral("closed"), QStringLiteral("--reason"),
        QStringLiteral("outcomes-met"), QStringLiteral("--assessment-declined"), QStringLiteral("--date"),
        QStringLiteral("2025-02-20")}));
    CLI_OK(closed);
    QCOMPARE(closed.out, QStringLiteral("%1: open -> closed\n").arg(ref));
    const QJsonObject c = show(ref);
    QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("closed"));
    QCOMPARE(c.value(QStringLiteral("closed_date")).toString(), QStringLiteral("2025-02-20"));
    QCOMPARE(c.value(QStringLiteral("status_date")).toString(), QStringLiteral("2025-02-20"));
    QCOMPARE(c.value(QStringLiteral("closure_reason")).toString(), QStringLiteral("outcomes-met"));
    expectRefused(ref,
        status({QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("other")}),
        QStringLiteral("The case is already closed"));
    expectRefused(ref, status({QStringLiteral("finished")}),
        QStringLiteral("status: \"finished\" is not one of: referred, accepted, open, closed, declined"));

    // A second case closes on a recorded closing assessment, without the flag.
    const QString other = addCase({QStringLiteral("--referral-date"), QStringLiteral("2025-01-06")});
    for (const char* next : {"accepted", "open"})
        CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), other, QLatin1String(next)}));
    CLI_OK(cli().run({QStringLiteral("assess"), other, QStringLiteral("pam"), QStringLiteral("--stage"),
        QStringLiteral("closing"), QStringLiteral("--score"), QStringLiteral("58.2")}));
    const CliResult closedOther = cli().run({QStringLiteral("case"), QStringLiteral("status"), other,
        QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("moved-away")});
    CLI_OK(closedOther);
    QCOMPARE(
        show(other).value(QStringLiteral("closed_date")).toString(), CliHarness::iso(CliHarness::today()));

    const CliResult list = cli().run({QStringLiteral("case"), QStringLiteral("list"),
        QStringLiteral("--status"), QStringLiteral("closed"), QStringLiteral("--json")});
    CLI_OK(list);
    QCOMPARE(list.array().size(), 2);
}

void TestCliCases::declineNeedsReason()
{
    const QString ref = addCase();
    expectRefused(ref, {QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("declined")},
        QStringLiteral("Give a reason for declining the referral"));
    expectRefused(ref,
        {QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("declined"),
            QStringLiteral("--reason"), QStringLiteral("   ")},
        QStringLiteral("Give a reason for declining the referral"));
    const CliResult declined
        = cli().run({QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("declined"),
            QStringLiteral("--reason"), QStringLiteral("Already supported by the GP practice")});
    CLI_OK(declined);
    QCOMPARE(declined.out, QStringLiteral("%1: referred -> declined\n").arg(ref));
    const QJsonObject c = show(ref);
    QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    QCOMPARE(c.value(QStringLiteral("decline_reason")).toString(),
        QStringLiteral("Already supported by the GP practice"));
    QCOMPARE(c.value(QStringLiteral("closed_date")), QJsonValue());
    expectRefused(ref,
        {QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("open"),
            QStringLiteral("--reason"), QStringLiteral("Changed our minds")},
        QStringLiteral("A declined case cannot be open; its status can no longer change"));
}

void TestCliCases::reopenNeedsReasonAndIsRecorded()
{
    const QString ref = addCase({QStringLiteral("--referral-date"), QStringLiteral("2024-10-01")});
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("accepted"),
        QStringLiteral("--date"), QStringLiteral("2024-10-02")}));
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("open"),
        QStringLiteral("--date"), QStringLiteral("2024-10-03")}));
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("closed"),
        QStringLiteral("--reason"), QStringLiteral("disengaged"), QStringLiteral("--assessment-declined"),
        QStringLiteral("--date"), QStringLiteral("2024-12-01")}));

    expectRefused(ref, {QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("open")},
        QStringLiteral("Give a reason for reopening the case"));
    expectRefused(ref,
        {QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("open"),
            QStringLiteral("--reason"), QStringLiteral("Fire at the property"), QStringLiteral("--date"),
            QStringLiteral("2024-11-30")},
        QStringLiteral("The date of the change, 2024-11-30, is before the case became closed on 2024-12-01"));

    const CliResult reopened = cli().run({QStringLiteral("case"), QStringLiteral("status"), ref,
        QStringLiteral("open"), QStringLiteral("--reason"), QStringLiteral("Fire at the property"),
        QStringLiteral("--date"), QStringLiteral("2025-01-10")});
    CLI_OK(reopened);
    QCOMPARE(reopened.out, QStringLiteral("%1: closed -> open\n").arg(ref));
    const QJsonObject c = show(ref);
    QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QCOMPARE(c.value(QStringLiteral("closed_date")), QJsonValue());
    QCOMPARE(c.value(QStringLiteral("closure_reason")).toString(), QString());
    const QJsonArray notes = c.value(QStringLiteral("notes")).toArray();
    QCOMPARE(notes.size(), 1);
    const QJsonObject note = notes.at(0).toObject();
    QCOMPARE(
        note.value(QStringLiteral("text")).toString(), QStringLiteral("Case reopened: Fire at the property"));
    QCOMPARE(note.value(QStringLiteral("significant")).toBool(), true);
    QCOMPARE(note.value(QStringLiteral("date")).toString(), QStringLiteral("2025-01-10"));
    QCOMPARE(note.value(QStringLiteral("author")).toString(), QStringLiteral("tester"));

    // The reopening is in the audit log: the case update and the note.
    const QStringList audit = cli().auditChanges();
    QVERIFY2(
        audit.contains(QStringLiteral("update case %1 %2 closed_date, closure_reason, status, status_date")
                           .arg(c.value(QStringLiteral("id")).toString(), ref)),
        qPrintable(audit.join(QLatin1Char('\n'))));
    QVERIFY(audit.contains(
        QStringLiteral("create note %1 %2 other").arg(note.value(QStringLiteral("id")).toString(), ref)));

    // A closing assessment from the first closure does not count for the second.
    CLI_OK(cli().run({QStringLiteral("assess"), ref, QStringLiteral("pam"), QStringLiteral("--stage"),
        QStringLiteral("closing"), QStringLiteral("--score"), QStringLiteral("60"), QStringLiteral("--date"),
        QStringLiteral("2024-12-01")}));
    const QStringList closeAgain {QStringLiteral("case"), QStringLiteral("status"), ref,
        QStringLiteral("closed"), QStringLiteral("--reason"), QStringLiteral("outcomes-met"),
        QStringLiteral("--date"), QStringLiteral("2025-02-01")};
    const CliResult refused = cli().run(closeAgain);
    QCOMPARE(refused.exitCode, 5);
    QVERIFY2(refused.err.contains(QStringLiteral("closing assessment")), qPrintable(refused.err));
    CLI_OK(cli().run({QStringLiteral("assess"), ref, QStringLiteral("pam"), QStringLiteral("--stage"),
        QStringLiteral("closing"), QStringLiteral("--score"), QStringLiteral("62"), QStringLiteral("--date"),
        QStringLiteral("2025-01-20")}));
    CLI_OK(cli().run(closeAgain));
}

void TestCliCases::needsAndClutterRating()
{
    const QString ref = addCase({QStringLiteral("--need"), QStringLiteral("hoarding")});
    const CliResult updated = cli().run({QStringLiteral("need"), QStringLiteral("update"), ref,
        QStringLiteral("hoarding"), QStringLiteral("--clutter-rating"), QStringLiteral("7"),
        QStringLiteral("--severity"), QStringLiteral("high"), QStringLiteral("--status"),
        QStringLiteral("improving"), QStringLiteral("--notes"), QStringLiteral("Kitchen and hallway")});
    CLI_OK(updated);
    QCOMPARE(updated.out, QStringLiteral("%1: need hoarding improving\n").arg(ref));
    const CliResult added = cli().run({QStringLiteral("need"), QStringLiteral("add"), ref,
        QStringLiteral("debt"), QStringLiteral("--severity"), QStringLiteral("low")});
    CLI_OK(added);
    QCOMPARE(added.out, QStringLiteral("%1: need debt open\n").arg(ref));

    QCOMPARE(show(ref).value(QStringLiteral("needs")).toArray(),
        (QJsonArray {QJsonObject {{QStringLiteral("need"), QStringLiteral("hoarding")},
                         {QStringLiteral("severity"), QStringLiteral("high")},
                         {QStringLiteral("status"), QStringLiteral("improving")},
                         {QStringLiteral("notes"), QStringLiteral("Kitchen and hallway")},
                         {QStringLiteral("clutter_rating"), 7}},
            QJsonObject {{QStringLiteral("need"), QStringLiteral("debt")},
                {QStringLiteral("severity"), QStringLiteral("low")},
                {QStringLiteral("status"), QStringLiteral("open")}, {QStringLiteral("notes"), QString()},
                {QStringLiteral("clutter_rating"), QJsonValue()}}}));

    const auto need = [&](const QStringList& rest) { return QStringList {QStringLiteral("need")} + rest; };
    expectRefused(ref,
        need({QStringLiteral("update"), ref, QStringLiteral("debt"), QStringLiteral("--clutter-rating"),
            QStringLiteral("3")}),
        QStringLiteral("--clutter-rating applies only to the hoarding need."));
    expectRefused(ref,
        need({QStringLiteral("add"), ref, QStringLiteral("loneliness"), QStringLiteral("--clutter-rating"),
            QStringLiteral("3")}),
        QStringLiteral("--clutter-rating applies only to the hoarding need."));
    expectRefused(ref,
        need({QStringLiteral("update"), ref, QStringLiteral("hoarding"), QStringLiteral("--clutter-rating"),
            QStringLiteral("10")}),
        QStringLiteral("--clutter-rating must be a whole number from 1 to 9, not \"10\"."));
    expectRefused(ref, need({QStringLiteral("add"), ref, QStringLiteral("hoarding")}),
        QStringLiteral("%1 already has the need hoarding; use \"need update\".").arg(ref));
    expectRefused(ref, need({QStringLiteral("add"), ref, QStringLiteral("gambling")}),
        QStringLiteral(
            "NEED: \"gambling\" is not one of: hoarding, mental-health, loneliness, isolation, "
            "substance-misuse, housing, debt, bereavement, domestic-abuse, physical-health, fire-risk, "
            "antisocial-behaviour, employment, other"));
    expectRefused(ref,
        need({QStringLiteral("update"), ref, QStringLiteral("debt"), QStringLiteral("--status"),
            QStringLiteral("done")}),
        QStringLiteral("--status: \"done\" is not one of: open, improving, resolved"));
    CLI_FAILS(cli().run(need({QStringLiteral("update"), ref, QStringLiteral("bereavement")})), 4,
        err(QStringLiteral("%1 has no need bereavement; use \"need add\".").arg(ref)));

    const CliResult byNeed = cli().run({QStringLiteral("case"), QStringLiteral("list"),
        QStringLiteral("--need"), QStringLiteral("debt"), QStringLiteral("--json")});
    CLI_OK(byNeed);
    QCOMPARE(byNeed.array().size(), 1);
}

void TestCliCases::actionsAndOverdue()
{
    const QString ref = addCase();
    CLI_OK(cli().run(
        {QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("Community Fire Safety")}));
    const QString yesterday = CliHarness::iso(CliHarness::today().addDays(-1));
    const QString nextWeek = CliHarness::iso(CliHarness::today().addDays(7));
    const CliResult late = cli().run({QStringLiteral("action"), QStringLiteral("add"), ref,
        QStringLiteral("--what"), QStringLiteral("Fire safety visit"), QStringLiteral("--agency"),
        QStringLiteral("Community Fire Safety"), QStringLiteral("--owner"), QStringLiteral("Sam"),
        QStringLiteral("--due"), yesterday});
    CLI_OK(late);
    const QString lateId = late.out.trimmed();
    QVERIFY(!QUuid::fromString(lateId).isNull());
    const CliResult onTime
        = cli().run({QStringLiteral("action"), QStringLiteral("add"), ref, QStringLiteral("--what"),
            QStringLiteral("Declutter the hallway"), QStringLiteral("--due"), nextWeek});
    CLI_OK(onTime);

    CliResult list = cli().run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.array().at(0).toObject().value(QStringLiteral("open_actions")).toInt(), 2);
    QCOMPARE(list.array().at(0).toObject().value(QStringLiteral("overdue_actions")).toInt(), 1);
    const CliResult overdueOnly
        = cli().run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--overdue")});
    QVERIFY2(overdueOnly.out.startsWith(ref + QLatin1Char('\t')), qPrintable(overdueOnly.out));
    QVERIFY(overdueOnly.out.contains(QLatin1String("\t1 overdue action(s)\n")));

    const QJsonArray actions = show(ref).value(QStringLiteral("actions")).toArray();
    QCOMPARE(actions.size(), 2);
    QJsonObject first = actions.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), lateId);
    QCOMPARE(first.value(QStringLiteral("what")).toString(), QStringLiteral("Fire safety visit"));
    QCOMPARE(first.value(QStringLiteral("agency")).toString(), QStringLiteral("Community Fire Safety"));
    QCOMPARE(first.value(QStringLiteral("due")).toString(), yesterday);
    QCOMPARE(first.value(QStringLiteral("overdue")).toBool(), true);
    QCOMPARE(actions.at(1).toObject().value(QStringLiteral("overdue")).toBool(), false);
    const CliResult text = cli().run({QStringLiteral("case"), QStringLiteral("show"), ref});
    QVERIFY2(text.out.contains(QStringLiteral("  OVERDUE Fire safety visit [open] due %1").arg(yesterday)),
        qPrintable(text.out));
    QVERIFY(!text.out.contains(QLatin1String("OVERDUE Declutter")));

    expectRefused(ref,
        {QStringLiteral("action"), QStringLiteral("add"), ref, QStringLiteral("--what"),
            QStringLiteral("  ")},
        QStringLiteral("--what is blank; it is required"));
    CLI_FAILS(cli().run({QStringLiteral("action"), QStringLiteral("add"), ref, QStringLiteral("--what"),
                  QStringLiteral("Visit"), QStringLiteral("--agency"), QStringLiteral("Ambulance Service")}),
        4, err(QStringLiteral("There is no agency called \"Ambulance Service\".")));

    const CliResult done = cli().run({QStringLiteral("action"), QStringLiteral("done"), lateId,
        QStringLiteral("--outcome"), QStringLiteral("Smoke alarms fitted")});
    CLI_OK(done);
    QCOMPARE(done.out, QStringLiteral("Action done.\n"));
    list = cli().run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.array().at(0).toObject().value(QStringLiteral("open_actions")).toInt(), 1);
    QCOMPARE(list.array().at(0).toObject().value(QStringLiteral("overdue_actions")).toInt(), 0);
    first = show(ref).value(QStringLiteral("actions")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
    QCOMPARE(first.value(QStringLiteral("overdue")).toBool(), false);
    QCOMPARE(first.value(QStringLiteral("completed")).toString(), CliHarness::iso(CliHarness::today()));
    QCOMPARE(first.value(QStringLiteral("outcome")).toString(), QStringLiteral("Smoke alarms fitted"));
    expectRefused(ref, {QStringLiteral("action"), QStringLiteral("done"), lateId},
        QStringLiteral("That action is already done."));
    CLI_FAILS(cli().run({QStringLiteral("action"), QStringLiteral("done"), QStringLiteral("no-such-action")}),
        4, err(QStringLiteral("There is no action no-such-action.")));
    const CliResult noneOverdue
        = cli().run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--overdue")});
    CLI_OK(noneOverdue);
    QVERIFY2(noneOverdue.out.startsWith(QLatin1String("0 shown; ")), qPrintable(noneOverdue.out));
}

void TestCliCases::notesSignificantAgencyOnlyAndCorrections()
{
    const QString ref = addCase();
    const CliResult first = cli().run({QStringLiteral("note"), QStringLiteral("add"), ref,
        QStringLiteral("--kind"), QStringLiteral("home-visit"), QStringLiteral("--text"),
        QStringLiteral("Garden piled with papers; smoke alarm missing"), QStringLiteral("--significant"),
        QStringLiteral("--date"), CliHarness::iso(CliHarness::today().addDays(-2))});
    CLI_OK(first);
    const QString firstId = first.out.trimmed();
    QVERIFY(!QUuid::fromString(firstId).isNull());

    expectRefused(ref,
        {QStringLiteral("note"), QStringLiteral("add"), ref, QStringLiteral("--kind"),
            QStringLiteral("phone"), QStringLiteral("--text"), QStringLiteral("Intelligence"),
            QStringLiteral("--agency-only")},
        QStringLiteral("--agency-only needs --agency to say which agency may see it."));
    const CliResult privateNote = cli().run({QStringLiteral("note"), QStringLiteral("add"), ref,
        QStringLiteral("--kind"), QStringLiteral("phone"), QStringLiteral("--text"),
        QStringLiteral("Intelligence about visitors"), QStringLiteral("--agency-only"),
        QStringLiteral("--agency"), QStringLiteral("Lancashire Police")});
    CLI_OK(privateNote);
    const CliResult correction = cli().run({QStringLiteral("note"), QStringLiteral("add"), ref,
        QStringLiteral("--kind"), QStringLiteral("office"), QStringLiteral("--text"),
        QStringLiteral("Correction: the hallway, not the garden"), QStringLiteral("--corrects"), firstId});
    CLI_OK(correction);

    const QJsonArray notes = show(ref).value(QStringLiteral("notes")).toArray();
    QCOMPARE(notes.size(), 3);
    QJsonObject n = notes.at(0).toObject();
    QCOMPARE(n.value(QStringLiteral("id")).toString(), firstId);
    QCOMPARE(n.value(QStringLiteral("kind")).toString(), QStringLiteral("home-visit"));
    QCOMPARE(n.value(QStringLiteral("significant")).toBool(), true);
    QCOMPARE(n.value(QStringLiteral("agency_only")).toBool(), false);
    QCOMPARE(n.value(QStringLiteral("corrects")), QJsonValue());
    QCOMPARE(n.value(QStringLiteral("text")).toString(),
        QStringLiteral("Garden piled with papers; smoke alarm missing"));
    n = notes.at(1).toObject();
    QCOMPARE(n.value(QStringLiteral("id")).toString(), privateNote.out.trimmed());
    QCOMPARE(n.value(QStringLiteral("agency_only")).toBool(), true);
    QCOMPARE(n.value(QStringLiteral("agency")).toString(), QStringLiteral("Lancashire Police"));
    QCOMPARE(n.value(QStringLiteral("significant")).toBool(), false);
    n = notes.at(2).toObject();
    QCOMPARE(n.value(QStringLiteral("id")).toString(), correction.out.trimmed());
    QCOMPARE(n.value(QStringLiteral("corrects")).toString(), firstId);
    QCOMPARE(n.value(QStringLiteral("author")).toString(), QStringLiteral("tester"));

    // Notes are never edited: the corrected note still says what it said.
    QCOMPARE(notes.at(0).toObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("Garden piled with papers; smoke alarm missing"));

    const QString other = addCase();
    CLI_FAILS(cli().run({QStringLiteral("note"), QStringLiteral("add"), other, QStringLiteral("--kind"),
                  QStringLiteral("phone"), QStringLiteral("--text"), QStringLiteral("x"),
                  QStringLiteral("--corrects"), firstId}),
        4, err(QStringLiteral("There is no note %1 on %2.").arg(firstId, other)));
    expectRefused(ref,
        {QStringLiteral("note"), QStringLiteral("add"), ref, QStringLiteral("--kind"),
            QStringLiteral("visit"), QStringLiteral("--text"), QStringLiteral("x")},
        QStringLiteral(
            "--kind: \"visit\" is not one of: home-visit, phone, meeting, multi-agency-meeting, office, "
            "letter-email, other"));
    expectRefused(ref,
        {QStringLiteral("note"), QStringLiteral("add"), ref, QStringLiteral("--kind"),
            QStringLiteral("phone"), QStringLiteral("--text"), QStringLiteral("x"), QStringLiteral("--date"),
            CliHarness::iso(CliHarness::today().addDays(1))},
        QStringLiteral("--date %1 is in the future (today is %2)")
            .arg(CliHarness::iso(CliHarness::today().addDays(1)), CliHarness::iso(CliHarness::today())));
}

void TestCliCases::assessmentsRecordedAndBadValuesRefused()
{
    const QString ref = addCase();
    const auto assess = [&](const QStringList& rest) {
        return QStringList {QStringLiteral("assess"), ref} + rest;
    };

    struct Refusal
    {
        QStringList arguments;
        QString message;
    };
    const QList<Refusal> refusals {
        {{QStringLiteral("ons4"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--scores"), QStringLiteral("11,5,5,5")},
            QStringLiteral("--scores item 1 11 is outside 0 to 10")},
        {{QStringLiteral("ons4"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--scores"), QStringLiteral("5,5,5,-1")},
            QStringLiteral("--scores item 4 -1 is outside 0 to 10")},
        {{QStringLiteral("ons4"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--scores"), QStringLiteral("5,5,x,5")},
            QStringLiteral("--scores item 3 \"x\" is not a whole number")},
        {{QStringLiteral("ons4"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--scores"), QStringLiteral("5,5,5")},
            QStringLiteral("--scores needs four numbers 0-10 separated by commas, e.g. 5,6,4,7.")},
        {{QStringLiteral("pam"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--score"), QStringLiteral("100.5")},
            QStringLiteral("--score must be a number from 0 to 100, not \"100.5\".")},
        {{QStringLiteral("pam"), QStringLiteral("--stage"), QStringLiteral("baseline")},
            QStringLiteral("--score is required for a PAM assessment.")},
        {{QStringLiteral("pam"), QStringLiteral("--score"), QStringLiteral("50")},
            QStringLiteral("--stage: \"\" is not one of: baseline, review, closing")},
        {{QStringLiteral("pam"), QStringLiteral("--stage"), QStringLiteral("midway"),
             QStringLiteral("--score"), QStringLiteral("50")},
            QStringLiteral("--stage: \"midway\" is not one of: baseline, review, closing")},
        {{QStringLiteral("service-use"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--gp"), QStringLiteral("4")},
            QStringLiteral("--gp, --ae and --months are required for service use.")},
        {{QStringLiteral("service-use"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--gp"), QStringLiteral("-1"), QStringLiteral("--ae"), QStringLiteral("0"),
             QStringLiteral("--months"), QStringLiteral("6")},
            QStringLiteral("--gp must be a whole number from 0 to 1000, not \"-1\".")},
        {{QStringLiteral("wemwbs"), QStringLiteral("--stage"), QStringLiteral("baseline")},
            QStringLiteral("KIND: \"wemwbs\" is not one of: ons4, pam, service-use")},
        {{QStringLiteral("ons4"), QStringLiteral("--stage"), QStringLiteral("baseline"),
             QStringLiteral("--scores"), QStringLiteral("5,5,5,5"), QStringLiteral("--date"),
             QStringLiteral("2025-02-30")},
            QStringLiteral(
                "--date \"2025-02-30\" is not a real date in the form yyyy-mm-dd (for example 2025-03-31)")},
    };
    for (const Refusal& r : refusals)
        expectRefused(ref, assess(r.arguments), r.message);
    QVERIFY(show(ref).value(QStringLiteral("assessments")).toArray().isEmpty());

    const CliResult ons4 = cli().run(assess({QStringLiteral("ons4"), QStringLiteral("--stage"),
        QStringLiteral("baseline"), QStringLiteral("--scores"), QStringLiteral("4, 5,3,8"),
        QStringLiteral("--date"), QStringLiteral("2025-01-10")}));
    CLI_OK(ons4);
    QCOMPARE(ons4.out, QStringLiteral("%1: ons4 baseline recorded.\n").arg(ref));
    const CliResult pam1 = cli().run(assess({QStringLiteral("pam"), QStringLiteral("--stage"),
        QStringLiteral("baseline"), QStringLiteral("--score"), QStringLiteral("47.0")}));
    CLI_OK(pam1);
    QCOMPARE(pam1.out, QStringLiteral("%1: PAM 47 (level 1) recorded.\n").arg(ref));
    const CliResult pam2 = cli().run(assess({QStringLiteral("pam"), QStringLiteral("--stage"),
        QStringLiteral("review"), QStringLiteral("--score"), QStringLiteral("47.1")}));
    CLI_OK(pam2);
    QCOMPARE(pam2.out, QStringLiteral("%1: PAM 47.1 (level 2) recorded.\n").arg(ref));
    CLI_OK(cli().run(assess({QStringLiteral("pam"), QStringLiteral("--stage"), QStringLiteral("closing"),
        QStringLiteral("--score"), QStringLiteral("67.1")})));
    const CliResult use = cli().run(assess({QStringLiteral("service-use"), QStringLiteral("--stage"),
        QStringLiteral("baseline"), QStringLiteral("--gp"), QStringLiteral("6"), QStringLiteral("--ae"),
        QStringLiteral("2"), QStringLiteral("--months"), QStringLiteral("6")}));
    CLI_OK(use);
    QCOMPARE(use.out, QStringLiteral("%1: service-use baseline recorded.\n").arg(ref));

    QJsonArray assessments = show(ref).value(QStringLiteral("assessments")).toArray();
    QCOMPARE(assessments.size(), 5);
    QStringList seen;
    for (const QJsonValue& v : assessments) {
        QJsonObject a = v.toObject();
        QVERIFY(!a.take(QStringLiteral("id")).toString().isEmpty());
        const QString kind = a.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("ons4")) {
            QCOMPARE(a,
                (QJsonObject {{QStringLiteral("kind"), kind},
                    {QStringLiteral("stage"), QStringLiteral("baseline")},
                    {QStringLiteral("date"), QStringLiteral("2025-01-10")},
                    {QStringLiteral("scores"), QJsonArray {4, 5, 3, 8}}}));
        } else if (kind == QLatin1String("service-use")) {
            QCOMPARE(a,
                (QJsonObject {{QStringLiteral("kind"), kind},
                    {QStringLiteral("stage"), QStringLiteral("baseline")},
                    {QStringLiteral("date"), CliHarness::iso(CliHarness::today())}, {QStringLiteral("gp"), 6},
                    {QStringLiteral("ae"), 2}, {QStringLiteral("months"), 6}}));
        } else {
            seen << QStringLiteral("%1 %2 %3")
                        .arg(a.value(QStringLiteral("stage")).toString())
                        .arg(a.value(QStringLiteral("score")).toDouble())
                        .arg(a.value(QStringLiteral("level")).toInt());
        }
    }
    seen.sort();
    QCOMPARE(seen,
        (QStringList {QStringLiteral("baseline 47 1"), QStringLiteral("closing 67.1 4"),
            QStringLiteral("review 47.1 2")}));

    // Every recorded assessment is audited against the case.
    int created = 0;
    for (const QString& line : cli().auditChanges())
        created += line.startsWith(QLatin1String("create assessment ")) && line.contains(ref) ? 1 : 0;
    QCOMPARE(created, 5);
}

void TestCliCases::searchNamesReasonsAndNotes()
{
    const QString sian
        = addCase({QStringLiteral("--reason"), QStringLiteral("Hoarding, smell reported by neighbours")});
    const QString zoe
        = cli()
              .run({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
                  QStringLiteral("Children's Social Care"), QStringLiteral("--reason"),
                  QStringLiteral("Bereavement and isolation"), QStringLiteral("--given-name"),
                  QStringLiteral("Zoë"), QStringLiteral("--family-name"), QStringLiteral("Ó Briain")})
              .out.trimmed();
    CLI_OK(cli().run({QStringLiteral("note"), QStringLiteral("add"), zoe, QStringLiteral("--kind"),
        QStringLiteral("phone"), QStringLiteral("--text"),
        QStringLiteral("Talked about the allotment waiting list")}));

    const auto found = [&](const QString& text) {
        const CliResult r = cli().run({QStringLiteral("search"), text, QStringLiteral("--json")});
        QStringList refs;
        for (const QJsonValue& v : r.array())
            refs << v.toObject().value(QStringLiteral("reference")).toString();
        return r.exitCode == 0 ? refs : QStringList {r.err};
    };
    QCOMPARE(found(QStringLiteral("Jones")), QStringList {sian});
    QCOMPARE(found(QStringLiteral("Siân")), QStringList {sian});
    QCOMPARE(found(QStringLiteral("sian")), QStringList {sian});
    QCOMPARE(found(QStringLiteral("Zoe")), QStringList {zoe});
    QCOMPARE(found(QStringLiteral("smell")), QStringList {sian});
    QCOMPARE(found(QStringLiteral("neighb")), QStringList {sian}); // word beginnings count
    QCOMPARE(found(QStringLiteral("bereavement")), QStringList {zoe});
    QCOMPARE(found(QStringLiteral("allotment")), QStringList {zoe});
    QCOMPARE(found(QStringLiteral("allotment hoarding")), QStringList {}); // every word must match
    QCOMPARE(found(QStringLiteral("zoe o briain")), QStringList {zoe});
    QCOMPARE(found(QStringLiteral("parrot")), QStringList {});

    const CliResult text = cli().run({QStringLiteral("search"), QStringLiteral("allotment")});
    CLI_OK(text);
    QCOMPARE(text.out, QStringLiteral("%1\treferred\tZoë Ó Briain\n1 case(s) found\n").arg(zoe));
    const CliResult viaList = cli().run({QStringLiteral("case"), QStringLiteral("list"),
        QStringLiteral("--search"), QStringLiteral("smell"), QStringLiteral("--json")});
    CLI_OK(viaList);
    QCOMPARE(viaList.array().size(), 1);
    QCOMPARE(viaList.array().at(0).toObject().value(QStringLiteral("reference")).toString(), sian);
}

void TestCliCases::auditOfCase()
{
    const QString ref = addCase({QStringLiteral("--need"), QStringLiteral("hoarding")});
    const QString other = addCase();
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("show"), ref}));
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("show"), other}));

    const CliResult text = cli().run({QStringLiteral("audit"), QStringLiteral("--case"), ref});
    CLI_OK(text);
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // Newest first: the view, then what case add created (need, link, person, case).
    QCOMPARE(lines.size(), 5);
    QStringList summary;
    for (const QString& line : lines) {
        const QStringList fields = line.split(QLatin1Char('\t'));
        QCOMPARE(fields.size(), 6);
        QCOMPARE(fields.at(1), QStringLiteral("tester"));
        QCOMPARE(fields.at(4), ref);
        summary << fields.at(2) + QLatin1Char(' ') + fields.at(3) + QLatin1Char(' ') + fields.at(5);
    }
    QCOMPARE(summary,
        (QStringList {QStringLiteral("view case cli show"), QStringLiteral("create need hoarding"),
            QStringLiteral("create case_person subject"), QStringLiteral("create person "),
            QStringLiteral("create case status referred")}));

    const CliResult json = cli().run(
        {QStringLiteral("audit"), QStringLiteral("--case"), ref.toLower(), QStringLiteral("--json")});
    CLI_OK(json);
    QCOMPARE(json.array().size(), 5);
    const QJsonObject created = json.array().at(4).toObject();
    QCOMPARE(created.value(QStringLiteral("action")).toString(), QStringLiteral("create"));
    QCOMPARE(created.value(QStringLiteral("entity")).toString(), QStringLiteral("case"));
    QCOMPARE(created.value(QStringLiteral("entity_id")).toString(),
        show(ref).value(QStringLiteral("id")).toString());
    QCOMPARE(created.value(QStringLiteral("actor")).toString(), QStringLiteral("tester"));
    // show() above was viewed too: one more entry.
    QCOMPARE(cli()
                 .run({QStringLiteral("audit"), QStringLiteral("--case"), ref, QStringLiteral("--json")})
                 .array()
                 .size(),
        6);
}

void TestCliCases::exportImportsIntoFreshStore()
{
    const QString first = addCase(
        {QStringLiteral("--referral-date"), QStringLiteral("2024-04-02"), QStringLiteral("--reason"),
            QStringLiteral("Rubbish \"piled\" high,\nblocking the stairs"), QStringLiteral("--need"),
            QStringLiteral("hoarding"), QStringLiteral("--need"), QStringLiteral("fire-risk"),
            QStringLiteral("--nhs-number"), QStringLiteral("9434765919"), QStringLiteral("--postcode"),
            QStringLiteral("PR7 1DP"), QStringLiteral("--date-of-birth"), QStringLiteral("1950-04-01"),
            QStringLiteral("--consent"), QStringLiteral("given"), QStringLiteral("--risk"),
            QStringLiteral("high"), QStringLiteral("--referrer-name"), QStringLiteral("PC Ada Brook")});
    const QString second = addCase({QStringLiteral("--referral-date"), QStringLiteral("2024-05-03"),
        QStringLiteral("--reference"), QStringLiteral("PVT-2024-0040")});
    const QString third = addCase(
        {QStringLiteral("--referral-date"), QStringLiteral("2024-06-04"), QStringLiteral("--reason"),
            QString(4500, QLatin1Char('r')), QStringLiteral("--given-name"), QString(150, QLatin1Char('g'))});
    const QString fourth = addCase();
    for (const char* next : {"accepted", "open"})
        CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), first, QLatin1String(next),
            QStringLiteral("--date"), QStringLiteral("2024-04-03")}));
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), first, QStringLiteral("closed"),
        QStringLiteral("--date"), QStringLiteral("2024-09-30"), QStringLiteral("--reason"),
        QStringLiteral("outcomes-met"), QStringLiteral("--assessment-declined")}));
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), second, QStringLiteral("declined"),
        QStringLiteral("--reason"), QStringLiteral("Out of area")}));
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("status"), fourth, QStringLiteral("accepted")}));

    const QString file = cli().path(QStringLiteral("export.csv"));
    const CliResult exported = cli().run({QStringLiteral("export"), QStringLiteral("csv"), file});
    CLI_OK(exported);
    QCOMPARE(exported.out, QStringLiteral("Exported 4 case(s) to %1\n").arg(file));
    QVERIFY(CliHarness::readFile(file).startsWith(
        "reference,referral_date,referring_agency,referrer_name,given_name,family_name,date_of_birth,nhs_"
        "number,"
        "postcode,needs,reason,consent,risk,status,closed_date,closure_reason\r\n"));
    QVERIFY(cli().auditChanges().contains(QStringLiteral("export cases   4 case(s) to CSV")));

    // A file that cannot be written is a failure, and nothing is audited as exported.
    const QStringList auditBefore = cli().auditChanges();
    const QString nowhere = cli().path(QStringLiteral("no-such-folder/export.csv"));
    const CliResult failed = cli().run({QStringLiteral("export"), QStringLiteral("csv"), nowhere});
    CLI_EXPECT(failed, 1);
    QVERIFY2(failed.err.startsWith(QStringLiteral("casebook-cli: Could not write %1: ").arg(nowhere)),
        failed.describe().constData());
    QCOMPARE(failed.errLines().size(), 1);
    QCOMPARE(cli().auditChanges(), auditBefore);

    // Into a new store, under another passphrase.
    QTemporaryDir freshDir;
    QVERIFY(freshDir.isValid());
    CliHarness fresh(freshDir.path());
    CLI_OK(fresh.init());
    const CliResult imported = fresh.run({QStringLiteral("import"), QStringLiteral("referrals"), file});
    CLI_OK(imported);
    QCOMPARE(imported.err, QString());

    const QJsonArray before
        = cli().run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--json")}).array();
    const QJsonArray after
        = fresh.run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--json")}).array();
    QCOMPARE(after.size(), 4);
    QCOMPARE(after, before);
    QStringList refs;
    for (const QJsonValue& v : after)
        refs << v.toObject().value(QStringLiteral("reference")).toString();
    refs.sort();
    QCOMPARE(refs, (QStringList {first, QStringLiteral("PVT-2024-0040"), third, fourth}));
    QCOMPARE(first, QStringLiteral("PVT-2024-0001"));
    QCOMPARE(third, QStringLiteral("PVT-2024-0041"));

    // What the import format carries comes through unchanged.
    const QStringList carried {QStringLiteral("reference"), QStringLiteral("status"),
        QStringLiteral("referral_date"), QStringLiteral("referring_agency"), QStringLiteral("referrer_name"),
        QStringLiteral("reason"), QStringLiteral("consent"), QStringLiteral("risk"),
        QStringLiteral("closed_date"), QStringLiteral("closure_reason")};
    for (const QString& ref : refs) {
        const QJsonObject a = show(ref);
        const QJsonObject b = QJsonDocument::fromJson(fresh.caseJson(ref).toUtf8()).object();
        for (const QString& key : carried)
            QVERIFY2(a.value(key) == b.value(key), qPrintable(ref + QLatin1Char(' ') + key));
        QCOMPARE(b.value(QStringLiteral("needs")).toArray(), a.value(QStringLiteral("needs")).toArray());
        QJsonObject personA = a.value(QStringLiteral("people")).toArray().at(0).toObject();
        QJsonObject personB = b.value(QStringLiteral("people")).toArray().at(0).toObject();
        personA.remove(QStringLiteral("id"));
        personB.remove(QStringLiteral("id"));
        QCOMPARE(personB, personA);
    }
    // The new store numbers on from what it imported.
    QCOMPARE(fresh
                 .run({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referral-date"),
                     QStringLiteral("2024-07-01"), QStringLiteral("--referring-agency"),
                     QStringLiteral("Police"), QStringLiteral("--reason"), QStringLiteral("x"),
                     QStringLiteral("--given-name"), QStringLiteral("Al")})
                 .out,
        QStringLiteral("PVT-2024-0042\n"));
}

void TestCliCases::badInputWritesNothing()
{
    const QString ref = addCase();
    const QString listBefore = cli().caseListJson();
    const QStringList auditBefore = cli().auditChanges();
    const QString tomorrow = CliHarness::iso(CliHarness::today().addDays(1));
    const QStringList base {QStringLiteral("case"), QStringLiteral("add"),
        QStringLiteral("--referring-agency"), QStringLiteral("New Agency"), QStringLiteral("--reason"),
        QStringLiteral("x"), QStringLiteral("--given-name"), QStringLiteral("Al")};

    CLI_FAILS(cli().run(base + QStringList {QStringLiteral("--nhs-number"), QStringLiteral("1234567890")}), 5,
        err(QStringLiteral("--nhs-number \"1234567890\" fails the NHS number check digit")));
    CLI_FAILS(cli().run(base + QStringList {QStringLiteral("--nhs-number"), QStringLiteral("94347659")}), 5,
        err(QStringLiteral("--nhs-number \"94347659\" must be 10 digits")));
    CLI_FAILS(cli().run(base + QStringList {QStringLiteral("--referral-date"), tomorrow}), 5,
        err(QStringLiteral("--referral-date %1 is in the future (today is %2)")
                .arg(tomorrow, CliHarness::iso(CliHarness::today()))));
    CLI_FAILS(cli().run(base + QStringList {QStringLiteral("--referral-date"), QStringLiteral("2025-02-30")}),
        5,
        err(QStringLiteral("--referral-date \"2025-02-30\" is not a real date in the form yyyy-mm-dd (for "
                           "example 2025-03-31)")));
    CLI_FAILS(cli().run(base + QStringList {QStringLiteral("--referral-date"), QStringLiteral("30/01/2025")}),
        5,
        err(QStringLiteral("--referral-date \"30/01/2025\" is not a real date in the form yyyy-mm-dd (for "
                           "example 2025-03-31)")));
    CLI_FAILS(cli().run(base
                  + QStringList {QStringLiteral("--referral-date"), QStringLiteral("2024-03-01"),
                      QStringLiteral("--date-of-birth"), QStringLiteral("2024-03-02")}),
        5, err(QStringLiteral("--date-of-birth is not before the referral date")));
    // Born on the day of the referral is refused too, as import referrals refuses it.
    CLI_FAILS(cli().run(base
                  + QStringList {QStringLiteral("--referral-date"), QStringLiteral("2024-03-01"),
                      QStringLiteral("--date-of-birth"), QStringLiteral("2024-03-01")}),
        5, err(QStringLiteral("--date-of-birth is not before the referral date")));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("update"), ref,
                  QStringLiteral("--subject-date-of-birth"), CliHarness::iso(CliHarness::today())}),
        5, err(QStringLiteral("--subject-date-of-birth is not before the referral date")));
    CLI_FAILS(cli().run(base + QStringList {QStringLiteral("--need"), QStringLiteral("gambling")}), 5,
        err(QStringLiteral(
            "--need: \"gambling\" is not one of: hoarding, mental-health, loneliness, isolation, "
            "substance-misuse, housing, debt, bereavement, domestic-abuse, physical-health, fire-risk, "
            "antisocial-behaviour, employment, other")));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--given-name"),
                  QStringLiteral("Al")}),
        5,
        err(QStringLiteral(
            "--referring-agency is blank; it is required; --reason is blank; it is required")));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("status"), ref, QStringLiteral("pending")}),
        5,
        err(QStringLiteral("status: \"pending\" is not one of: referred, accepted, open, closed, declined")));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--status"),
                  QStringLiteral("pending")}),
        5,
        err(QStringLiteral(
            "--status: \"pending\" is not one of: referred, accepted, open, closed, declined")));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("update"), ref,
                  QStringLiteral("--subject-nhs-number"), QStringLiteral("1234567890")}),
        5, err(QStringLiteral("--subject-nhs-number \"1234567890\" fails the NHS number check digit")));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("update"), ref,
                  QStringLiteral("--review-date"), QStringLiteral("2025-02-30")}),
        5,
        err(QStringLiteral(
            "--review-date \"2025-02-30\" is not a real date in the form yyyy-mm-dd (for example "
            "2025-03-31)")));

    QCOMPARE(cli().caseListJson(), listBefore);
    QCOMPARE(cli().auditChanges(), auditBefore);
    const CliResult agencies = cli().run({QStringLiteral("agency"), QStringLiteral("list")});
    QCOMPARE(agencies.out, QStringLiteral("Lancashire Police\tother\n"));
}

QTEST_GUILESS_MAIN(TestCliCases)
#include "TestCliCases.moc"
