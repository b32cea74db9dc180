#include "CaseCommands.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "RecordJson.h"
#include "core/CaseLifecycle.h"
#include "core/CaseReference.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/CaseTransitions.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"
#include "store/ReferralImporter.h"

#include <QJsonArray>

namespace {
constexpr int maxShortText = 200;
constexpr int maxLongText = 5000;

void fail(const QStringList& problems)
{
    if (!problems.isEmpty())
        throw CliError(CliError::InvalidInput, problems.join(QStringLiteral("; ")));
}

void checkKey(
    QStringList& problems, const Vocabulary& vocabulary, const QString& option, const QString& value)
{
    if (!vocabulary.contains(value))
        problems << vocabulary.unknownKeyMessage(option, value);
}

void checkText(QStringList& problems, const QString& problem)
{
    if (!problem.isEmpty())
        problems << problem;
}

QString agencyName(AgencyRepository& agencies, const QString& id)
{
    const auto agency = id.isEmpty() ? std::nullopt : agencies.get(id);
    return agency ? agency->name : QString();
}
} // namespace

int CaseCommands::run(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (sub == QLatin1String("add"))
        return add(session, rest);
    if (sub == QLatin1String("list"))
        return list(session, rest);
    if (sub == QLatin1String("show"))
        return show(session, rest);
    if (sub == QLatin1String("update"))
        return update(session, rest);
    if (sub == QLatin1String("status"))
        return status(session, rest);
    throw CliError(
        CliError::Usage, tr("case: expected one of add, list, show, update, status (got \"%1\")").arg(sub));
}

CaseRecord CaseCommands::require(CliSession& session, const QString& reference)
{
    auto record = CaseRepository(session.store()).byReference(reference);
    if (!record)
        throw CliError(CliError::NotFound, tr("There is no case %1.").arg(reference));
    return *record;
}

void CaseCommands::addPersonOptions(CommandParser& p, const QString& prefix)
{
    p.option(prefix + QStringLiteral("given-name"), tr("NAME"), tr("Given name."));
    p.option(prefix + QStringLiteral("family-name"), tr("NAME"), tr("Family name."));
    p.option(prefix + QStringLiteral("preferred-name"), tr("NAME"), tr("Preferred name."));
    p.option(prefix + QStringLiteral("date-of-birth"), tr("DATE"), tr("Date of birth, yyyy-mm-dd."));
    p.option(prefix + QStringLiteral("nhs-number"), tr("NUMBER"), tr("NHS number (10 digits)."));
    p.option(prefix + QStringLiteral("address"), tr("TEXT"), tr("Address."));
    p.option(prefix + QStringLiteral("postcode"), tr("POSTCODE"), tr("UK postcode."));
    p.option(prefix + QStringLiteral("phone"), tr("PHONE"), tr("Phone number."));
    p.option(prefix + QStringLiteral("email"), tr("EMAIL"), tr("Email address."));
}

QStringList CaseCommands::readPerson(
    const CommandParser& p, const QString& prefix, const QDate& today, Person& person)
{
    QStringList problems;
    const auto text = [&](const char* name, QString& field, int max) {
        const QString option = prefix + QLatin1String(name);
        if (p.isSet(option)) {
            field = p.value(option);
            checkText(problems, Validation::optionalText(field, QStringLiteral("--") + option, max));
        }
    };
    text("given-name", person.givenName, maxShortText);
    text("family-name", person.familyName, maxShortText);
    text("preferred-name", person.preferredName, maxShortText);
    text("address", person.address, maxShortText);
    text("phone", person.phone, 40);
    text("email", person.email, maxShortText);
    checkText(
        problems, Validation::email(person.email, QStringLiteral("--") + prefix + QStringLiteral("email")));
    const QString dobOption = prefix + QStringLiteral("date-of-birth");
    if (p.isSet(dobOption)) {
        checkText(problems, Validation::date(p.value(dobOption), QStringLiteral("--") + dobOption, today));
        person.dateOfBirth = Validation::parseDate(p.value(dobOption));
    }
    const QString nhsOption = prefix + QStringLiteral("nhs-number");
    if (p.isSet(nhsOption) && !p.value(nhsOption).isEmpty()) {
        checkText(problems, Validation::nhsNumber(p.value(nhsOption), QStringLiteral("--") + nhsOption));
        person.nhsNumber = Validation::normaliseNhsNumber(p.value(nhsOption));
    }
    const QString postcodeOption = prefix + QStringLiteral("postcode");
    if (p.isSet(postcodeOption) && !p.value(postcodeOption).isEmpty()) {
        checkText(
            problems, Validation::postcode(p.value(postcodeOption), QStringLiteral("--") + postcodeOption));
        person.postcode = Validation::normalisePostcode(p.value(postcodeOption));
    }
    return problems;
}

int CaseCommands::add(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("case add"), tr("Record a new referral as a case; prints its reference."));
    p.option(
        QStringLiteral("referral-date"), tr("DATE"), tr("Date the referral was received (default today)."));
    p.option(QStringLiteral("referring-agency"), tr("NAME"), tr("Agency that referred (created if new)."));
    p.option(QStringLiteral("referrer-name"), tr("NAME"), tr("Who referred."));
    p.option(QStringLiteral("referrer-contact"), tr("TEXT"), tr("How to reach the referrer."));
    p.option(QStringLiteral("reason"), tr("TEXT"), tr("Reason for referral."));
    p.option(QStringLiteral("consent"), tr("KEY"), tr("given, refused or not-sought (default not-sought)."));
    p.option(QStringLiteral("consent-date"), tr("DATE"), tr("When consent was recorded."));
    p.option(QStringLiteral("lawful-basis"), tr("TEXT"), tr("Lawful basis when sharing without consent."));
    p.option(QStringLiteral("risk"), tr("KEY"), tr("low, medium or high (default low)."));
    p.option(QStringLiteral("risk-rationale"), tr("TEXT"), tr("Why that risk level."));
    p.option(QStringLiteral("lead"), tr("WORKER"), tr("Lead worker."));
    p.option(QStringLiteral("review-date"), tr("DATE"), tr("Next review date."));
    p.option(QStringLiteral("need"), tr("KEY"),
        tr("A need (repeat for several): %1.").arg(Vocabulary::needs().keys().join(QStringLiteral(", "))));
    p.option(QStringLiteral("reference"), tr("REF"), tr("Use this reference instead of the next free one."));
    addPersonOptions(p, QString());
    if (!p.parse(session, arguments))
        return 0;

    const QDate today = session.today();
    QStringList problems;
    CaseRecord record;
    record.referralDate = p.isSet(QStringLiteral("referral-date"))
        ? Validation::parseDate(p.value(QStringLiteral("referral-date")))
        : today;
    if (p.isSet(QStringLiteral("referral-date")))
        checkText(problems,
            Validation::date(
                p.value(QStringLiteral("referral-date")), QStringLiteral("--referral-date"), today));
    checkText(problems,
        Validation::requiredText(
            p.value(QStringLiteral("referring-agency")), QStringLiteral("--referring-agency"), maxShortText));
    record.reason = p.value(QStringLiteral("reason"));
    checkText(problems, Validation::requiredText(record.reason, QStringLiteral("--reason"), maxLongText));
    record.referrerName = p.value(QStringLiteral("referrer-name"));
    record.referrerContact = p.value(QStringLiteral("referrer-contact"));
    record.consent = p.isSet(QStringLiteral("consent")) ? p.value(QStringLiteral("consent")) : record.consent;
    checkKey(problems, Vocabulary::consentStatuses(), QStringLiteral("--consent"), record.consent);
    record.risk = p.isSet(QStringLiteral("risk")) ? p.value(QStringLiteral("risk")) : record.risk;
    checkKey(problems, Vocabulary::riskLevels(), QStringLiteral("--risk"), record.risk);
    record.riskRationale = p.value(QStringLiteral("risk-rationale"));
    record.lawfulBasis = p.value(QStringLiteral("lawful-basis"));
    record.leadWorker = p.value(QStringLiteral("lead"));
    record.statusDate = record.referralDate;
    if (p.isSet(QStringLiteral("consent-date"))) {
        checkText(problems,
            Validation::date(
                p.value(QStringLiteral("consent-date")), QStringLiteral("--consent-date"), today));
        record.consentDate = Validation::parseDate(p.value(QStringLiteral("consent-date")));
        record.consentRecordedBy = session.actor();
    }
    if (p.isSet(QStringLiteral("review-date"))) {
        checkText(problems,
            Validation::date(
                p.value(QStringLiteral("review-date")), QStringLiteral("--review-date"), today, true));
        record.reviewDate = Validation::parseDate(p.value(QStringLiteral("review-date")));
    }
    const QStringList needs = p.values(QStringLiteral("need"));
    for (const QString& need : needs)
        checkKey(problems, Vocabulary::needs(), QStringLiteral("--need"), need.trimmed());
    Person subject;
    problems << readPerson(p, QString(), today, subject);
    if (subject.givenName.isEmpty() && subject.familyName.isEmpty())
        problems << tr("--given-name or --family-name is required for the person referred");
    // The same rules as import referrals, so that an exported case can be imported again.
    if (subject.dateOfBirth.isValid() && record.referralDate.isValid()
        && subject.dateOfBirth >= record.referralDate)
        problems << tr("--date-of-birth is not before the referral date");
    if (p.isSet(QStringLiteral("reference"))) {
        record.reference = p.value(QStringLiteral("reference")).toUpper();
        if (!CaseReference::parse(record.reference, nullptr, nullptr))
            problems << tr("--reference \"%1\" is not a case reference like PVT-2025-0042")
                            .arg(p.value(QStringLiteral("reference")));
    }
    fail(problems);

    Store& store = session.store();
    if (!record.reference.isEmpty() && CaseRepository(store).referenceExists(record.reference))
        throw CliError(
            CliError::InvalidInput, tr("The reference %1 is already in use.").arg(record.reference));
    ReferralRow row;
    row.caseRecord = record;
    row.subject = subject;
    row.referringAgencyName = p.value(QStringLiteral("referring-agency"));
    for (const QString& key : needs)
        row.needs << key.trimmed();
    ReferralImporter(store).addReferral(row);
    record = row.caseRecord;
    session.out() << record.reference << Qt::endl;
    return 0;
}

int CaseCommands::list(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("case list"), tr("List cases, newest referral first."));
    p.option(QStringLiteral("status"), tr("KEY"), tr("Only cases with this status."));
    p.option(QStringLiteral("search"), tr("TEXT"), tr("Full-text search over names, reasons and notes."));
    p.option(QStringLiteral("lead"), tr("WORKER"), tr("Only this lead worker's cases."));
    p.option(QStringLiteral("need"), tr("KEY"), tr("Only cases with this need."));
    p.option(QStringLiteral("agency"), tr("NAME"), tr("Only cases referred by or involving this agency."));
    p.option(QStringLiteral("risk"), tr("KEY"), tr("Only cases at this risk level."));
    p.flag(QStringLiteral("overdue"), tr("Only cases with overdue actions."));
    p.option(QStringLiteral("limit"), tr("N"), tr("At most N cases (default 500)."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;

    CaseFilter filter;
    QStringList problems;
    filter.status = p.value(QStringLiteral("status"));
    if (!filter.status.isEmpty())
        checkKey(problems, Vocabulary::caseStatuses(), QStringLiteral("--status"), filter.status);
    filter.needKey = p.value(QStringLiteral("need"));
    if (!filter.needKey.isEmpty())
        checkKey(problems, Vocabulary::needs(), QStringLiteral("--need"), filter.needKey);
    filter.risk = p.value(QStringLiteral("risk"));
    if (!filter.risk.isEmpty())
        checkKey(problems, Vocabulary::riskLevels(), QStringLiteral("--risk"), filter.risk);
    fail(problems);
    filter.search = p.value(QStringLiteral("search"));
    filter.leadWorker = p.value(QStringLiteral("lead"));
    filter.overdueOnly = p.isSet(QStringLiteral("overdue"));
    filter.limit = p.integer(QStringLiteral("limit"), 1, 1000000, 500);
    filter.today = session.today();
    Store& store = session.store();
    if (p.isSet(QStringLiteral("agency"))) {
        const auto agency = AgencyRepository(store).findByName(p.value(QStringLiteral("agency")));
        if (!agency)
            throw CliError(CliError::NotFound,
                tr("There is no agency called \"%1\".").arg(p.value(QStringLiteral("agency"))));
        filter.agencyId = agency->meta.id;
    }
    const QList<CaseSummary> cases = CaseRepository(store).list(filter);
    if (p.json()) {
        session.printJson(RecordJson::summaries(cases, filter.today));
        return 0;
    }
    QTextStream& out = session.out();
    for (const CaseSummary& s : cases) {
        out << s.reference << QLatin1Char('\t') << s.status << QLatin1Char('\t') << s.risk
            << QLatin1Char('\t') << s.referralDate.toString(Qt::ISODate) << QLatin1Char('\t')
            << s.subjectName;
        if (s.overdueActions > 0)
            out << QLatin1Char('\t') << tr("%n overdue action(s)", nullptr, s.overdueActions);
        out << Qt::endl;
    }
    const QMap<QString, int> counts = CaseRepository(store).countsByStatus();
    out << tr("%1 shown; %2 open, %3 closed, %4 referred, %5 accepted, %6 declined in the store")
               .arg(cases.size())
               .arg(counts.value(QStringLiteral("open")))
               .arg(counts.value(QStringLiteral("closed")))
               .arg(counts.value(QStringLiteral("referred")))
               .arg(counts.value(QStringLiteral("accepted")))
               .arg(counts.value(QStringLiteral("declined")))
        << Qt::endl;
    return 0;
}

int CaseCommands::show(CliSession& session, const QStringList& arguments)
{
    CommandParser p(
        QStringLiteral("case show"), tr("Show everything recorded on a case (the view is audited)."));
    p.positional(QStringLiteral("REF"), tr("Case reference, e.g. PVT-2025-0042."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    Store& store = session.store();
    const auto viewed = CaseRepository(store).view(p.argument(0), QStringLiteral("cli show"));
    if (!viewed)
        throw CliError(CliError::NotFound, tr("There is no case %1.").arg(p.argument(0)));
    const CaseRecord& record = *viewed;
    const QDate today = session.today();
    AgencyRepository agencies(store);

    QJsonObject json = RecordJson::caseRecord(record, agencyName(agencies, record.referringAgencyId));
    QJsonArray people;
    for (const CasePerson& link : CaseRepository(store).people(record.meta.id)) {
        if (const auto person = PersonRepository(store).get(link.personId))
            people.append(RecordJson::person(*person, link.role));
    }
    json.insert(QStringLiteral("people"), people);
    QJsonArray needs;
    for (const CaseNeed& n : NeedRepository(store).forCase(record.meta.id))
        needs.append(RecordJson::need(n));
    json.insert(QStringLiteral("needs"), needs);
    QJsonArray involved;
    for (const CaseAgency& a : CaseRepository(store).agencies(record.meta.id))
        involved.append(QJsonObject {{QStringLiteral("agency"), agencyName(agencies, a.agencyId)},
            {QStringLiteral("contact"), a.contact}});
    json.insert(QStringLiteral("agencies"), involved);
    QJsonArray actions;
    for (const CaseAction& a : ActionRepository(store).forCase(record.meta.id))
        actions.append(RecordJson::action(a, agencyName(agencies, a.agencyId), today));
    json.insert(QStringLiteral("actions"), actions);
    QJsonArray notes;
    for (const CaseNote& n : NoteRepository(store).forCase(record.meta.id))
        notes.append(RecordJson::note(n, agencyName(agencies, n.agencyId)));
    json.insert(QStringLiteral("notes"), notes);
    QJsonArray assessments;
    for (const Assessment& a : AssessmentRepository(store).forCase(record.meta.id))
        assessments.append(RecordJson::assessment(a));
    json.insert(QStringLiteral("assessments"), assessments);

    if (p.json()) {
        session.printJson(json);
        return 0;
    }
    printCase(session, record);
    QTextStream& out = session.out();
    const auto section = [&](const QString& title, const QJsonArray& items, auto&& line) {
        out << Qt::endl << title << QStringLiteral(" (%1)").arg(items.size()) << Qt::endl;
        for (const auto& item : items)
            out << QStringLiteral("  ") << line(item.toObject()) << Qt::endl;
    };
    const auto s = [](const QJsonObject& o, const char* key) {
        return o.value(QLatin1String(key)).toVariant().toString();
    };
    section(tr("People"), people, [&](const QJsonObject& o) {
        return tr("%1: %2 %3, born %4, NHS %5, %6")
            .arg(s(o, "role"), s(o, "given_name"), s(o, "family_name"), s(o, "date_of_birth"),
                s(o, "nhs_number"), s(o, "postcode"));
    });
    section(tr("Needs"), needs, [&](const QJsonObject& o) {
        return tr("%1 (%2 severity, %3)")
            .arg(Vocabulary::needs().label(s(o, "need")), s(o, "severity"), s(o, "status"));
    });
    section(tr("Agencies involved"), involved,
        [&](const QJsonObject& o) { return tr("%1 %2").arg(s(o, "agency"), s(o, "contact")).trimmed(); });
    section(tr("Actions"), actions, [&](const QJsonObject& o) {
        const QString mark = o.value(QStringLiteral("overdue")).toBool() ? tr("OVERDUE ") : QString();
        return tr("%1%2 [%3] due %4, %5 (%6) id %7")
            .arg(mark, s(o, "what"), s(o, "status"), s(o, "due"), s(o, "owner"), s(o, "agency"), s(o, "id"));
    });
    section(tr("Notes"), notes, [&](const QJsonObject& o) {
        QStringList flags;
        if (o.value(QStringLiteral("significant")).toBool())
            flags << tr("significant");
        if (o.value(QStringLiteral("agency_only")).toBool())
            flags << tr("agency only");
        if (!s(o, "corrects").isEmpty())
            flags << tr("corrects %1").arg(s(o, "corrects"));
        return tr("%1 %2 by %3 [%4] id %5\n    %6")
            .arg(s(o, "date"), Vocabulary::noteKinds().label(s(o, "kind")), s(o, "author"),
                flags.join(QStringLiteral(", ")), s(o, "id"),
                s(o, "text").replace(QLatin1Char('\n'), QStringLiteral("\n    ")));
    });
    section(tr("Assessments"), assessments, [&](const QJsonObject& o) {
        QString detail;
        if (o.contains(QStringLiteral("scores"))) {
            QStringList scores;
            for (const auto& v : o.value(QStringLiteral("scores")).toArray())
                scores << QString::number(v.toInt());
            detail = scores.join(QLatin1Char(','));
        } else if (o.contains(QStringLiteral("score"))) {
            detail = tr("score %1, level %2").arg(s(o, "score"), s(o, "level"));
        } else {
            detail = tr("GP %1, A&E %2 over %3 months").arg(s(o, "gp"), s(o, "ae"), s(o, "months"));
        }
        return tr("%1 %2 %3: %4").arg(s(o, "date"), s(o, "kind"), s(o, "stage"), detail);
    });
    return 0;
}

void CaseCommands::printCase(CliSession& session, const CaseRecord& c)
{
    QTextStream& out = session.out();
    const auto d
        = [](const QDate& date) { return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("-"); };
    out << tr("Case %1 (%2 since %3)")
               .arg(c.reference, Vocabulary::caseStatuses().label(c.status), d(c.statusDate))
        << Qt::endl;
    out << (c.referrerName.isEmpty() ? tr("Referred: %1").arg(d(c.referralDate))
                                     : tr("Referred: %1 by %2").arg(d(c.referralDate), c.referrerName))
        << Qt::endl;
    out << tr("Reason: %1").arg(c.reason) << Qt::endl;
    out << tr("Consent: %1 (%2)").arg(Vocabulary::consentStatuses().label(c.consent), d(c.consentDate))
        << Qt::endl;
    if (!c.lawfulBasis.isEmpty())
        out << tr("Lawful basis: %1").arg(c.lawfulBasis) << Qt::endl;
    out << tr("Risk: %1 %2").arg(Vocabulary::riskLevels().label(c.risk), c.riskRationale).trimmed()
        << Qt::endl;
    out << tr("Lead worker: %1; next review %2")
               .arg(c.leadWorker.isEmpty() ? tr("none") : c.leadWorker, d(c.reviewDate))
        << Qt::endl;
    if (c.status == QLatin1String("closed"))
        out << tr("Closed: %1 (%2)").arg(d(c.closedDate), Vocabulary::closureReasons().label(c.closureReason))
            << Qt::endl;
    if (c.status == QLatin1String("declined"))
        out << tr("Declined: %1").arg(c.declineReason) << Qt::endl;
}

int CaseCommands::update(CliSession& session, const QStringList& arguments)
{
    CommandParser p(
        QStringLiteral("case update"), tr("Change a case's details, subject, people or agencies."));
    p.positional(QStringLiteral("REF"), tr("Case reference."));
    p.option(QStringLiteral("risk"), tr("KEY"), tr("low, medium or high."));
    p.option(QStringLiteral("risk-rationale"), tr("TEXT"), tr("Why that risk level."));
    p.option(QStringLiteral("lead"), tr("WORKER"), tr("Lead worker."));
    p.option(QStringLiteral("review-date"), tr("DATE"), tr("Next review date."));
    p.option(QStringLiteral("consent"), tr("KEY"), tr("given, refused or not-sought."));
    p.option(QStringLiteral("consent-date"), tr("DATE"), tr("When consent was recorded."));
    p.option(QStringLiteral("lawful-basis"), tr("TEXT"), tr("Lawful basis when sharing without consent."));
    p.option(QStringLiteral("reason"), tr("TEXT"), tr("Reason for referral."));
    p.option(QStringLiteral("referrer-name"), tr("NAME"), tr("Who referred."));
    p.option(QStringLiteral("referrer-contact"), tr("TEXT"), tr("How to reach the referrer."));
    addPersonOptions(p, QStringLiteral("subject-"));
    addPersonOptions(p, QStringLiteral("add-person-"));
    p.option(
        QStringLiteral("add-person-role"), tr("KEY"), tr("household, carer or other (default household)."));
    p.option(QStringLiteral("add-agency"), tr("NAME"), tr("An agency now involved (created if new)."));
    p.option(QStringLiteral("agency-contact"), tr("TEXT"), tr("That agency's contact for this case."));
    if (!p.parse(session, arguments))
        return 0;
    CaseRecord record = require(session, p.argument(0));
    Store& store = session.store();
    const QDate today = session.today();
    QStringList problems;
    const auto text = [&](const char* name, QString& field, int max) {
        if (p.isSet(QLatin1String(name))) {
            field = p.value(QLatin1String(name));
            checkText(
                problems, Validation::optionalText(field, QStringLiteral("--") + QLatin1String(name), max));
        }
    };
    const auto key = [&](const char* name, QString& field, const Vocabulary& vocabulary) {
        if (p.isSet(QLatin1String(name))) {
            field = p.value(QLatin1String(name));
            checkKey(problems, vocabulary, QStringLiteral("--") + QLatin1String(name), field);
        }
    };
    key("risk", record.risk, Vocabulary::riskLevels());
    key("consent", record.consent, Vocabulary::consentStatuses());
    text("risk-rationale", record.riskRationale, maxLongText);
    text("lead", record.leadWorker, maxShortText);
    text("lawful-basis", record.lawfulBasis, maxLongText);
    text("referrer-name", record.referrerName, maxShortText);
    text("referrer-contact", record.referrerContact, maxShortText);
    if (p.isSet(QStringLiteral("reason"))) {
        record.reason = p.value(QStringLiteral("reason"));
        checkText(problems, Validation::requiredText(record.reason, QStringLiteral("--reason"), maxLongText));
    }
    record.reviewDate = p.date(QStringLiteral("review-date"), today, record.reviewDate, true);
    if (p.isSet(QStringLiteral("consent-date"))) {
        record.consentDate = p.date(QStringLiteral("consent-date"), today, record.consentDate);
        record.consentRecordedBy = session.actor();
    }

    const QList<CasePerson> links = CaseRepository(store).people(record.meta.id);
    std::optional<Person> subject;
    for (const CasePerson& link : links) {
        if (link.role == QLatin1String("subject"))
            subject = PersonRepository(store).get(link.personId);
    }
    if (subject)
        problems << readPerson(p, QStringLiteral("subject-"), today, *subject);
    if (subject && p.isSet(QStringLiteral("subject-date-of-birth")) && subject->dateOfBirth.isValid()
        && subject->dateOfBirth >= record.referralDate)
        problems << tr("--subject-date-of-birth is not before the referral date");
    Person added;
    problems << readPerson(p, QStringLiteral("add-person-"), today, added);
    const bool addingPerson = !added.givenName.isEmpty() || !added.familyName.isEmpty();
    const QString role = p.isSet(QStringLiteral("add-person-role"))
        ? p.value(QStringLiteral("add-person-role"))
        : QStringLiteral("household");
    checkKey(problems, Vocabulary::casePersonRoles(), QStringLiteral("--add-person-role"), role);
    if (role == QLatin1String("subject"))
        problems << tr("--add-person-role: a case has one subject; use --subject-... options to change them");
    fail(problems);

    int changes = 0;
    store.write([&] {
        changes += CaseRepository(store).update(record) ? 1 : 0;
        if (subject)
            changes += PersonRepository(store).update(*subject, record.reference) ? 1 : 0;
        if (addingPerson) {
            PersonRepository(store).add(added, record.reference);
            CasePerson link;
            link.caseId = record.meta.id;
            link.personId = added.meta.id;
            link.role = role;
            CaseRepository(store).linkPerson(link, record.reference);
            ++changes;
        }
        if (p.isSet(QStringLiteral("add-agency"))) {
            CaseAgency involvement;
            involvement.caseId = record.meta.id;
            involvement.agencyId
                = AgencyRepository(store).findOrCreate(p.value(QStringLiteral("add-agency"))).meta.id;
            involvement.contact = p.value(QStringLiteral("agency-contact"));
            CaseRepository(store).addAgency(involvement, record.reference);
            ++changes;
        }
    });
    session.out() << (changes > 0 ? tr("Updated %1.").arg(record.reference)
                                  : tr("Nothing to change on %1.").arg(record.reference))
                  << Qt::endl;
    return 0;
}

int CaseCommands::status(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("case status"),
        tr("Move a case through its lifecycle: referred -> accepted -> "
           "open -> closed, referred -> declined, closed -> open."));
    p.positional(QStringLiteral("REF"), tr("Case reference."));
    p.positional(QStringLiteral("STATUS"), tr("accepted, open, closed or declined."));
    p.option(QStringLiteral("date"), tr("DATE"), tr("Date of the change (default today)."));
    p.option(QStringLiteral("reason"), tr("TEXT"),
        tr("Closing: one of %1. Declining or reopening: why.")
            .arg(Vocabulary::closureReasons().keys().join(QStringLiteral(", "))));
    p.flag(QStringLiteral("assessment-declined"),
        tr("Close although no closing assessment is recorded (it was offered and declined)."));
    if (!p.parse(session, arguments))
        return 0;
    CaseRecord record = require(session, p.argument(0));
    Store& store = session.store();
    TransitionRequest request;
    request.to = p.argument(1);
    request.date = p.date(QStringLiteral("date"), session.today(), session.today(), true);
    request.reason = p.value(QStringLiteral("reason"));
    request.closingAssessmentOffered = p.isSet(QStringLiteral("assessment-declined"));
    const QString from = record.status;
    if (const QString problem = CaseTransitions::apply(store, record, request, session.today());
        !problem.isEmpty())
        throw CliError(CliError::InvalidInput, problem);
    session.out() << tr("%1: %2 -> %3").arg(record.reference, from, record.status) << Qt::endl;
    return 0;
}
