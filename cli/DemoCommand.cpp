#include "DemoCommand.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "core/CaseLifecycle.h"
#include "core/Vocabulary.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"

#include <QRandomGenerator>

#include <cstring>
#include <iterator>

namespace {
// Invented names; any likeness to a real person is chance. Every demo address is on a
// street that does not exist in the borough ("Demo ...").
const char* const givenNames[]
    = {"Alys", "Bryn", "Carys", "Dafydd", "Eira", "Ffion", "Gethin", "Heledd", "Iestyn", "Jac", "Keira",
        "Lowri", "Macsen", "Nia", "Owain", "Pryderi", "Rhian", "Seren", "Tegid", "Wyn", "Agnes", "Bernard",
        "Cyril", "Doris", "Edna", "Frank", "Gladys", "Harold", "Ivy", "Jean", "Kenneth", "Lilian"};
const char* const familyNames[] = {"Ashcombe", "Brindle", "Calloway", "Dunmore", "Eastwood", "Fairley",
    "Greaves", "Holroyd", "Ingleby", "Jessop", "Kershaw", "Lomax", "Marsden", "Nuttall", "Ormerod", "Pickup",
    "Quayle", "Rushton", "Sowerby", "Tattersall"};
const char* const streets[] = {"Demo Street", "Demo Lane", "Demo Close", "Demo Avenue", "Demo Row"};
const char* const agencies[][2] = {{"Lancashire Police", "police"}, {"Community Fire Safety", "fire"},
    {"Mental Health Trust", "health"}, {"Council Communities Team", "council"},
    {"Social Prescribing", "council"}, {"Homelessness Prevention", "housing"},
    {"Children and Families Wellbeing Service", "childrens-services"},
    {"Volunteer Partnership", "voluntary"}};
const char* const reasons[] = {"Neighbours report a build-up of belongings and a smell from the property; "
                               "fire risk noted at a home visit.",
    "Recently bereaved, not leaving the house, missed several GP appointments.",
    "Rent arrears and a notice seeking possession; anxious and not opening post.",
    "Repeated calls to police about anti-social behaviour; lives alone and appears isolated.",
    "Drinking has increased since losing work; family worried about self-neglect.",
    "Hoarding in the kitchen and hallway; smoke alarm not working.",
    "Lonely since moving to the area; asked the GP surgery for help meeting people.",
    "Debt with several lenders and a disconnected gas supply."};
const char* const noteTexts[] = {"Home visit with the fire safety officer. Hallway partly cleared since last "
                                 "time; agreed the next room to tackle.",
    "Phoned to check in. Sounded brighter and has been to the community cafe twice.",
    "Multi-agency meeting: housing to contact the landlord, council to help with a benefits check.",
    "Letter sent confirming the agreed plan and the date of the next visit.",
    "Did not answer at the planned visit. Left a card and will phone tomorrow.",
    "Accompanied to the GP appointment. New medication started; follow-up booked.",
    "Attended the walking group with a volunteer and wants to go again.",
    "Debt advice appointment done; repayment plan agreed with two creditors."};
const char* const actionTexts[] = {"Fit and test smoke alarms", "Benefits check",
    "Refer to bereavement support", "Contact landlord about arrears", "Introduce to walking group",
    "Book debt advice appointment", "Arrange skip for garden clearance", "Review medication with GP"};

template<typename T, std::size_t N> const T& pick(QRandomGenerator& rng, const T (&items)[N])
{
    return items[rng.bounded(static_cast<quint32>(N))];
}

QString nhsNumberFor(QRandomGenerator& rng)
{
    // Random digits with a valid modulus 11 check digit, starting 999 (a range not issued).
    for (;;) {
        QString digits = QStringLiteral("999");
        for (int i = 0; i < 6; ++i)
            digits += QChar(u'0' + rng.bounded(10));
        int sum = 0;
        for (int i = 0; i < 9; ++i)
            sum += digits.at(i).digitValue() * (10 - i);
        const int check = 11 - sum % 11;
        if (check == 10)
            continue;
        return digits + QString::number(check == 11 ? 0 : check);
    }
}
} // namespace

int DemoCommand::run(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("demo"),
        tr("Create a store filled with a year of fictional casework, for trying "
           "the app, screenshots and benchmarks. Refuses to touch an existing "
           "store."));
    p.option(QStringLiteral("cases"), tr("N"), tr("How many cases (default 120)."));
    p.option(
        QStringLiteral("seed"), tr("N"), tr("Random seed, for the same data every time (default 2024)."));
    p.option(QStringLiteral("kdf-memory-mib"), tr("MIB"), tr("As for init."));
    p.option(QStringLiteral("kdf-ops"), tr("N"), tr("As for init."));
    if (!p.parse(session, arguments))
        return 0;
    const int cases = p.integer(QStringLiteral("cases"), 1, 1000000, 120);
    const int seed = p.integer(QStringLiteral("seed"), 0, 1000000000, 2024);
    const int memory = p.integer(QStringLiteral("kdf-memory-mib"), 19, 4096, 256);
    const int ops = p.integer(QStringLiteral("kdf-ops"), 2, 20, 3);
    Store& store = session.createStore(KeyDerivation::freshParams(
        static_cast<quint64>(ops), static_cast<quint64>(memory) * 1024ull * 1024ull));
    populate(store, cases, static_cast<quint32>(seed), session.today());
    session.out()
        << tr("Created a demo store with %n fictional case(s) at %1", nullptr, cases).arg(store.path())
        << Qt::endl;
    return 0;
}

void DemoCommand::populate(Store& store, int caseCount, quint32 seed, const QDate& today)
{
    QRandomGenerator rng(seed);
    store.write([&] {
        QStringList agencyIds;
        for (const auto& a : agencies) {
            Agency agency;
            agency.name = QString::fromUtf8(a[0]);
            agency.kind = QString::fromUtf8(a[1]);
            AgencyRepository(store).add(agency);
            agencyIds << agency.meta.id;
        }
        const QStringList needKeys = Vocabulary::needs().keys();
        const QStringList workers {QStringLiteral("Sam Whittle"), QStringLiteral("Priya Shah"),
            QStringLiteral("Tom Baxter"), QStringLiteral("Grace Okafor")};
        for (int i = 0; i < caseCount; ++i) {
            CaseRecord c;
            c.referralDate = today.addDays(-static_cast<qint64>(rng.bounded(365u)) - 1);
            c.statusDate = c.referralDate;
            c.referringAgencyId
                = agencyIds.at(static_cast<int>(rng.bounded(static_cast<quint32>(agencyIds.size()))));
            c.referrerName = QString::fromUtf8(pick(rng, givenNames)) + QStringLiteral(" (referrer)");
            c.reason = QString::fromUtf8(pick(rng, reasons));
            c.consent = rng.bounded(10u) < 8 ? QStringLiteral("given") : QStringLiteral("not-sought");
            c.consentDate = c.consent == QLatin1String("given") ? c.referralDate : QDate();
            c.risk = Vocabulary::riskLevels().keys().at(static_cast<int>(rng.bounded(3u)));
            c.leadWorker = workers.at(static_cast<int>(rng.bounded(static_cast<quint32>(workers.size()))));
            c.reviewDate = today.addDays(static_cast<qint64>(rng.bounded(60u)) - 20);
            // A complete consent record, as the case details rules ask of a worker.
            if (c.consent == QLatin1String("given"))
                c.consentRecordedBy = c.leadWorker;
            else
                c.lawfulBasis
                    = QStringLiteral("UK GDPR Art. 6(1)(e) public task and Art. 9(2)(g) substantial "
                                     "public interest: safeguarding an adult at risk");
            CaseRepository(store).add(c);

            Person subject;
            subject.givenName = QString::fromUtf8(pick(rng, givenNames));
            subject.familyName = QString::fromUtf8(pick(rng, familyNames));
            subject.dateOfBirth = QDate(1940 + static_cast<int>(rng.bounded(60u)),
                1 + static_cast<int>(rng.bounded(12u)), 1 + static_cast<int>(rng.bounded(28u)));
            subject.nhsNumber = nhsNumberFor(rng);
            subject.address = QStringLiteral("%1 %2")
                                  .arg(1 + rng.bounded(120u))
                                  .arg(QString::fromUtf8(pick(rng, streets)));
            subject.postcode = QStringLiteral("PR7 %1%2%3")
                                   .arg(rng.bounded(10u))
                                   .arg(QChar(u'A' + rng.bounded(26)))
                                   .arg(QChar(u'A' + rng.bounded(26)));
            PersonRepository(store).add(subject, c.reference);
            CasePerson link;
            link.caseId = c.meta.id;
            link.personId = subject.meta.id;
            CaseRepository(store).linkPerson(link, c.reference);

            const int needs = 1 + static_cast<int>(rng.bounded(3u));
            QStringList used;
            for (int n = 0; n < needs; ++n) {
                const QString key
                    = needKeys.at(static_cast<int>(rng.bounded(static_cast<quint32>(needKeys.size() - 1))));
                if (used.contains(key))
                    continue;
                used << key;
                CaseNeed need;
                need.caseId = c.meta.id;
                need.needKey = key;
                need.severity = Vocabulary::severities().keys().at(static_cast<int>(rng.bounded(3u)));
                need.clutterRating
                    = key == QLatin1String("hoarding") ? 3 + static_cast<int>(rng.bounded(6u)) : 0;
                NeedRepository(store).add(need, c.reference);
            }
            const qint64 age = c.referralDate.daysTo(today);
            const int notes = 2 + static_cast<int>(rng.bounded(12u));
            for (int n = 0; n < notes; ++n) {
                CaseNote note;
                note.caseId = c.meta.id;
                note.occurredOn = c.referralDate.addDays(age * n / notes);
                note.author = c.leadWorker;
                note.kind = Vocabulary::noteKinds().keys().at(static_cast<int>(rng.bounded(7u)));
                note.text = QString::fromUtf8(pick(rng, noteTexts));
                note.significant = rng.bounded(4u) == 0;
                NoteRepository(store).add(note, c.reference);
            }
            const bool closes = age > 90 && rng.bounded(5u) != 0;
            const int actions = 1 + static_cast<int>(rng.bounded(3u));
            QStringList involved; // each action's agency is involved in the case, with a contact
            for (int n = 0; n < actions; ++n) {
                CaseAction action;
                action.caseId = c.meta.id;
                action.description = QString::fromUtf8(pick(rng, actionTexts));
                action.agencyId
                    = agencyIds.at(static_cast<int>(rng.bounded(static_cast<quint32>(agencyIds.size()))));
                action.owner = c.leadWorker;
                action.dueDate = c.referralDate.addDays(14 + static_cast<qint64>(rng.bounded(90u)));
                // A closed case has no open actions left; on open cases some run late.
                if (closes || (action.dueDate < today && rng.bounded(3u) != 0)) {
                    action.status = QStringLiteral("done");
                    action.completedDate = qMin(action.dueDate, today);
                }
                ActionRepository(store).add(action, c.reference);
                if (!involved.contains(action.agencyId)) {
                    involved << action.agencyId;
                    CaseAgency involvement;
                    involvement.caseId = c.meta.id;
                    involvement.agencyId = action.agencyId;
                    // Chosen without the random generator, so the rest of the demo stays as it was.
                    static const char* const contacts[] = {"Duty desk", "Jo Marsh, key worker",
                        "Neighbourhood officer", "Amir Khan, support worker", "Referral hub"};
                    involvement.contact = QString::fromUtf8(contacts[(i + n) % std::size(contacts)]);
                    CaseRepository(store).addAgency(involvement, c.reference);
                }
            }
            const auto assess = [&](const QString& stage, const QDate& on, int lift) {
                Assessment ons4;
                ons4.caseId = c.meta.id;
                ons4.kind = QStringLiteral("ons4");
                ons4.stage = stage;
                ons4.assessedOn = on;
                for (int item = 0; item < 3; ++item)
                    ons4.ons4[static_cast<std::size_t>(item)]
                        = qBound(0, 3 + static_cast<int>(rng.bounded(3u)) + lift, 10);
                ons4.ons4[3] = qBound(0, 7 + static_cast<int>(rng.bounded(3u)) - lift, 10);
                AssessmentRepository(store).add(ons4, c.reference);
                Assessment pam = ons4;
                pam.meta = {};
                pam.kind = QStringLiteral("pam");
                pam.ons4 = {{-1, -1, -1, -1}};
                pam.pamScore = qBound(0.0, 40.0 + rng.bounded(15) + lift * 4.0, 100.0);
                AssessmentRepository(store).add(pam, c.reference);
                Assessment use = pam;
                use.meta = {};
                use.kind = QStringLiteral("service-use");
                use.pamScore = -1;
                use.gpAppointments = qMax(0, 6 + static_cast<int>(rng.bounded(6u)) - lift * 2);
                use.aeAttendances = qMax(0, 2 + static_cast<int>(rng.bounded(3u)) - lift);
                use.periodMonths = 6;
                AssessmentRepository(store).add(use, c.reference);
            };
            assess(QStringLiteral("baseline"), qMin(c.referralDate.addDays(7), today), 0);
            if (closes) {
                // Most older cases have been worked through to closure.
                const QDate closed = c.referralDate.addDays(
                    60 + static_cast<qint64>(rng.bounded(static_cast<quint32>(age - 60))));
                for (const char* step : {"accepted", "open"}) {
                    TransitionRequest r;
                    r.to = QLatin1String(step);
                    r.date = c.referralDate.addDays(std::strcmp(step, "open") == 0 ? 7 : 2);
                    CaseLifecycle::apply(c, r);
                }
                assess(QStringLiteral("closing"), closed, 2 + static_cast<int>(rng.bounded(2u)));
                TransitionRequest close;
                close.to = QStringLiteral("closed");
                close.date = closed;
                close.reason = Vocabulary::closureReasons().keys().at(static_cast<int>(rng.bounded(3u)));
                close.closingAssessmentOffered = true;
                CaseLifecycle::apply(c, close);
            } else if (age > 14) {
                TransitionRequest open;
                open.to = QStringLiteral("accepted");
                open.date = c.referralDate.addDays(2);
                CaseLifecycle::apply(c, open);
                open.to = QStringLiteral("open");
                open.date = c.referralDate.addDays(7);
                CaseLifecycle::apply(c, open);
            }
            CaseRepository(store).update(c);
        }
    });
}
