#include "CaseGenerator.h"

#include "core/CaseReference.h"
#include "core/Vocabulary.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"
#include "store/Store.h"

#include <QHash>
#include <QRandomGenerator>

namespace {
const char* const givenNames[] = {"Alys", "Bryn", "Carys", "Dafydd", "Eira", "Ffion", "Gethin", "Heledd",
    "Iestyn", "Jac", "Keira", "Lowri", "Agnes", "Bernard", "Cyril", "Doris", "Edna", "Frank"};
const char* const familyNames[] = {"Ashcombe", "Brindle", "Calloway", "Dunmore", "Eastwood", "Fairley",
    "Greaves", "Holroyd", "Ingleby", "Jessop", "Kershaw", "Lomax"};
const char* const reasons[] = {"Build-up of belongings and a fire risk noted at a home visit.",
    "Recently bereaved and missing GP appointments.", "Rent arrears and a notice seeking possession.",
    "Repeated calls about anti-social behaviour; isolated.", "Debt with several lenders."};
const char* const noteTexts[] = {"Home visit with the fire safety officer; hallway partly cleared.",
    "Phoned to check in; has been to the community cafe twice.",
    "Multi-agency meeting: housing to contact the landlord.", "Planned visit: no answer, left a card.",
    "Accompanied to the GP; follow-up visit booked."};
const char* const workers[] = {"Sam Whittle", "Priya Shah", "Tom Baxter", "Grace Okafor", "Kim Lee"};

template<typename T, std::size_t N> const T& pick(QRandomGenerator& rng, const T (&items)[N])
{
    return items[rng.bounded(static_cast<quint32>(N))];
}

QString status(QRandomGenerator& rng)
{
    const quint32 roll = rng.bounded(100u);
    if (roll < 55)
        return QStringLiteral("closed");
    if (roll < 85)
        return QStringLiteral("open");
    if (roll < 92)
        return QStringLiteral("referred");
    if (roll < 97)
        return QStringLiteral("accepted");
    return QStringLiteral("declined");
}

class Writer
{
public:
    Writer(Store& store, const QDate& today)
        : m_store(store)
        , m_today(today)
        , m_rng(2024)
    {
        const char* const names[] = {"Lancashire Police", "Community Fire Safety", "Mental Health Trust",
            "Council Communities Team", "Homelessness Prevention"};
        for (const char* name : names) {
            Agency agency;
            agency.name = QString::fromUtf8(name);
            agency.kind = QStringLiteral("council");
            AgencyRepository(store).add(agency);
            m_agencyIds << agency.meta.id;
        }
    }

    void addCase(int index, int total)
    {
        CaseRecord c;
        // Ten years of referrals, oldest first, so the newest cases come last as in real use.
        c.referralDate = m_today.addDays(-3650 + static_cast<qint64>(index) * 3650 / total);
        c.reference = CaseReference::format(c.referralDate.year(), ++m_perYear[c.referralDate.year()]);
        c.status = status(m_rng);
        c.statusDate = c.referralDate;
        c.closedDate = c.status == QLatin1String("closed") ? c.referralDate.addDays(90) : QDate();
        c.closureReason = c.status == QLatin1String("closed") ? QStringLiteral("outcomes-met") : QString();
        c.referringAgencyId = m_agencyIds.at(static_cast<int>(m_rng.bounded(5u)));
        c.reason = QString::fromUtf8(pick(m_rng, reasons));
        c.consent = QStringLiteral("given");
        c.risk = Vocabulary::riskLevels().keys().at(static_cast<int>(m_rng.bounded(3u)));
        c.leadWorker = QString::fromUtf8(pick(m_rng, workers));
        c.reviewDate = c.referralDate.addDays(28);
        CaseRepository(m_store).add(c);
        addSubject(c);
        addNeedsAndActions(c);
        addNotes(c, index);
    }

private:
    void addSubject(const CaseRecord& c)
    {
        Person subject;
        subject.givenName = QString::fromUtf8(pick(m_rng, givenNames));
        subject.familyName = QString::fromUtf8(pick(m_rng, familyNames));
        PersonRepository(m_store).add(subject, c.reference);
        CasePerson link;
        link.caseId = c.meta.id;
        link.personId = subject.meta.id;
        CaseRepository(m_store).linkPerson(link, c.reference);
    }

    void addNeedsAndActions(const CaseRecord& c)
    {
        const QStringList needKeys = Vocabulary::needs().keys();
        const int count = 1 + static_cast<int>(m_rng.bounded(2u));
        for (int n = 0; n < count; ++n) {
            CaseNeed need;
            need.caseId = c.meta.id;
            need.needKey = needKeys.at((static_cast<int>(m_rng.bounded(4u)) + n * 4) % needKeys.size());
            NeedRepository(m_store).add(need, c.reference);
            CaseAction action;
            action.caseId = c.meta.id;
            action.description = QStringLiteral("Follow-up visit");
            action.owner = c.leadWorker;
            action.dueDate = c.referralDate.addDays(14 + static_cast<qint64>(m_rng.bounded(60u)));
            // Closed cases have no open actions; on live ones about a third run late.
            if (c.status == QLatin1String("closed") || m_rng.bounded(3u) != 0) {
                action.status = QStringLiteral("done");
                action.completedDate = qMin(action.dueDate, m_today);
            }
            ActionRepository(m_store).add(action, c.reference);
        }
    }

    void addNotes(const CaseRecord& c, int index)
    {
        const int count = 2 + static_cast<int>(m_rng.bounded(2u));
        for (int n = 0; n < count; ++n) {
            CaseNote note;
            note.caseId = c.meta.id;
            note.occurredOn = c.referralDate.addDays(n * 7);
            note.author = c.leadWorker;
            note.text = QString::fromUtf8(pick(m_rng, noteTexts));
            if (n == 0 && index % 500 == 0)
                note.text += QStringLiteral(" Talked about the xylophone group.");
            NoteRepository(m_store).add(note, c.reference);
        }
    }

    Store& m_store;
    QDate m_today;
    QRandomGenerator m_rng;
    QStringList m_agencyIds;
    QHash<int, int> m_perYear;
};
} // namespace

void CaseGenerator::populate(Store& store, int cases, const QDate& today)
{
    constexpr int batch = 2000;
    Writer writer(store, today);
    for (int first = 0; first < cases; first += batch) {
        store.write([&] {
            for (int i = first; i < qMin(cases, first + batch); ++i)
                writer.addCase(i, cases);
        });
    }
}
