#include "StoreTestSupport.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/AuditLog.h"
#include "store/CaseFacets.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/NormRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"
#include "store/ReferralImporter.h"
#include "store/StoreError.h"
#include "store/StoreSettings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <stdexcept>

using namespace StoreTestSupport;

namespace {
const QDateTime pinnedNow(QDate(2025, 6, 15), QTime(10, 30, 0), Qt::UTC);
const QString pinnedNowText = QStringLiteral("2025-06-15T10:30:00.000Z");
} // namespace

// What one write is expected to queue for the server and record in the audit log.
struct ExpectedChange
{
    QString entity;
    QString rowId;
    QString op; // create | update
    qint64 baseRev = 0;
    QJsonObject payload; // the written fields; updated_at and updated_by are checked as well
    QString caseReference;
    QString auditDetail; // null: not checked
};

// The outbox and audit sequence numbers before a write.
struct Mark
{
    qint64 outbox = 0;
    qint64 audit = 0;
};

// A CaseFilter built field by field: F().status("open").risk("high").
struct F : CaseFilter
{
    F& status(const QString& v) { return set(&CaseFilter::status, v); }
    F& leadWorker(const QString& v) { return set(&CaseFilter::leadWorker, v); }
    F& needKey(const QString& v) { return set(&CaseFilter::needKey, v); }
    F& agencyId(const QString& v) { return set(&CaseFilter::agencyId, v); }
    F& risk(const QString& v) { return set(&CaseFilter::risk, v); }
    F& search(const QString& v) { return set(&CaseFilter::search, v); }
    F& referred(const QDate& from, const QDate& to)
    {
        referredFrom = from;
        referredTo = to;
        return *this;
    }
    F& referredBy(const QString& name)
    {
        referringAgencyName = name;
        return *this;
    }
    F& overdueOn(const QDate& day)
    {
        overdueOnly = true;
        today = day;
        return *this;
    }

private:
    template<typename T> F& set(T CaseFilter::*field, const T& value)
    {
        this->*field = value;
        return *this;
    }
};

// Asserts inside helpers return from the helper only; these return from the test too.
#define EXPECT_ONE_CHANGE(before, expected)                                                                  \
    do {                                                                                                     \
        expectOneChange(before, expected);                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)
#define EXPECT_NO_CHANGE(before)                                                                             \
    do {                                                                                                     \
        expectNoChange(before);                                                                              \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestRepositories : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void agencyRoundTrip();
    void personRoundTrip();
    void caseRoundTrip();
    void caseReferencesCountUpPerYear();
    void importNumbersOnFromTheHighest();
    void caseListWalksItsIndex();
    void caseUpdateCarriesBaseRev();
    void casePersonAndAgencyLinks();
    void needAddAndUpdate();
    void actionAddAndUpdate();
    void notesAndCorrections();
    void notesCannotBeChanged();
    void assessmentsOfEachKind();
    void assessmentsCannotBeChanged();
    void referenceNorms();
    void settings();
    void auditLogIsAppendOnly();
    void auditCarriesTheActor();
    void throwInsideWriteRollsBackEverything();
    void failedInsertRollsBackEverything();
    void listAndCountFilters();
    void listPagesAndSummaries();
    void viewIsAudited();

private:
    Store& store() { return *m_store; }
    Mark mark();
    void expectOneChange(const Mark& before, const ExpectedChange& expected);
    void expectNoChange(const Mark& before);
    CaseRecord addCase(const QDate& referralDate, const QString& reason = QString());
    static QStringList references(const QList<CaseSummary>& summaries);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void TestRepositories::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = createStore(m_dir->filePath(QStringLiteral("team.casebook")));
    m_store->setClockForTesting(pinnedNow);
}

void TestRepositories::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

Mark TestRepositories::mark()
{
    return {store().db().scalar("SELECT coalesce(max(seq), 0) FROM outbox"),
        store().db().scalar("SELECT coalesce(max(seq), 0) FROM audit_log")};
}

void TestRepositories::expectOneChange(const Mark& before, const ExpectedChange& expected)
{
    Statement outbox = store().db().prepare(
        "SELECT change_id, entity, row_id, base_rev, op, payload, created_at FROM outbox WHERE seq > ?1");
    outbox.bind(1, before.outbox);
    QVERIFY2(outbox.next(), "no outbox row");
    QVERIFY(!QUuid::fromString(outbox.text(0)).isNull());
    QCOMPARE(outbox.text(1), expected.entity);
    QCOMPARE(outbox.text(2), expected.rowId);
    QCOMPARE(outbox.integer(3), expected.baseRev);
    QCOMPARE(outbox.text(4), expected.op);
    QCOMPARE(outbox.text(6), pinnedNowText);
    QJsonParseError error {};
    const QJsonObject payload = QJsonDocument::fromJson(outbox.text(5).toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QJsonObject wanted = expected.payload;
    wanted.insert(QStringLiteral("updated_at"), pinnedNowText);
    wanted.insert(QStringLiteral("updated_by"), store().actor());
    QCOMPARE(payload.keys(), wanted.keys());
    for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it)
        QVERIFY2(payload.value(it.key()) == it.value(),
            qPrintable(it.key() + QStringLiteral(": ")
                + QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))));
    QVERIFY2(!outbox.next(), "more than one outbox row");

    const QList<AuditEntry> audit = AuditLog(store()).entries(QString(), 10);
    QVERIFY(!audit.isEmpty());
    QCOMPARE(audit.first().sequence, before.audit + 1);
    QVERIFY2(audit.size() < 2 || audit.at(1).sequence <= before.audit, "more than one audit row");
    const AuditEntry& entry = audit.first();
    QCOMPARE(entry.action, expected.op);
    QCOMPARE(entry.entity, expected.entity);
    QCOMPARE(entry.entityId, expected.rowId);
    QCOMPARE(entry.caseReference, expected.caseReference);
    QCOMPARE(entry.actor, store().actor());
    QCOMPARE(entry.at, pinnedNow);
    if (!expected.auditDetail.isNull())
        QCOMPARE(entry.detail, expected.auditDetail);
}

void TestRepositories::expectNoChange(const Mark& before)
{
    const Mark now = mark();
    QCOMPARE(now.outbox, before.outbox);
    QCOMPARE(now.audit, before.audit);
}

CaseRecord TestRepositories::addCase(const QDate& referralDate, const QString& reason)
{
    CaseRecord c;
    c.referralDate = referralDate;
    c.reason = reason;
    CaseRepository(store()).add(c);
    return c;
}

QStringList TestRepositories::references(const QList<CaseSummary>& summaries)
{
    QStringList result;
    for (const CaseSummary& s : summaries)
        result << s.reference;
    return result;
}

void TestRepositories::agencyRoundTrip()
{
    AgencyRepository agencies(store());
    Agency a;
    a.name = QStringLiteral("  Lancashire Fire and Rescue ");
    a.kind = QStringLiteral("fire");
    Mark before = mark();
    agencies.add(a);
    QCOMPARE(a.meta.id.size(), 36);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("agency"), a.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("name"), QStringLiteral("Lancashire Fire and Rescue")},
                {QStringLiteral("kind"), QStringLiteral("fire")}, {QStringLiteral("active"), 1}},
            QString(), QString()}));

    auto read = agencies.get(a.meta.id);
    QVERIFY(read);
    QCOMPARE(read->name, QStringLiteral("Lancashire Fire and Rescue"));
    QCOMPARE(read->kind, QStringLiteral("fire"));
    QCOMPARE(read->active, true);
    QCOMPARE(read->meta.rev, qint64(0));
    QCOMPARE(read->meta.deleted, false);
    QCOMPARE(read->meta.createdAt, pinnedNow);
    QCOMPARE(read->meta.createdBy, QStringLiteral("tester"));
    QCOMPARE(read->meta.updatedAt, pinnedNow);
    QCOMPARE(read->meta.updatedBy, QStringLiteral("tester"));
    QCOMPARE(agencies.findByName(QStringLiteral("LANCASHIRE fire and rescue"))->meta.id, a.meta.id);
    QVERIFY(!agencies.findByName(QStringLiteral("Lancashire")));

    // Changing one field queues only that field.
    read->active = false;
    before = mark();
    agencies.update(*read);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("agency"), a.meta.id, QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("active"), 0}}, QString(), QStringLiteral("active")}));
    QCOMPARE(agencies.get(a.meta.id)->active, false);

    before = mark();
    agencies.update(*read);
    EXPECT_NO_CHANGE(before);

    // findOrCreate reuses what exists and creates the rest once.
    before = mark();
    QCOMPARE(agencies.findOrCreate(QStringLiteral("lancashire fire and rescue")).meta.id, a.meta.id);
    EXPECT_NO_CHANGE(before);
    const Agency created = agencies.findOrCreate(QStringLiteral("Age UK Lancashire"));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("agency"), created.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("name"), QStringLiteral("Age UK Lancashire")},
                {QStringLiteral("kind"), QStringLiteral("other")}, {QStringLiteral("active"), 1}},
            QString(), QString()}));
    const QList<Agency> all = agencies.list();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).name, QStringLiteral("Age UK Lancashire"));
    QCOMPARE(all.at(1).name, QStringLiteral("Lancashire Fire and Rescue"));

    // The name is unique.
    Agency duplicate;
    duplicate.name = QStringLiteral("Age UK Lancashire");
    before = mark();
    QVERIFY_THROWS_EXCEPTION(StoreError, agencies.add(duplicate));
    EXPECT_NO_CHANGE(before);
}

void TestRepositories::personRoundTrip()
{
    PersonRepository people(store());
    Person p;
    p.givenName = QStringLiteral("Siân");
    p.familyName = QStringLiteral("O'Brien-Jones");
    p.preferredName = QStringLiteral("Sia");
    p.dateOfBirth = QDate(1947, 2, 28);
    p.nhsNumber = QStringLiteral("9434765919");
    p.address = QStringLiteral("12 Mill Lane, Chorley");
    p.postcode = QStringLiteral("PR7 1DP");
    p.ward = QStringLiteral("Chorley East");
    p.phone = QStringLiteral("07700 900461");
    p.email = QStringLiteral("sian@example.org");
    p.preferredLanguage = QStringLiteral("Welsh");
    p.gpPractice = QStringLiteral("Library House Surgery");
    p.accessNeeds = QStringLiteral("hard of hearing");
    Mark before = mark();
    people.add(p, QStringLiteral("PVT-2025-0009"));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("person"), p.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("given_name"), p.givenName},
                {QStringLiteral("family_name"), p.familyName},
                {QStringLiteral("preferred_name"), p.preferredName},
                {QStringLiteral("date_of_birth"), QStringLiteral("1947-02-28")},
                {QStringLiteral("nhs_number"), p.nhsNumber}, {QStringLiteral("address"), p.address},
                {QStringLiteral("postcode"), p.postcode}, {QStringLiteral("ward"), p.ward},
                {QStringLiteral("phone"), p.phone}, {QStringLiteral("email"), p.email},
                {QStringLiteral("preferred_language"), p.preferredLanguage},
                {QStringLiteral("gp_practice"), p.gpPractice},
                {QStringLiteral("access_needs"), p.accessNeeds}},
            QStringLiteral("PVT-2025-0009"), QString()}));
    // The audit log names the record, never the person.
    QVERIFY(!AuditLog(store()).entries().first().detail.contains(QLatin1String("Si")));

    auto read = people.get(p.meta.id);
    QVERIFY(read);
    QCOMPARE(read->givenName, p.givenName);
    QCOMPARE(read->familyName, p.familyName);
    QCOMPARE(read->preferredName, p.preferredName);
    QCOMPARE(read->dateOfBirth, QDate(1947, 2, 28));
    QCOMPARE(read->nhsNumber, p.nhsNumber);
    QCOMPARE(read->address, p.address);
    QCOMPARE(read->postcode, p.postcode);
    QCOMPARE(read->ward, p.ward);
    QCOMPARE(read->phone, p.phone);
    QCOMPARE(read->email, p.email);
    QCOMPARE(read->preferredLanguage, p.preferredLanguage);
    QCOMPARE(read->gpPractice, p.gpPractice);
    QCOMPARE(read->accessNeeds, p.accessNeeds);
    QCOMPARE(read->meta.createdAt, pinnedNow);
    QVERIFY(!people.get(QStringLiteral("no-such-id")));

    // Clearing the date of birth and moving house.
    read->dateOfBirth = QDate();
    read->postcode = QStringLiteral("PR7 2AA");
    before = mark();
    QVERIFY(people.update(*read, QStringLiteral("PVT-2025-0009")));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("person"), p.meta.id, QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("date_of_birth"), QJsonValue::Null},
                {QStringLiteral("postcode"), QStringLiteral("PR7 2AA")}},
            QStringLiteral("PVT-2025-0009"), QStringLiteral("date_of_birth, postcode")}));
    QVERIFY(!people.get(p.meta.id)->dateOfBirth.isValid());
    QCOMPARE(people.get(p.meta.id)->postcode, QStringLiteral("PR7 2AA"));

    before = mark();
    QVERIFY(!people.update(*read, QStringLiteral("PVT-2025-0009")));
    EXPECT_NO_CHANGE(before);
}

void TestRepositories::caseRoundTrip()
{
    Agency police;
    police.name = QStringLiteral("Lancashire Police");
    police.kind = QStringLiteral("police");
    AgencyRepository(store()).add(police);

    CaseRepository cases(store());
    CaseRecord c;
    c.status = QStringLiteral("open");
    c.referralDate = QDate(2025, 2, 3);
    c.referringAgencyId = police.meta.id;
    c.referrerName = QStringLiteral("PC Hughes");
    c.referrerContact = QStringLiteral("01257 000000");
    c.reason = QStringLiteral("repeated calls about a hoarded house");
    c.consent = QStringLiteral("given");
    c.consentDate = QDate(2025, 2, 4);
    c.consentRecordedBy = QStringLiteral("amy");
    c.lawfulBasis = QStringLiteral("public task");
    c.risk = QStringLiteral("high");
    c.riskRationale = QStringLiteral("blocked exits");
    c.leadWorker = QStringLiteral("amy");
    c.reviewDate = QDate(2025, 3, 4);
    c.statusDate = QDate(2025, 2, 5);
    Mark before = mark();
    cases.add(c);
    QCOMPARE(c.reference, QStringLiteral("PVT-2025-0001"));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("case"), c.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("reference"), QStringLiteral("PVT-2025-0001")},
                {QStringLiteral("status"), QStringLiteral("open")},
                {QStringLiteral("referral_date"), QStringLiteral("2025-02-03")},
                {QStringLiteral("referring_agency_id"), police.meta.id},
                {QStringLiteral("referrer_name"), c.referrerName},
                {QStringLiteral("referrer_contact"), c.referrerContact}, {QStringLiteral("reason"), c.reason},
                {QStringLiteral("consent"), QStringLiteral("given")},
                {QStringLiteral("consent_date"), QStringLiteral("2025-02-04")},
                {QStringLiteral("consent_recorded_by"), QStringLiteral("amy")},
                {QStringLiteral("lawful_basis"), QStringLiteral("public task")},
                {QStringLiteral("risk"), QStringLiteral("high")},
                {QStringLiteral("risk_rationale"), QStringLiteral("blocked exits")},
                {QStringLiteral("lead_worker"), QStringLiteral("amy")},
                {QStringLiteral("review_date"), QStringLiteral("2025-03-04")},
                {QStringLiteral("status_date"), QStringLiteral("2025-02-05")},
                {QStringLiteral("closed_date"), QJsonValue::Null},
                {QStringLiteral("closure_reason"), QString()}, {QStringLiteral("decline_reason"), QString()}},
            QStringLiteral("PVT-2025-0001"), QStringLiteral("status open")}));

    for (const auto& read : {cases.get(c.meta.id), cases.byReference(QStringLiteral(" pvt-2025-0001 "))}) {
        QVERIFY(read);
        QCOMPARE(read->meta.id, c.meta.id);
        QCOMPARE(read->reference, QStringLiteral("PVT-2025-0001"));
        QCOMPARE(read->status, QStringLiteral("open"));
        QCOMPARE(read->referralDate, QDate(2025, 2, 3));
        QCOMPARE(read->referringAgencyId, police.meta.id);
        QCOMPARE(read->referrerName, c.referrerName);
        QCOMPARE(read->referrerContact, c.referrerContact);
        QCOMPARE(read->reason, c.reason);
        QCOMPARE(read->consent, QStringLiteral("given"));
        QCOMPARE(read->consentDate, QDate(2025, 2, 4));
        QCOMPARE(read->consentRecordedBy, QStringLiteral("amy"));
        QCOMPARE(read->lawfulBasis, QStringLiteral("public task"));
        QCOMPARE(read->risk, QStringLiteral("high"));
        QCOMPARE(read->riskRationale, QStringLiteral("blocked exits"));
        QCOMPARE(read->leadWorker, QStringLiteral("amy"));
        QCOMPARE(read->reviewDate, QDate(2025, 3, 4));
        QCOMPARE(read->statusDate, QDate(2025, 2, 5));
        QVERIFY(!read->closedDate.isValid());
        QCOMPARE(read->closureReason, QString());
        QCOMPARE(read->declineReason, QString());
        QCOMPARE(read->meta.createdAt, pinnedNow);
    }
    QVERIFY(cases.referenceExists(QStringLiteral("PVT-2025-0001")));
    QVERIFY(!cases.referenceExists(QStringLiteral("PVT-2025-0002")));
    QVERIFY(!cases.get(QStringLiteral("no-such-id")));

    // Closing the case changes three fields.
    CaseRecord closed = *cases.get(c.meta.id);
    closed.status = QStringLiteral("closed");
    closed.closedDate = QDate(2025, 6, 1);
    closed.closureReason = QStringLiteral("outcomes-met");
    before = mark();
    QVERIFY(cases.update(closed));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("case"), c.meta.id, QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("closed")},
                {QStringLiteral("closed_date"), QStringLiteral("2025-06-01")},
                {QStringLiteral("closure_reason"), QStringLiteral("outcomes-met")}},
            QStringLiteral("PVT-2025-0001"), QStringLiteral("closed_date, closure_reason, status")}));
    const auto reread = cases.get(c.meta.id);
    QCOMPARE(reread->status, QStringLiteral("closed"));
    QCOMPARE(reread->closedDate, QDate(2025, 6, 1));
    QCOMPARE(reread->closureReason, QStringLiteral("outcomes-met"));
    QCOMPARE(reread->reason, c.reason);

    before = mark();
    QVERIFY(!cases.update(closed));
    EXPECT_NO_CHANGE(before);

    // Updating a case that is not there is an error, not a silent no-op.
    CaseRecord ghost = closed;
    ghost.meta.id = QStringLiteral("no-such-id");
    try {
        cases.update(ghost);
        QFAIL("updated a missing case");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotFound);
    }
    EXPECT_NO_CHANGE(before);
}

void TestRepositories::caseListWalksItsIndex()
{
    // The list's page is read by walking the order index and stopping after the page; a
    // sort of every case (a temporary B-tree) would cost seconds at 100,000 cases.
    CaseRepository cases(store());
    for (const CaseFilter& filter :
        {CaseFilter {}, static_cast<CaseFilter>(F().status(QStringLiteral("open"))),
            static_cast<CaseFilter>(F().risk(QStringLiteral("high"))),
            static_cast<CaseFilter>(
                F().referred(QDate(2025, 3, 1), QDate(2025, 3, 31)).referredBy(QStringLiteral("Police")))}) {
        const QString plan = cases.listPlan(filter);
        QVERIFY2(plan.contains(QLatin1String("cases_list_order")), qPrintable(plan));
        QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE FOR ORDER BY")), qPrintable(plan));
    }
    // "Overdue only" reads the late actions by their index, not every case's actions.
    const QString overdue = cases.listPlan(F().overdueOn(QDate(2025, 6, 15)));
    QVERIFY2(overdue.contains(QLatin1String("actions_open_due")), qPrintable(overdue));
}

void TestRepositories::importNumbersOnFromTheHighest()
{
    QCOMPARE(addCase(QDate(2025, 1, 5)).reference, QStringLiteral("PVT-2025-0001"));
    CaseRecord stored;
    stored.referralDate = QDate(2025, 2, 1);
    stored.reference = QStringLiteral("PVT-2025-0007");
    CaseRepository(store()).add(stored);

    // Rows without a reference follow the highest of their year, in the store or in the file
    // (wherever that row is in the file); a year with none starts at 0001.
    const auto row = [](const QDate& referred, const QString& reference) {
        ReferralRow r;
        r.line = 2;
        r.referringAgencyName = QStringLiteral("Lancashire Police");
        r.caseRecord.referralDate = referred;
        r.caseRecord.reference = reference;
        r.caseRecord.reason = QStringLiteral("Lives alone");
        r.subject.givenName = QStringLiteral("Ann");
        return r;
    };
    const QStringList references = ReferralImporter(store()).import(
        {row(QDate(2025, 3, 1), QString()), row(QDate(2025, 3, 2), QStringLiteral("PVT-2025-0012")),
            row(QDate(2024, 6, 1), QString()), row(QDate(2025, 3, 3), QString())},
        QStringLiteral("test.csv"));
    QCOMPARE(references,
        QStringList({QStringLiteral("PVT-2025-0013"), QStringLiteral("PVT-2025-0012"),
            QStringLiteral("PVT-2024-0001"), QStringLiteral("PVT-2025-0014")}));
    for (const QString& reference : references)
        QVERIFY(CaseRepository(store()).byReference(reference));
    QCOMPARE(CaseRepository(store()).nextReference(2025), QStringLiteral("PVT-2025-0015"));
}

void TestRepositories::caseReferencesCountUpPerYear()
{
    QCOMPARE(addCase(QDate(2025, 1, 5)).reference, QStringLiteral("PVT-2025-0001"));
    QCOMPARE(addCase(QDate(2025, 12, 31)).reference, QStringLiteral("PVT-2025-0002"));
    QCOMPARE(addCase(QDate(2024, 12, 31)).reference, QStringLiteral("PVT-2024-0001"));
    QCOMPARE(addCase(QDate(2025, 3, 1)).reference, QStringLiteral("PVT-2025-0003"));
    // A case needs its referral date.
    Mark before = mark();
    try {
        addCase(QDate());
        QFAIL("a case without a referral date was stored");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::Invalid);
    }
    EXPECT_NO_CHANGE(before);
    QCOMPARE(addCase(QDate(2025, 3, 2)).reference, QStringLiteral("PVT-2025-0004"));

    // A reference given by the caller is kept, and numbering continues after it.
    CaseRecord imported;
    imported.referralDate = QDate(2025, 4, 1);
    imported.reference = QStringLiteral("PVT-2025-0040");
    CaseRepository(store()).add(imported);
    QCOMPARE(imported.reference, QStringLiteral("PVT-2025-0040"));
    QCOMPARE(addCase(QDate(2025, 4, 2)).reference, QStringLiteral("PVT-2025-0041"));
    QCOMPARE(CaseRepository(store()).nextReference(2026), QStringLiteral("PVT-2026-0001"));

    // The same reference twice is refused and writes nothing.
    CaseRecord clash;
    clash.referralDate = QDate(2025, 4, 3);
    clash.reference = QStringLiteral("PVT-2025-0040");
    before = mark();
    try {
        CaseRepository(store()).add(clash);
        QFAIL("a duplicate reference was stored");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::Invalid);
    }
    EXPECT_NO_CHANGE(before);
    QCOMPARE(store().db().scalar("SELECT count(*) FROM cases"), qint64(7));
}

void TestRepositories::caseUpdateCarriesBaseRev()
{
    CaseRecord c = addCase(QDate(2025, 1, 5), QStringLiteral("first reason"));
    // As if sync had accepted the row at server revision 7.
    Statement synced = store().db().prepare("UPDATE cases SET rev = 7 WHERE id = ?1");
    synced.bind(1, c.meta.id).run();
    c.reason = QStringLiteral("second reason");
    const Mark before = mark();
    QVERIFY(CaseRepository(store()).update(c));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("case"), c.meta.id, QStringLiteral("update"), 7,
            QJsonObject {{QStringLiteral("reason"), QStringLiteral("second reason")}}, c.reference,
            QStringLiteral("reason")}));
    QCOMPARE(c.meta.rev, qint64(7));
    QCOMPARE(CaseRepository(store()).get(c.meta.id)->meta.rev, qint64(7));
}

void TestRepositories::casePersonAndAgencyLinks()
{
    CaseRepository cases(store());
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    Person subject;
    subject.givenName = QStringLiteral("Ann");
    PersonRepository(store()).add(subject, c.reference);
    Person carer;
    carer.givenName = QStringLiteral("Bob");
    PersonRepository(store()).add(carer, c.reference);

    CasePerson carerLink;
    carerLink.caseId = c.meta.id;
    carerLink.personId = carer.meta.id;
    carerLink.role = QStringLiteral("carer");
    Mark before = mark();
    cases.linkPerson(carerLink, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("case_person"), carerLink.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id}, {QStringLiteral("person_id"), carer.meta.id},
                {QStringLiteral("role"), QStringLiteral("carer")}},
            c.reference, QStringLiteral("carer")}));
    CasePerson subjectLink;
    subjectLink.caseId = c.meta.id;
    subjectLink.personId = subject.meta.id;
    cases.linkPerson(subjectLink, c.reference);

    const QList<CasePerson> linked = cases.people(c.meta.id);
    QCOMPARE(linked.size(), 2);
    QCOMPARE(linked.at(0).personId, subject.meta.id); // the subject first
    QCOMPARE(linked.at(0).role, QStringLiteral("subject"));
    QCOMPARE(linked.at(1).personId, carer.meta.id);
    QCOMPARE(linked.at(1).role, QStringLiteral("carer"));
    QCOMPARE(linked.at(1).meta.id, carerLink.meta.id);

    // A link to a person who does not exist breaks a foreign key and writes nothing.
    CasePerson dangling;
    dangling.caseId = c.meta.id;
    dangling.personId = QStringLiteral("no-such-person");
    before = mark();
    QVERIFY_THROWS_EXCEPTION(StoreError, cases.linkPerson(dangling, c.reference));
    EXPECT_NO_CHANGE(before);

    Agency housing;
    housing.name = QStringLiteral("Chorley Housing");
    AgencyRepository(store()).add(housing);
    CaseAgency involvement;
    involvement.caseId = c.meta.id;
    involvement.agencyId = housing.meta.id;
    involvement.contact = QStringLiteral("Jo, tenancy officer");
    before = mark();
    cases.addAgency(involvement, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("case_agency"), involvement.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("agency_id"), housing.meta.id},
                {QStringLiteral("contact"), QStringLiteral("Jo, tenancy officer")}},
            c.reference, QString()}));
    const QList<CaseAgency> involved = cases.agencies(c.meta.id);
    QCOMPARE(involved.size(), 1);
    QCOMPARE(involved.first().agencyId, housing.meta.id);
    QCOMPARE(involved.first().contact, QStringLiteral("Jo, tenancy officer"));
    QCOMPARE(involved.first().meta.createdAt, pinnedNow);
}

void TestRepositories::needAddAndUpdate()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    NeedRepository needs(store());
    CaseNeed need;
    need.caseId = c.meta.id;
    need.needKey = QStringLiteral("hoarding");
    need.severity = QStringLiteral("high");
    need.clutterRating = 7;
    need.notes = QStringLiteral("two rooms unusable");
    Mark before = mark();
    needs.add(need, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("need"), need.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("need_key"), QStringLiteral("hoarding")},
                {QStringLiteral("severity"), QStringLiteral("high")},
                {QStringLiteral("status"), QStringLiteral("open")}, {QStringLiteral("clutter_rating"), 7},
                {QStringLiteral("notes"), QStringLiteral("two rooms unusable")}},
            c.reference, QStringLiteral("hoarding")}));

    auto read = needs.find(c.meta.id, QStringLiteral("hoarding"));
    QVERIFY(read);
    QCOMPARE(read->meta.id, need.meta.id);
    QCOMPARE(read->severity, QStringLiteral("high"));
    QCOMPARE(read->status, QStringLiteral("open"));
    QCOMPARE(read->clutterRating, 7);
    QCOMPARE(read->notes, QStringLiteral("two rooms unusable"));
    QVERIFY(!needs.find(c.meta.id, QStringLiteral("debt")));

    read->status = QStringLiteral("improving");
    read->clutterRating = 4;
    before = mark();
    QVERIFY(needs.update(*read, c.reference));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("need"), need.meta.id, QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("improving")},
                {QStringLiteral("clutter_rating"), 4}},
            c.reference, QStringLiteral("clutter_rating, status")}));
    QCOMPARE(needs.find(c.meta.id, QStringLiteral("hoarding"))->clutterRating, 4);

    before = mark();
    QVERIFY(!needs.update(*read, c.reference));
    EXPECT_NO_CHANGE(before);

    CaseNeed debt;
    debt.caseId = c.meta.id;
    debt.needKey = QStringLiteral("debt");
    needs.add(debt, c.reference);
    const QList<CaseNeed> all = needs.forCase(c.meta.id);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(1).needKey, QStringLiteral("debt"));
    QCOMPARE(all.at(1).severity, QStringLiteral("medium"));
    QCOMPARE(all.at(1).clutterRating, 0);
}

void TestRepositories::actionAddAndUpdate()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    Agency fire;
    fire.name = QStringLiteral("Lancashire Fire");
    AgencyRepository(store()).add(fire);
    ActionRepository actions(store());
    CaseAction action;
    action.caseId = c.meta.id;
    action.description = QStringLiteral("fit smoke alarms");
    action.agencyId = fire.meta.id;
    action.owner = QStringLiteral("station 4");
    action.dueDate = QDate(2025, 6, 20);
    Mark before = mark();
    actions.add(action, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("action"), action.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("description"), QStringLiteral("fit smoke alarms")},
                {QStringLiteral("agency_id"), fire.meta.id},
                {QStringLiteral("owner"), QStringLiteral("station 4")},
                {QStringLiteral("due_date"), QStringLiteral("2025-06-20")},
                {QStringLiteral("status"), QStringLiteral("open")},
                {QStringLiteral("completed_date"), QJsonValue::Null}, {QStringLiteral("outcome"), QString()}},
            c.reference, QString()}));

    auto read = actions.get(action.meta.id);
    QVERIFY(read);
    QCOMPARE(read->description, QStringLiteral("fit smoke alarms"));
    QCOMPARE(read->agencyId, fire.meta.id);
    QCOMPARE(read->owner, QStringLiteral("station 4"));
    QCOMPARE(read->dueDate, QDate(2025, 6, 20));
    QCOMPARE(read->status, QStringLiteral("open"));
    QVERIFY(!read->completedDate.isValid());
    QVERIFY(!read->isOverdue(QDate(2025, 6, 20)));
    QVERIFY(read->isOverdue(QDate(2025, 6, 21)));

    read->status = QStringLiteral("done");
    read->completedDate = QDate(2025, 6, 18);
    read->outcome = QStringLiteral("two alarms fitted");
    before = mark();
    QVERIFY(actions.update(*read, c.reference));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("action"), action.meta.id, QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("done")},
                {QStringLiteral("completed_date"), QStringLiteral("2025-06-18")},
                {QStringLiteral("outcome"), QStringLiteral("two alarms fitted")}},
            c.reference, QStringLiteral("completed_date, outcome, status")}));
    const auto done = actions.get(action.meta.id);
    QCOMPARE(done->status, QStringLiteral("done"));
    QCOMPARE(done->completedDate, QDate(2025, 6, 18));
    QCOMPARE(done->outcome, QStringLiteral("two alarms fitted"));

    before = mark();
    QVERIFY(!actions.update(*read, c.reference));
    EXPECT_NO_CHANGE(before);

    // Listed by due date, undated last.
    CaseAction undated;
    undated.caseId = c.meta.id;
    undated.description = QStringLiteral("check in by phone");
    actions.add(undated, c.reference);
    CaseAction early;
    early.caseId = c.meta.id;
    early.description = QStringLiteral("referral to Age UK");
    early.dueDate = QDate(2025, 6, 1);
    actions.add(early, c.reference);
    const QList<CaseAction> all = actions.forCase(c.meta.id);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).description, QStringLiteral("referral to Age UK"));
    QCOMPARE(all.at(1).description, QStringLiteral("fit smoke alarms"));
    QCOMPARE(all.at(2).description, QStringLiteral("check in by phone"));
    QVERIFY(all.at(2).agencyId.isEmpty());
}

void TestRepositories::notesAndCorrections()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    Agency police;
    police.name = QStringLiteral("Lancashire Police");
    AgencyRepository(store()).add(police);
    NoteRepository notes(store());
    CaseNote note;
    note.caseId = c.meta.id;
    note.occurredOn = QDate(2025, 6, 10);
    note.author = QStringLiteral("amy");
    note.agencyId = police.meta.id;
    note.kind = QStringLiteral("home-visit");
    note.text = QStringLiteral("Visited with PC Hughes; the hall is blocked.");
    note.significant = true;
    note.agencyOnly = true;
    Mark before = mark();
    notes.add(note, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("note"), note.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("occurred_on"), QStringLiteral("2025-06-10")},
                {QStringLiteral("author"), QStringLiteral("amy")},
                {QStringLiteral("agency_id"), police.meta.id},
                {QStringLiteral("kind"), QStringLiteral("home-visit")}, {QStringLiteral("text"), note.text},
                {QStringLiteral("significant"), 1}, {QStringLiteral("agency_only"), 1},
                {QStringLiteral("corrects_note_id"), QJsonValue::Null}},
            c.reference, QStringLiteral("home-visit")}));

    const auto read = notes.get(note.meta.id);
    QVERIFY(read);
    QCOMPARE(read->caseId, c.meta.id);
    QCOMPARE(read->occurredOn, QDate(2025, 6, 10));
    QCOMPARE(read->author, QStringLiteral("amy"));
    QCOMPARE(read->agencyId, police.meta.id);
    QCOMPARE(read->kind, QStringLiteral("home-visit"));
    QCOMPARE(read->text, note.text);
    QCOMPARE(read->significant, true);
    QCOMPARE(read->agencyOnly, true);
    QVERIFY(read->correctsNoteId.isEmpty());

    CaseNote correction;
    correction.caseId = c.meta.id;
    correction.occurredOn = QDate(2025, 6, 11);
    correction.author = QStringLiteral("amy");
    correction.text = QStringLiteral("Correction: the visit was with PC Hughes' colleague.");
    correction.correctsNoteId = note.meta.id;
    before = mark();
    notes.add(correction, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("note"), correction.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("occurred_on"), QStringLiteral("2025-06-11")},
                {QStringLiteral("author"), QStringLiteral("amy")},
                {QStringLiteral("agency_id"), QJsonValue::Null},
                {QStringLiteral("kind"), QStringLiteral("other")}, {QStringLiteral("text"), correction.text},
                {QStringLiteral("significant"), 0}, {QStringLiteral("agency_only"), 0},
                {QStringLiteral("corrects_note_id"), note.meta.id}},
            c.reference, QStringLiteral("other")}));

    const QList<CaseNote> all = notes.forCase(c.meta.id);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).meta.id, note.meta.id);
    QCOMPARE(all.at(1).correctsNoteId, note.meta.id);
    QCOMPARE(all.at(0).text, note.text); // the original stands as written
    const QList<CaseNote> chronology = notes.forCase(c.meta.id, true);
    QCOMPARE(chronology.size(), 1);
    QCOMPARE(chronology.first().meta.id, note.meta.id);
    QCOMPARE(notes.countForCase(c.meta.id), qint64(2));

    // A correction must point at a real note.
    CaseNote stray = correction;
    stray.meta = RowMeta();
    stray.correctsNoteId = QStringLiteral("no-such-note");
    before = mark();
    QVERIFY_THROWS_EXCEPTION(StoreError, notes.add(stray, c.reference));
    EXPECT_NO_CHANGE(before);
}

void TestRepositories::notesCannotBeChanged()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    CaseNote note;
    note.caseId = c.meta.id;
    note.occurredOn = QDate(2025, 6, 10);
    note.author = QStringLiteral("amy");
    note.text = QStringLiteral("original words");
    NoteRepository(store()).add(note, c.reference);

    const Mark before = mark();
    for (const char* sql : {"UPDATE notes SET text = 'rewritten' WHERE id = ?1",
             "UPDATE notes SET occurred_on = '2020-01-01' WHERE id = ?1",
             "UPDATE notes SET significant = 1 WHERE id = ?1",
             "UPDATE notes SET author = 'x' WHERE id = ?1"}) {
        try {
            store().write([&] { store().db().prepare(sql).bind(1, note.meta.id).run(); });
            QFAIL(sql);
        } catch (const StoreError& e) {
            QCOMPARE(e.code(), StoreError::Code::Invalid);
            QVERIFY2(e.message().contains(QLatin1String("notes cannot be changed")), qPrintable(e.message()));
        }
    }
    EXPECT_NO_CHANGE(before);
    QCOMPARE(NoteRepository(store()).get(note.meta.id)->text, QStringLiteral("original words"));
    QCOMPARE(NoteRepository(store()).get(note.meta.id)->occurredOn, QDate(2025, 6, 10));

    // Sync bookkeeping on a note may still move.
    store().db().prepare("UPDATE notes SET rev = 3 WHERE id = ?1").bind(1, note.meta.id).run();
    QCOMPARE(NoteRepository(store()).get(note.meta.id)->meta.rev, qint64(3));
}

void TestRepositories::assessmentsOfEachKind()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    AssessmentRepository assessments(store());

    Assessment ons4;
    ons4.caseId = c.meta.id;
    ons4.kind = QStringLiteral("ons4");
    ons4.stage = QStringLiteral("baseline");
    ons4.assessedOn = QDate(2025, 1, 10);
    ons4.ons4 = {{3, 4, 2, 8}};
    Mark before = mark();
    assessments.add(ons4, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("assessment"), ons4.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("kind"), QStringLiteral("ons4")},
                {QStringLiteral("stage"), QStringLiteral("baseline")},
                {QStringLiteral("assessed_on"), QStringLiteral("2025-01-10")}, {QStringLiteral("ons4_1"), 3},
                {QStringLiteral("ons4_2"), 4}, {QStringLiteral("ons4_3"), 2}, {QStringLiteral("ons4_4"), 8},
                {QStringLiteral("pam_score"), QJsonValue::Null},
                {QStringLiteral("gp_appointments"), QJsonValue::Null},
                {QStringLiteral("ae_attendances"), QJsonValue::Null},
                {QStringLiteral("period_months"), QJsonValue::Null}},
            c.reference, QStringLiteral("ons4 baseline")}));

    Assessment pam;
    pam.caseId = c.meta.id;
    pam.kind = QStringLiteral("pam");
    pam.stage = QStringLiteral("review");
    pam.assessedOn = QDate(2025, 3, 10);
    pam.pamScore = 55.6;
    before = mark();
    assessments.add(pam, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("assessment"), pam.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("kind"), QStringLiteral("pam")},
                {QStringLiteral("stage"), QStringLiteral("review")},
                {QStringLiteral("assessed_on"), QStringLiteral("2025-03-10")},
                {QStringLiteral("ons4_1"), QJsonValue::Null}, {QStringLiteral("ons4_2"), QJsonValue::Null},
                {QStringLiteral("ons4_3"), QJsonValue::Null}, {QStringLiteral("ons4_4"), QJsonValue::Null},
                {QStringLiteral("pam_score"), 55.6}, {QStringLiteral("gp_appointments"), QJsonValue::Null},
                {QStringLiteral("ae_attendances"), QJsonValue::Null},
                {QStringLiteral("period_months"), QJsonValue::Null}},
            c.reference, QStringLiteral("pam review")}));

    Assessment use;
    use.caseId = c.meta.id;
    use.kind = QStringLiteral("service-use");
    use.stage = QStringLiteral("closing");
    use.assessedOn = QDate(2025, 6, 1);
    use.gpAppointments = 0; // zero is a value, not "missing"
    use.aeAttendances = 2;
    use.periodMonths = 6;
    before = mark();
    assessments.add(use, c.reference);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("assessment"), use.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("case_id"), c.meta.id},
                {QStringLiteral("kind"), QStringLiteral("service-use")},
                {QStringLiteral("stage"), QStringLiteral("closing")},
                {QStringLiteral("assessed_on"), QStringLiteral("2025-06-01")},
                {QStringLiteral("ons4_1"), QJsonValue::Null}, {QStringLiteral("ons4_2"), QJsonValue::Null},
                {QStringLiteral("ons4_3"), QJsonValue::Null}, {QStringLiteral("ons4_4"), QJsonValue::Null},
                {QStringLiteral("pam_score"), QJsonValue::Null}, {QStringLiteral("gp_appointments"), 0},
                {QStringLiteral("ae_attendances"), 2}, {QStringLiteral("period_months"), 6}},
            c.reference, QStringLiteral("service-use closing")}));

    const QList<Assessment> all = assessments.forCase(c.meta.id);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).kind, QStringLiteral("ons4"));
    QCOMPARE(all.at(0).stage, QStringLiteral("baseline"));
    QCOMPARE(all.at(0).assessedOn, QDate(2025, 1, 10));
    QCOMPARE(all.at(0).ons4, (std::array<int, 4> {{3, 4, 2, 8}}));
    QCOMPARE(all.at(0).pamScore, -1.0);
    QCOMPARE(all.at(0).gpAppointments, -1);
    QCOMPARE(all.at(0).periodMonths, 0);
    QCOMPARE(all.at(1).kind, QStringLiteral("pam"));
    QCOMPARE(all.at(1).pamScore, 55.6);
    QCOMPARE(all.at(1).ons4, (std::array<int, 4> {{-1, -1, -1, -1}}));
    QCOMPARE(all.at(2).kind, QStringLiteral("service-use"));
    QCOMPARE(all.at(2).gpAppointments, 0);
    QCOMPARE(all.at(2).aeAttendances, 2);
    QCOMPARE(all.at(2).periodMonths, 6);
    QCOMPARE(all.at(2).pamScore, -1.0);

    const CaseRecord other = addCase(QDate(2025, 1, 6));
    Assessment otherOns4 = ons4;
    otherOns4.meta = RowMeta();
    otherOns4.caseId = other.meta.id;
    assessments.add(otherOns4, other.reference);
    QCOMPARE(assessments.forCase(c.meta.id).size(), 3);
    QCOMPARE(assessments.all().size(), 4);
}

void TestRepositories::assessmentsCannotBeChanged()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    Assessment pam;
    pam.caseId = c.meta.id;
    pam.kind = QStringLiteral("pam");
    pam.stage = QStringLiteral("baseline");
    pam.assessedOn = QDate(2025, 1, 10);
    pam.pamScore = 40.0;
    AssessmentRepository(store()).add(pam, c.reference);
    try {
        store()
            .db()
            .prepare("UPDATE assessments SET pam_score = 90 WHERE id = ?1")
            .bind(1, pam.meta.id)
            .run();
        QFAIL("an assessment was changed");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::Invalid);
    }
    QCOMPARE(AssessmentRepository(store()).forCase(c.meta.id).first().pamScore, 40.0);
}

void TestRepositories::referenceNorms()
{
    NormRepository norms(store());
    QList<ReferenceNorm> list = norms.list();
    QCOMPARE(list.size(), 4);
    const double uk[] = {7.45, 7.73, 7.39, 3.23};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(list.at(i).scope, QStringLiteral("national"));
        QCOMPARE(list.at(i).item, i);
        QCOMPARE(list.at(i).value, uk[i]);
        QVERIFY(list.at(i).label.contains(QLatin1String("ONS APS")));
        QCOMPARE(list.at(i).meta.createdBy, QStringLiteral("system"));
    }

    ReferenceNorm local;
    local.scope = QStringLiteral("local");
    local.label = QStringLiteral("Chorley 2023");
    local.item = 3;
    local.value = 3.5;
    Mark before = mark();
    norms.add(local);
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("reference_norm"), local.meta.id, QStringLiteral("create"), 0,
            QJsonObject {{QStringLiteral("scope"), QStringLiteral("local")},
                {QStringLiteral("label"), QStringLiteral("Chorley 2023")}, {QStringLiteral("item"), 3},
                {QStringLiteral("value"), 3.5}},
            QString(), QString()}));
    ReferenceNorm regional;
    regional.scope = QStringLiteral("regional");
    regional.label = QStringLiteral("North West 2023");
    regional.item = 0;
    regional.value = 7.4;
    norms.add(regional);

    // National first, then regional, then local.
    list = norms.list();
    QCOMPARE(list.size(), 6);
    QCOMPARE(list.at(4).meta.id, regional.meta.id);
    QCOMPARE(list.at(5).meta.id, local.meta.id);
    QCOMPARE(list.at(5).value, 3.5);

    local.value = 3.45;
    before = mark();
    QVERIFY(norms.update(local));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("reference_norm"), local.meta.id, QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("value"), 3.45}}, QString(), QStringLiteral("value")}));
    QCOMPARE(norms.list().at(5).value, 3.45);
    before = mark();
    QVERIFY(!norms.update(local));
    EXPECT_NO_CHANGE(before);

    // The shipped national rows can be edited like any other.
    ReferenceNorm national = list.first();
    national.value = 7.5;
    before = mark();
    QVERIFY(norms.update(national));
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("reference_norm"),
            QStringLiteral("5e1f0000-0000-4000-8000-000000000001"), QStringLiteral("update"), 0,
            QJsonObject {{QStringLiteral("value"), 7.5}}, QString(), QStringLiteral("value")}));
}

void TestRepositories::settings()
{
    StoreSettings settings(store());
    using Key = StoreSettings::Key;
    QCOMPARE(StoreSettings::keyNames(),
        QStringList({QStringLiteral("unit_cost.gp_appointment"), QStringLiteral("unit_cost.ae_attendance"),
            QStringLiteral("flat_rate.per_intervention"), QStringLiteral("retention.years")}));
    Key key = Key::GpAppointmentCost;
    QVERIFY(StoreSettings::keyFromName(QStringLiteral("retention.years"), &key));
    QVERIFY(key == Key::RetentionYears);
    QVERIFY(!StoreSettings::keyFromName(QStringLiteral("retention"), &key));
    QVERIFY(key == Key::RetentionYears);

    // Defaults until set.
    QCOMPARE(settings.value(Key::GpAppointmentCost), QStringLiteral("41.00"));
    QCOMPARE(settings.value(Key::AeAttendanceCost), QStringLiteral("242.00"));
    QCOMPARE(settings.value(Key::FlatRatePerIntervention), QStringLiteral("3500.00"));
    QCOMPARE(settings.value(Key::RetentionYears), QStringLiteral("6"));
    QCOMPARE(settings.retentionYears(), 6);
    UnitCosts costs = settings.unitCosts();
    QCOMPARE(costs.gpAppointmentPence, qint64(4100));
    QCOMPARE(costs.aeAttendancePence, qint64(24200));
    QCOMPARE(costs.flatRatePerInterventionPence, qint64(350000));

    Mark before = mark();
    QCOMPARE(settings.set(Key::GpAppointmentCost, QStringLiteral(" 45.5 ")), QString());
    EXPECT_ONE_CHANGE(before,
        (ExpectedChange {QStringLiteral("setting"), QStringLiteral("unit_cost.gp_appointment"),
            QStringLiteral("update"), 0, QJsonObject {{QStringLiteral("value"), QStringLiteral("45.50")}},
            QString(), QStringLiteral("45.50")}));
    QCOMPARE(settings.value(Key::GpAppointmentCost), QStringLiteral("45.50"));
    QCOMPARE(settings.unitCosts().gpAppointmentPence, qint64(4550));

    // The same value again, or the default, writes nothing.
    before = mark();
    QCOMPARE(settings.set(Key::GpAppointmentCost, QStringLiteral("45.50")), QString());
    QCOMPARE(settings.set(Key::AeAttendanceCost, QStringLiteral("242")), QString());
    EXPECT_NO_CHANGE(before);

    QCOMPARE(settings.set(Key::RetentionYears, QStringLiteral("10")), QString());
    QCOMPARE(settings.retentionYears(), 10);
    QCOMPARE(settings.set(Key::FlatRatePerIntervention, QStringLiteral("1200")), QString());
    costs = settings.unitCosts();
    QCOMPARE(costs.gpAppointmentPence, qint64(4550));
    QCOMPARE(costs.aeAttendancePence, qint64(24200));
    QCOMPARE(costs.flatRatePerInterventionPence, qint64(120000));

    // Bad values are refused with a message naming the key, and change nothing.
    before = mark();
    const QList<std::pair<Key, QString>> bad {{Key::GpAppointmentCost, QStringLiteral("£41")},
        {Key::GpAppointmentCost, QStringLiteral("1,000")}, {Key::GpAppointmentCost, QStringLiteral("-5")},
        {Key::GpAppointmentCost, QStringLiteral("41.005")}, {Key::GpAppointmentCost, QString()},
        {Key::AeAttendanceCost, QStringLiteral("abc")}, {Key::AeAttendanceCost, QStringLiteral("1e3")},
        {Key::RetentionYears, QStringLiteral("0")}, {Key::RetentionYears, QStringLiteral("101")},
        {Key::RetentionYears, QStringLiteral("6.5")}, {Key::RetentionYears, QStringLiteral("six")}};
    for (const auto& [badKey, value] : bad) {
        const QString problem = settings.set(badKey, value);
        QVERIFY2(!problem.isEmpty(), qPrintable(value));
        QVERIFY2(problem.contains(StoreSettings::name(badKey)), qPrintable(problem));
    }
    EXPECT_NO_CHANGE(before);
    QCOMPARE(settings.value(Key::GpAppointmentCost), QStringLiteral("45.50"));
    QCOMPARE(settings.retentionYears(), 10);

    // Settings live in the store: they survive reopening.
    const QString path = store().path();
    m_store.reset();
    m_store = openStore(path);
    QCOMPARE(StoreSettings(store()).retentionYears(), 10);
    QCOMPARE(StoreSettings(store()).unitCosts().gpAppointmentPence, qint64(4550));
}

void TestRepositories::auditLogIsAppendOnly()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    const qint64 entries = AuditLog(store()).count();
    QVERIFY(entries >= 2); // the store's creation and the case
    for (const char* sql : {"UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log",
             "DELETE FROM audit_log WHERE action = 'create' AND entity = 'case'",
             "UPDATE audit_log SET detail = '' WHERE seq = 1"}) {
        try {
            store().db().exec(sql);
            QFAIL(sql);
        } catch (const StoreError& e) {
            QCOMPARE(e.code(), StoreError::Code::Invalid);
            QVERIFY2(e.message().contains(QLatin1String("append-only")), qPrintable(e.message()));
        }
    }
    QCOMPARE(AuditLog(store()).count(), entries);
    QCOMPARE(AuditLog(store()).entries(c.reference).size(), 1);
    QCOMPARE(AuditLog(store()).entries(c.reference).first().actor, QStringLiteral("tester"));
}

void TestRepositories::auditCarriesTheActor()
{
    store().setActor(QStringLiteral("bea"));
    Mark before = mark();
    const CaseRecord c = addCase(QDate(2025, 1, 5), QStringLiteral("written by bea"));
    QCOMPARE(c.meta.createdBy, QStringLiteral("bea"));
    QCOMPARE(CaseRepository(store()).get(c.meta.id)->meta.updatedBy, QStringLiteral("bea"));
    const AuditEntry entry = AuditLog(store()).entries().first();
    QCOMPARE(entry.sequence, before.audit + 1);
    QCOMPARE(entry.actor, QStringLiteral("bea"));
    QCOMPARE(entry.caseReference, c.reference);

    // Entries for one case, newest first.
    CaseRecord changed = c;
    changed.risk = QStringLiteral("high");
    store().setActor(QStringLiteral("cal"));
    QVERIFY(CaseRepository(store()).update(changed));
    const QList<AuditEntry> forCase = AuditLog(store()).entries(c.reference);
    QCOMPARE(forCase.size(), 2);
    QCOMPARE(forCase.at(0).action, QStringLiteral("update"));
    QCOMPARE(forCase.at(0).actor, QStringLiteral("cal"));
    QCOMPARE(forCase.at(0).detail, QStringLiteral("risk"));
    QCOMPARE(forCase.at(1).action, QStringLiteral("create"));
    QCOMPARE(forCase.at(1).actor, QStringLiteral("bea"));
    QCOMPARE(AuditLog(store()).entries(QString(), 1).size(), 1);
}

void TestRepositories::throwInsideWriteRollsBackEverything()
{
    addCase(QDate(2025, 1, 5));
    const qint64 casesBefore = store().db().scalar("SELECT count(*) FROM cases");
    const qint64 notesBefore = store().db().scalar("SELECT count(*) FROM notes");
    const Mark before = mark();
    CaseRecord c;
    try {
        store().write([&] {
            c.referralDate = QDate(2025, 2, 1);
            CaseRepository(store()).add(c);
            CaseNote note;
            note.caseId = c.meta.id;
            note.occurredOn = QDate(2025, 2, 1);
            note.author = QStringLiteral("amy");
            note.text = QStringLiteral("never kept");
            NoteRepository(store()).add(note, c.reference);
            QCOMPARE(store().db().scalar("SELECT count(*) FROM cases"), casesBefore + 1); // visible inside
            throw std::runtime_error("the worker pressed cancel");
        });
        QFAIL("the exception was swallowed");
    } catch (const std::runtime_error& e) {
        QCOMPARE(QByteArray(e.what()), QByteArray("the worker pressed cancel"));
    }
    QCOMPARE(store().db().scalar("SELECT count(*) FROM cases"), casesBefore);
    QCOMPARE(store().db().scalar("SELECT count(*) FROM notes"), notesBefore);
    QVERIFY(!CaseRepository(store()).get(c.meta.id));
    QCOMPARE(CaseRepository(store()).count(F().search(QStringLiteral("never kept"))), qint64(0));
    EXPECT_NO_CHANGE(before);

    // The store is out of the transaction and the reference was not used up.
    CaseRecord next;
    next.referralDate = QDate(2025, 2, 2);
    CaseRepository(store()).add(next);
    QCOMPARE(next.reference, QStringLiteral("PVT-2025-0002"));
    QCOMPARE(store().db().scalar("SELECT count(*) FROM cases"), casesBefore + 1);
}

void TestRepositories::failedInsertRollsBackEverything()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5));
    const Mark before = mark();
    // The second write of the transaction breaks a foreign key; the first goes too.
    try {
        store().write([&] {
            CaseNeed good;
            good.caseId = c.meta.id;
            good.needKey = QStringLiteral("debt");
            NeedRepository(store()).add(good, c.reference);
            CaseNeed bad;
            bad.caseId = QStringLiteral("no-such-case");
            bad.needKey = QStringLiteral("debt");
            NeedRepository(store()).add(bad, c.reference);
        });
        QFAIL("a need for a missing case was stored");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::Invalid);
    }
    EXPECT_NO_CHANGE(before);
    QCOMPARE(store().db().scalar("SELECT count(*) FROM case_needs"), qint64(0));
}

void TestRepositories::listAndCountFilters()
{
    AgencyRepository agencies(store());
    Agency fire;
    fire.name = QStringLiteral("Lancashire Fire");
    agencies.add(fire);
    Agency police;
    police.name = QStringLiteral("Lancashire Police");
    agencies.add(police);
    Agency housing;
    housing.name = QStringLiteral("Chorley Housing");
    agencies.add(housing);

    CaseRepository cases(store());
    const auto makeCase = [&](const QDate& referral, const QString& status, const QString& lead,
                              const QString& risk, const QString& agencyId, const QString& reason) {
        CaseRecord c;
        c.referralDate = referral;
        c.status = status;
        c.leadWorker = lead;
        c.risk = risk;
        c.referringAgencyId = agencyId;
        c.reason = reason;
        cases.add(c);
        return c;
    };
    const auto addNeed = [&](const CaseRecord& c, const char* key) {
        CaseNeed n;
        n.caseId = c.meta.id;
        n.needKey = QLatin1String(key);
        NeedRepository(store()).add(n, c.reference);
    };
    const auto addAction = [&](const CaseRecord& c, const QDate& due, const char* status) {
        CaseAction a;
        a.caseId = c.meta.id;
        a.description = QStringLiteral("something");
        a.dueDate = due;
        a.status = QLatin1String(status);
        ActionRepository(store()).add(a, c.reference);
    };

    const CaseRecord one = makeCase(QDate(2025, 1, 10), QStringLiteral("open"), QStringLiteral("amy"),
        QStringLiteral("high"), fire.meta.id, QStringLiteral("hoarding and a fire risk"));
    addNeed(one, "hoarding");
    addAction(one, QDate(2025, 6, 1), "open");
    Person sian;
    sian.givenName = QStringLiteral("Siân");
    sian.familyName = QStringLiteral("Evans");
    PersonRepository(store()).add(sian, one.reference);
    CasePerson link;
    link.caseId = one.meta.id;
    link.personId = sian.meta.id;
    cases.linkPerson(link, one.reference);

    const CaseRecord two = makeCase(QDate(2025, 2, 10), QStringLiteral("referred"), QStringLiteral("ben"),
        QStringLiteral("low"), police.meta.id, QStringLiteral("rent arrears"));
    addNeed(two, "debt");
    addAction(two, QDate(2025, 7, 1), "open");
    addAction(two, QDate(2025, 5, 1), "done");
    CaseAgency involved;
    involved.caseId = two.meta.id;
    involved.agencyId = housing.meta.id;
    cases.addAgency(involved, two.reference);

    const CaseRecord three = makeCase(QDate(2025, 3, 10), QStringLiteral("closed"), QStringLiteral("amy"),
        QStringLiteral("medium"), QString(), QStringLiteral("isolated after a fall"));
    addNeed(three, "hoarding");
    addNeed(three, "loneliness");
    addAction(three, QDate(2025, 1, 1), "cancelled");
    CaseNote note;
    note.caseId = three.meta.id;
    note.occurredOn = QDate(2025, 3, 12);
    note.author = QStringLiteral("amy");
    note.text = QStringLiteral("bereavement support arranged");
    NoteRepository(store()).add(note, three.reference);

    const CaseRecord four = makeCase(QDate(2024, 12, 1), QStringLiteral("open"), QString(),
        QStringLiteral("high"), housing.meta.id, QStringLiteral("rent arrears again"));
    addNeed(four, "debt");
    addAction(four, QDate(2025, 6, 14), "open");

    const QDate today(2025, 6, 15);
    const auto check = [&](CaseFilter filter, const QList<CaseRecord>& expected) {
        filter.today = filter.today.isValid() ? filter.today : today;
        QStringList wanted;
        for (const CaseRecord& c : expected)
            wanted << c.reference;
        const QStringList got = references(cases.list(filter));
        if (got != wanted)
            qWarning().noquote() << "got" << got << "wanted" << wanted;
        return got == wanted && cases.count(filter) == qint64(wanted.size());
    };

    // Newest referral first.
    QVERIFY(check(F(), {three, two, one, four}));
    QVERIFY(check(F().status(QStringLiteral("open")), {one, four}));
    QVERIFY(check(F().status(QStringLiteral("declined")), {}));
    QVERIFY(check(F().leadWorker(QStringLiteral("amy")), {three, one}));
    QVERIFY(check(F().leadWorker(QStringLiteral("Amy")), {}));
    QVERIFY(check(F().needKey(QStringLiteral("hoarding")), {three, one}));
    QVERIFY(check(F().needKey(QStringLiteral("debt")), {two, four}));
    QVERIFY(check(F().needKey(QStringLiteral("loneliness")), {three}));
    // By agency: the referrer or an involved agency.
    QVERIFY(check(F().agencyId(housing.meta.id), {two, four}));
    QVERIFY(check(F().agencyId(fire.meta.id), {one}));
    QVERIFY(check(F().agencyId(police.meta.id), {two}));
    QVERIFY(check(F().risk(QStringLiteral("high")), {one, four}));
    QVERIFY(check(F().risk(QStringLiteral("medium")), {three}));
    // By referral date (both ends included, either end open) and by who referred: a dashboard
    // bar of referrals per month and agency lists these. An involved agency is not a referrer.
    QVERIFY(check(F().referred(QDate(2025, 1, 10), QDate(2025, 2, 10)), {two, one}));
    QVERIFY(check(F().referred(QDate(2025, 1, 11), QDate(2025, 2, 9)), {}));
    QVERIFY(check(F().referred(QDate(2025, 2, 1), QDate()), {three, two}));
    QVERIFY(check(F().referred(QDate(), QDate(2024, 12, 31)), {four}));
    QVERIFY(check(F().referredBy(QStringLiteral("Chorley Housing")), {four}));
    QVERIFY(check(F().referredBy(QString()), {three})); // no referring agency recorded
    QVERIFY(check(
        F().referredBy(QStringLiteral("Lancashire Police")).referred(QDate(2025, 2, 1), QDate(2025, 2, 28)),
        {two}));
    QVERIFY(
        check(F().referredBy(QStringLiteral("Lancashire Police")).referred(QDate(2025, 3, 1), QDate()), {}));
    QVERIFY(check(F().referredBy(QString()).search(QStringLiteral("fall")), {three}));
    // Overdue: an open action due before today (done and cancelled ones do not count).
    QVERIFY(check(F().overdueOn(today), {one, four}));
    QVERIFY(check(F().overdueOn(QDate(2025, 6, 14)), {one}));
    QVERIFY(check(F().overdueOn(QDate(2025, 6, 1)), {}));
    QVERIFY(check(F().overdueOn(QDate(2025, 7, 2)), {two, one, four}));
    // The lead workers the list can be narrowed to: each once, no blank for an unassigned case.
    QCOMPARE(CaseFacets(store()).leadWorkers(), QStringList({QStringLiteral("amy"), QStringLiteral("ben")}));
    // Full text: a linked person's name (diacritics folded), the reason, a note.
    QVERIFY(check(F().search(QStringLiteral("sian")), {one}));
    QVERIFY(check(F().search(QStringLiteral("Evans")), {one}));
    QVERIFY(check(F().search(QStringLiteral("rent arrears")), {two, four}));
    QVERIFY(check(F().search(QStringLiteral("again arrears")), {four}));
    QVERIFY(check(F().search(QStringLiteral("bereavement")), {three}));
    QVERIFY(check(F().search(QStringLiteral("fire")), {one}));
    QVERIFY(check(F().search(QStringLiteral("nobody")), {}));
    // Fields combine with AND.
    QVERIFY(check(
        F().status(QStringLiteral("open")).leadWorker(QStringLiteral("amy")).risk(QStringLiteral("high")),
        {one}));
    QVERIFY(check(F().needKey(QStringLiteral("debt")).agencyId(housing.meta.id).overdueOn(today), {four}));
    QVERIFY(check(F().status(QStringLiteral("closed")).search(QStringLiteral("rent")), {}));

    QCOMPARE(cases.countsByStatus(),
        (QMap<QString, int> {
            {QStringLiteral("open"), 2}, {QStringLiteral("referred"), 1}, {QStringLiteral("closed"), 1}}));
}

void TestRepositories::listPagesAndSummaries()
{
    Agency fire;
    fire.name = QStringLiteral("Lancashire Fire");
    AgencyRepository(store()).add(fire);
    CaseRepository cases(store());
    QList<CaseRecord> added;
    for (int day = 1; day <= 5; ++day) {
        CaseRecord c;
        c.referralDate = QDate(2025, 3, day);
        c.referringAgencyId = day == 5 ? fire.meta.id : QString();
        c.leadWorker = QStringLiteral("amy");
        c.reviewDate = QDate(2025, 4, day);
        cases.add(c);
        added << c;
    }
    CaseAction overdue;
    overdue.caseId = added.last().meta.id;
    overdue.description = QStringLiteral("call back");
    overdue.dueDate = QDate(2025, 3, 20);
    ActionRepository(store()).add(overdue, added.last().reference);
    CaseAction upcoming = overdue;
    upcoming.meta = RowMeta();
    upcoming.dueDate = QDate(2025, 5, 20);
    ActionRepository(store()).add(upcoming, added.last().reference);
    Person p;
    p.givenName = QStringLiteral("Dora");
    p.familyName = QStringLiteral("Finch");
    PersonRepository(store()).add(p);
    CasePerson household;
    household.caseId = added.last().meta.id;
    household.personId = p.meta.id;
    household.role = QStringLiteral("household");
    cases.linkPerson(household, added.last().reference);

    CaseFilter filter;
    filter.today = QDate(2025, 4, 1);
    filter.limit = 2;
    QCOMPARE(references(cases.list(filter)), QStringList({added[4].reference, added[3].reference}));
    filter.offset = 2;
    QCOMPARE(references(cases.list(filter)), QStringList({added[2].reference, added[1].reference}));
    filter.offset = 4;
    QCOMPARE(references(cases.list(filter)), QStringList({added[0].reference}));
    QCOMPARE(cases.count(filter), qint64(5)); // count ignores paging

    filter = CaseFilter();
    filter.today = QDate(2025, 4, 1);
    const CaseSummary top = cases.list(filter).first();
    QCOMPARE(top.id, added[4].meta.id);
    QCOMPARE(top.reference, QStringLiteral("PVT-2025-0005"));
    QCOMPARE(top.status, QStringLiteral("referred"));
    QCOMPARE(top.risk, QStringLiteral("low"));
    QCOMPARE(top.leadWorker, QStringLiteral("amy"));
    QCOMPARE(top.referralDate, QDate(2025, 3, 5));
    QCOMPARE(top.reviewDate, QDate(2025, 4, 5));
    QCOMPARE(top.referringAgency, QStringLiteral("Lancashire Fire"));
    QCOMPARE(top.openActions, 2);
    QCOMPARE(top.overdueActions, 1);
    QCOMPARE(top.subjectName, QString()); // a household member is not the subject

    CasePerson subject;
    subject.caseId = added[4].meta.id;
    subject.personId = p.meta.id;
    cases.linkPerson(subject, added[4].reference);
    QCOMPARE(cases.list(filter).first().subjectName, QStringLiteral("Dora Finch"));
}

void TestRepositories::viewIsAudited()
{
    const CaseRecord c = addCase(QDate(2025, 1, 5), QStringLiteral("a reason"));
    CaseRepository cases(store());
    store().setActor(QStringLiteral("dee"));
    const qint64 outboxBefore = mark().outbox;
    const qint64 auditBefore = mark().audit;
    const auto viewed = cases.view(QStringLiteral("pvt-2025-0001"), QStringLiteral("print"));
    QVERIFY(viewed);
    QCOMPARE(viewed->meta.id, c.meta.id);
    QCOMPARE(viewed->reason, QStringLiteral("a reason"));
    const QList<AuditEntry> audit = AuditLog(store()).entries();
    QCOMPARE(audit.first().sequence, auditBefore + 1);
    QCOMPARE(audit.first().action, QStringLiteral("view"));
    QCOMPARE(audit.first().entity, QStringLiteral("case"));
    QCOMPARE(audit.first().entityId, c.meta.id);
    QCOMPARE(audit.first().caseReference, QStringLiteral("PVT-2025-0001"));
    QCOMPARE(audit.first().detail, QStringLiteral("print"));
    QCOMPARE(audit.first().actor, QStringLiteral("dee"));
    QCOMPARE(audit.first().at, pinnedNow);
    QCOMPARE(mark().outbox, outboxBefore); // viewing is not a change to sync

    // A plain read is not audited; a view of nothing records nothing.
    QVERIFY(cases.byReference(c.reference));
    QVERIFY(cases.get(c.meta.id));
    QVERIFY(!cases.view(QStringLiteral("PVT-2025-0099"), QStringLiteral("show")));
    QCOMPARE(mark().audit, auditBefore + 1);
}

QTEST_GUILESS_MAIN(TestRepositories)
#include "TestRepositories.moc"
