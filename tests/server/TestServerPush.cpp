#include "ServerFixture.h"

#include <QSet>
#include <QThread>

using namespace ServerSamples;

// Push: each outcome with its per-change result, team scoping, roles, atomicity and
// concurrency.
class TestServerPush : public QObject
{
    Q_OBJECT

private slots:
    void appliedGivesIncreasingRevs();
    void duplicateAnswersTheFirstRev();
    void conflictCarriesTheWholeRow();
    void createOfAnExistingRowIsAConflict();
    void updateMergesFields();
    void updateOfMissingRowIsNotFound();
    void otherTeamsCaseLooksMissing();
    void otherTeamsRowCannotBeUpdated();
    void casePersonNeedsAVisiblePerson();
    void partnerCannotPush();
    void agenciesAndUsersAreServerOnly();
    void teamAgenciesAreTheTeams();
    void caseReferencesAreUniquePerTeam();
    void agencyNamesAreUniqueForWhatATeamSees();
    void domainCheckRejectsUnknownValues();
    void agencyOnlyNoteMustBeOwnAgency();
    void refusedRequestChangesNothing();
    void retryOfWholePushIsIdempotent();
    void concurrentPushesNeverShareASeq();
};

void TestServerPush::appliedGivesIncreasingRevs()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 before = f.storage->changeCount();
    const PushResponse response = f.push(s, {caseCreate(caseId), needCreate(caseId), noteCreate(caseId)});
    QCOMPARE(response.results.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(response.results[i].status, PushResult::Status::Applied);
        QCOMPARE(response.results[i].rev, before + 1 + i);
    }
    const std::optional<StoredRow> row = f.storage->currentRow(QStringLiteral("case"), caseId);
    QVERIFY(row);
    QCOMPARE(row->rev, before + 1);
    QCOMPARE(row->fields.value(QStringLiteral("created_at")).toString(),
        QStringLiteral("2026-11-23T09:00:00.000Z"));
    QCOMPARE(row->fields.value(QStringLiteral("created_by")).toString(), QStringLiteral("sam"));
}

void TestServerPush::duplicateAnswersTheFirstRev()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const Change create = caseCreate(newId());
    const qint64 rev = f.push(s, {create}).results.first().rev;
    const qint64 count = f.storage->changeCount();
    const PushResult again = f.push(s, {create}).results.first();
    QCOMPARE(again.status, PushResult::Status::Duplicate);
    QCOMPARE(again.rev, rev);
    QCOMPARE(f.storage->changeCount(), count);
    // Another team never learns what that change id got.
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const PushResult other = f.push(f.login(QStringLiteral("ola")), {create}).results.first();
    QCOMPARE(other.status, PushResult::Status::Rejected);
    QCOMPARE(other.reason, QStringLiteral("forbidden"));
}

void TestServerPush::conflictCarriesTheWholeRow()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 created
        = f.push(s, {caseCreate(caseId, QStringLiteral("PVT-2026-0001"))}).results.first().rev;
    const qint64 updated
        = f.push(s, {caseUpdate(caseId, created, QStringLiteral("high"))}).results.first().rev;
    const qint64 count = f.storage->changeCount();
    const PushResult stale = f.push(s, {caseUpdate(caseId, created, QStringLiteral("low"))}).results.first();
    QCOMPARE(stale.status, PushResult::Status::Conflict);
    QCOMPARE(stale.rev, updated);
    QCOMPARE(stale.entity, QStringLiteral("case"));
    QCOMPARE(stale.rowId, caseId);
    QCOMPARE(stale.deleted, false);
    QCOMPARE(stale.fields.value(QStringLiteral("risk")).toString(), QStringLiteral("high"));
    QCOMPARE(stale.fields.value(QStringLiteral("reference")).toString(), QStringLiteral("PVT-2026-0001"));
    for (const char* stamp : {"created_at", "created_by", "updated_at", "updated_by"})
        QVERIFY2(stale.fields.contains(QString::fromLatin1(stamp)), stamp);
    QCOMPARE(f.storage->changeCount(), count);
    QCOMPARE(f.storage->currentRow(QStringLiteral("case"), caseId)
                 ->fields.value(QStringLiteral("risk"))
                 .toString(),
        QStringLiteral("high"));
}

void TestServerPush::createOfAnExistingRowIsAConflict()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 rev = f.push(s, {caseCreate(caseId, QStringLiteral("PVT-2026-0001"))}).results.first().rev;
    const PushResult again = f.push(s, {caseCreate(caseId, QStringLiteral("PVT-2026-0002"))}).results.first();
    QCOMPARE(again.status, PushResult::Status::Conflict);
    QCOMPARE(again.rev, rev);
    QCOMPARE(again.fields.value(QStringLiteral("reference")).toString(), QStringLiteral("PVT-2026-0001"));
}

void TestServerPush::updateMergesFields()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 rev = f.push(s, {caseCreate(caseId)}).results.first().rev;
    Change update = caseUpdate(caseId, rev, QStringLiteral("high"));
    update.fields.insert(QStringLiteral("updated_by"), QStringLiteral("kim"));
    update.fields.insert(QStringLiteral("updated_at"), QStringLiteral("2026-11-24T10:00:00.000Z"));
    const PushResult result = f.push(s, {update}).results.first();
    QCOMPARE(result.status, PushResult::Status::Applied);
    const StoredRow row = *f.storage->currentRow(QStringLiteral("case"), caseId);
    QCOMPARE(row.rev, result.rev);
    QCOMPARE(row.fields.value(QStringLiteral("risk")).toString(), QStringLiteral("high"));
    QCOMPARE(row.fields.value(QStringLiteral("status")).toString(), QStringLiteral("referred"));
    QCOMPARE(row.fields.value(QStringLiteral("created_by")).toString(), QStringLiteral("sam"));
    QCOMPARE(row.fields.value(QStringLiteral("updated_by")).toString(), QStringLiteral("kim"));
    QCOMPARE(row.fields.value(QStringLiteral("created_at")).toString(),
        QStringLiteral("2026-11-23T09:00:00.000Z"));
}

void TestServerPush::updateOfMissingRowIsNotFound()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const qint64 count = f.storage->changeCount();
    const PushResult result = f.push(s, {caseUpdate(newId(), 3, QStringLiteral("high"))}).results.first();
    QCOMPARE(result.status, PushResult::Status::Rejected);
    QCOMPARE(result.reason, QStringLiteral("not_found"));
    QCOMPARE(f.storage->changeCount(), count);
}

void TestServerPush::otherTeamsCaseLooksMissing()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"));
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const Session south = f.login(QStringLiteral("ola"));
    const QString northCase = newId();
    f.push(north, {caseCreate(northCase)});
    const qint64 count = f.storage->changeCount();
    const PushResponse response = f.push(south, {needCreate(northCase), needCreate(newId())});
    const PushResult otherTeams = response.results.at(0);
    const PushResult missing = response.results.at(1);
    QCOMPARE(otherTeams.status, PushResult::Status::Rejected);
    // The same answer for both: nothing says the case exists.
    QCOMPARE(otherTeams.reason, missing.reason);
    QCOMPARE(otherTeams.message, missing.message);
    QCOMPARE(otherTeams.reason, QStringLiteral("not_found"));
    QCOMPARE(f.storage->changeCount(), count);
    // A child of the own team's case goes in, and belongs to the case's team.
    const Change need = needCreate(northCase);
    QCOMPARE(f.push(north, {need}).results.first().status, PushResult::Status::Applied);
    QCOMPARE(f.storage->currentRow(QStringLiteral("need"), need.rowId)->teamId,
        f.storage->currentRow(QStringLiteral("case"), northCase)->teamId);
}

void TestServerPush::otherTeamsRowCannotBeUpdated()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"));
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const Session south = f.login(QStringLiteral("ola"));
    const QString northCase = newId();
    const qint64 rev = f.push(north, {caseCreate(northCase)}).results.first().rev;
    const PushResponse response
        = f.push(south, {caseUpdate(northCase, rev, QStringLiteral("low")), caseCreate(northCase)});
    QCOMPARE(response.results.at(0).status, PushResult::Status::Rejected);
    QCOMPARE(response.results.at(0).reason, QStringLiteral("not_found"));
    QCOMPARE(response.results.at(1).status, PushResult::Status::Rejected); // no conflict row for another team
    QVERIFY(response.results.at(1).fields.isEmpty());
    QCOMPARE(f.storage->currentRow(QStringLiteral("case"), northCase)->rev, rev);
}

void TestServerPush::casePersonNeedsAVisiblePerson()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"));
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const Session south = f.login(QStringLiteral("ola"));
    const auto person = [] {
        return Change {newId(), QStringLiteral("person"), newId(), 0, QStringLiteral("create"),
            with(stamps(), {{QStringLiteral("given_name"), QStringLiteral("Alex")}})};
    };
    const auto link = [](const QString& caseId, const QString& personId) {
        return Change {newId(), QStringLiteral("case_person"), newId(), 0, QStringLiteral("create"),
            with(stamps(),
                {{QStringLiteral("case_id"), caseId}, {QStringLiteral("person_id"), personId},
                    {QStringLiteral("role"), QStringLiteral("subject")}})};
    };
    const Change southPerson = person();
    QCOMPARE(f.push(south, {southPerson}).results.first().status, PushResult::Status::Applied);
    const QString caseId = newId();
    const Change northPerson = person();
    const PushResponse response = f.push(north,
        {caseCreate(caseId), northPerson, link(caseId, northPerson.rowId), link(caseId, southPerson.rowId),
            link(caseId, newId())});
    QCOMPARE(response.results.at(1).status, PushResult::Status::Applied);
    QCOMPARE(response.results.at(2).status, PushResult::Status::Applied);
    QCOMPARE(response.results.at(3).reason, QStringLiteral("not_found"));
    QCOMPARE(response.results.at(4).reason, QStringLiteral("not_found"));
    QCOMPARE(response.results.at(3).message, response.results.at(4).message);
}

void TestServerPush::partnerCannotPush()
{
    ServerFixture f;
    f.addUser(QStringLiteral("pat"), QStringLiteral("North"), QStringLiteral("partner"), f.agencyA);
    const Session s = f.login(QStringLiteral("pat"));
    const qint64 count = f.storage->changeCount();
    const QString caseId = newId();
    const PushResponse response = f.push(s, {caseCreate(caseId), needCreate(caseId)});
    QCOMPARE(response.results.size(), 2);
    for (const PushResult& result : response.results) {
        QCOMPARE(result.status, PushResult::Status::Rejected);
        QCOMPARE(result.reason, QStringLiteral("forbidden"));
    }
    QCOMPARE(f.storage->changeCount(), count);
}

void TestServerPush::agenciesAndUsersAreServerOnly()
{
    ServerFixture f;
    f.addUser(QStringLiteral("ada"), QStringLiteral("North"), QStringLiteral("admin"));
    const Session s = f.login(QStringLiteral("ada"));
    const Change user {newId(), QStringLiteral("user"), newId(), 0, QStringLiteral("create"),
        with(stamps(),
            {{QStringLiteral("username"), QStringLiteral("eve")},
                {QStringLiteral("display_name"), QStringLiteral("Eve")},
                {QStringLiteral("role"), QStringLiteral("admin")}})};
    // An agency the administrator added is seen by every team and changed by none of them.
    const Change rename {newId(), QStringLiteral("agency"), f.agencyA,
        f.storage->currentRow(QStringLiteral("agency"), f.agencyA)->rev, QStringLiteral("update"),
        with(stamps(), {{QStringLiteral("name"), QStringLiteral("Y")}})};
    for (const PushResult& result : f.push(s, {user, rename}).results) {
        QCOMPARE(result.status, PushResult::Status::Rejected);
        QCOMPARE(result.reason, QStringLiteral("forbidden"));
    }
    QCOMPARE(f.storage->currentRow(QStringLiteral("agency"), f.agencyA)
                 ->fields.value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("Lancashire Police"));
}

// A worker names a referring agency the team has not met before: the laptop adds it, and
// the server keeps it for that team (seen and changed by that team only).
void TestServerPush::teamAgenciesAreTheTeams()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    f.addUser(QStringLiteral("lee"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const Session south = f.login(QStringLiteral("lee"));
    const QString agencyId = newId();
    const Change agency {newId(), QStringLiteral("agency"), agencyId, 0, QStringLiteral("create"),
        with(stamps(),
            {{QStringLiteral("name"), QStringLiteral("Food bank")},
                {QStringLiteral("kind"), QStringLiteral("voluntary")}})};
    const PushResult made = f.push(north, {agency}).results.first();
    QCOMPARE(made.status, PushResult::Status::Applied);
    const Change rename {newId(), QStringLiteral("agency"), agencyId, made.rev, QStringLiteral("update"),
        with(stamps(), {{QStringLiteral("name"), QStringLiteral("Food bank (St Anne's)")}})};
    QCOMPARE(f.push(south, {rename}).results.first().reason, QStringLiteral("not_found"));
    QCOMPARE(f.push(north, {rename}).results.first().status, PushResult::Status::Applied);
    QCOMPARE(f.storage->currentRow(QStringLiteral("agency"), agencyId)->fields.value(QStringLiteral("name")),
        QJsonValue(QStringLiteral("Food bank (St Anne's)")));
}

void TestServerPush::caseReferencesAreUniquePerTeam()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    f.addUser(QStringLiteral("kim"));
    f.addUser(QStringLiteral("lee"), QStringLiteral("South"));
    const Session sam = f.login(QStringLiteral("sam"));
    const Session kim = f.login(QStringLiteral("kim"));
    const Session lee = f.login(QStringLiteral("lee"));
    const QString reference = QStringLiteral("PVT-2026-0500");
    const QString first = newId();
    QCOMPARE(f.push(sam, {caseCreate(first, reference)}).results.first().status, PushResult::Status::Applied);
    // Kim's laptop numbered its own new case the same, offline.
    const QString second = newId();
    const PushResult taken = f.push(kim, {caseCreate(second, reference)}).results.first();
    QCOMPARE(taken.status, PushResult::Status::Rejected);
    QCOMPARE(taken.reason, QStringLiteral("reference_taken"));
    QVERIFY(!f.storage->currentRow(QStringLiteral("case"), second));
    // Renumbered, it goes; another team may use the same reference.
    QCOMPARE(f.push(kim, {caseCreate(second, QStringLiteral("PVT-2026-0501"))}).results.first().status,
        PushResult::Status::Applied);
    QCOMPARE(
        f.push(lee, {caseCreate(newId(), reference)}).results.first().status, PushResult::Status::Applied);
    // Changing a case to a reference in use is refused too; keeping its own is fine.
    Change clash {newId(), QStringLiteral("case"), second,
        f.storage->currentRow(QStringLiteral("case"), second)->rev, QStringLiteral("update"),
        with(stamps(), {{QStringLiteral("reference"), reference}})};
    QCOMPARE(f.push(kim, {clash}).results.first().reason, QStringLiteral("reference_taken"));
    clash.changeId = newId();
    clash.fields.insert(QStringLiteral("reference"), QStringLiteral("PVT-2026-0501"));
    QCOMPARE(f.push(kim, {clash}).results.first().status, PushResult::Status::Applied);
}

// Two laptops adding the same new agency offline: the second is refused so that no laptop of
// the team ever pulls two agencies with one name. Other teams keep their own names.
void TestServerPush::agencyNamesAreUniqueForWhatATeamSees()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    f.addUser(QStringLiteral("kim"));
    f.addUser(QStringLiteral("lee"), QStringLiteral("South"));
    const Session sam = f.login(QStringLiteral("sam"));
    const Session kim = f.login(QStringLiteral("kim"));
    const Session lee = f.login(QStringLiteral("lee"));
    const auto agencyCreate = [](const QString& id, const QString& name) {
        return Change {newId(), QStringLiteral("agency"), id, 0, QStringLiteral("create"),
            with(stamps(),
                {{QStringLiteral("name"), name}, {QStringLiteral("kind"), QStringLiteral("voluntary")}})};
    };
    const QString first = newId();
    QCOMPARE(f.push(sam, {agencyCreate(first, QStringLiteral("Food bank"))}).results.first().status,
        PushResult::Status::Applied);
    const QString second = newId();
    const PushResult taken = f.push(kim, {agencyCreate(second, QStringLiteral("Food bank"))}).results.first();
    QCOMPARE(taken.status, PushResult::Status::Rejected);
    QCOMPARE(taken.reason, QStringLiteral("name_taken"));
    QVERIFY(!f.storage->currentRow(QStringLiteral("agency"), second));
    // A global agency's name is taken for every team too.
    QCOMPARE(f.push(kim, {agencyCreate(second, QStringLiteral("Fire and Rescue"))}).results.first().reason,
        QStringLiteral("name_taken"));
    QCOMPARE(f.push(lee, {agencyCreate(newId(), QStringLiteral("Food bank"))}).results.first().status,
        PushResult::Status::Applied);
    QCOMPARE(f.push(kim, {agencyCreate(second, QStringLiteral("Food bank (2)"))}).results.first().status,
        PushResult::Status::Applied);
    // Renaming onto a name in use is refused; a change keeping its own name is fine.
    Change rename {newId(), QStringLiteral("agency"), second,
        f.storage->currentRow(QStringLiteral("agency"), second)->rev, QStringLiteral("update"),
        with(stamps(), {{QStringLiteral("name"), QStringLiteral("Food bank")}})};
    QCOMPARE(f.push(kim, {rename}).results.first().reason, QStringLiteral("name_taken"));
    rename.changeId = newId();
    rename.fields.insert(QStringLiteral("name"), QStringLiteral("Food bank (2)"));
    QCOMPARE(f.push(kim, {rename}).results.first().status, PushResult::Status::Applied);
    // The administrator cannot add a global agency a team already has either.
    QString error;
    QVERIFY(f.admin->addAgency(QStringLiteral("Food bank"), QStringLiteral("voluntary"), &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("already exists")));
}

void TestServerPush::domainCheckRejectsUnknownValues()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    Change badStatus = caseCreate(newId());
    badStatus.fields.insert(QStringLiteral("status"), QStringLiteral("archived"));
    const QString caseId = newId();
    Change badNeed = needCreate(caseId);
    badNeed.fields.insert(QStringLiteral("need_key"), QStringLiteral("unicorns"));
    const PushResponse response = f.push(s, {badStatus, caseCreate(caseId), badNeed});
    QCOMPARE(response.results.at(0).status, PushResult::Status::Rejected);
    QCOMPARE(response.results.at(0).reason, QStringLiteral("invalid"));
    QVERIFY(response.results.at(0).message.contains(QStringLiteral("status")));
    QVERIFY(!response.results.at(0).message.contains(
        QStringLiteral("archived"))); // names the field, not the value
    QCOMPARE(response.results.at(1).status, PushResult::Status::Applied);
    QCOMPARE(response.results.at(2).reason, QStringLiteral("invalid"));
    QVERIFY(!f.storage->currentRow(QStringLiteral("case"), badStatus.rowId));
}

void TestServerPush::agencyOnlyNoteMustBeOwnAgency()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"), QStringLiteral("worker"), f.agencyA);
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    Change noAgency = noteCreate(caseId, f.agencyA);
    noAgency.fields.insert(QStringLiteral("agency_id"), QJsonValue());
    const PushResponse response = f.push(
        s, {caseCreate(caseId), noteCreate(caseId, f.agencyB), noAgency, noteCreate(caseId, f.agencyA)});
    QCOMPARE(response.results.at(1).reason, QStringLiteral("forbidden"));
    QCOMPARE(response.results.at(2).reason, QStringLiteral("invalid"));
    QCOMPARE(response.results.at(3).status, PushResult::Status::Applied);
}

void TestServerPush::refusedRequestChangesNothing()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const qint64 count = f.storage->changeCount();
    const QString caseId = newId();
    // A body with one good change and one broken one: 400, and the good one is not applied.
    Change broken = needCreate(caseId);
    broken.fields.remove(QStringLiteral("severity"));
    const ServerResponse bad = f.pushResponse(s, {caseCreate(caseId), broken});
    QCOMPARE(bad.status, 400);
    QCOMPARE(errorOf(bad).code, QStringLiteral("missing_field"));
    // Another device's id: 403.
    const ServerResponse wrongDevice
        = f.post(Api::pushPath(), ProtocolCodec::encode(PushRequest {newId(), {caseCreate(caseId)}}), s);
    QCOMPARE(wrongDevice.status, 403);
    QCOMPARE(errorOf(wrongDevice).code, QStringLiteral("forbidden"));
    // No token: 401.
    const ServerResponse anonymous = f.post(
        Api::pushPath(), ProtocolCodec::encode(PushRequest {s.deviceId, {caseCreate(caseId)}}), Session {});
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(f.storage->changeCount(), count);
    QVERIFY(!f.storage->currentRow(QStringLiteral("case"), caseId));
}

void TestServerPush::retryOfWholePushIsIdempotent()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 base = f.push(s, {caseCreate(caseId)}).results.first().rev;
    const QList<Change> batch {caseUpdate(caseId, base, QStringLiteral("high")), needCreate(caseId),
        caseUpdate(caseId, base, QStringLiteral("low")), caseUpdate(newId(), 4, QStringLiteral("low"))};
    const PushResponse first = f.push(s, batch);
    const qint64 count = f.storage->changeCount();
    const PushResponse retry = f.push(s, batch);
    QCOMPARE(retry.results.size(), first.results.size());
    // What was applied comes back as duplicate with the same rev; everything else is the same answer.
    QCOMPARE(first.results.at(0).status, PushResult::Status::Applied);
    QCOMPARE(first.results.at(1).status, PushResult::Status::Applied);
    QCOMPARE(first.results.at(2).status, PushResult::Status::Conflict);
    QCOMPARE(first.results.at(3).status, PushResult::Status::Rejected);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(retry.results.at(i).status, PushResult::Status::Duplicate);
        QCOMPARE(retry.results.at(i).rev, first.results.at(i).rev);
        QCOMPARE(retry.results.at(i).changeId, first.results.at(i).changeId);
    }
    QCOMPARE(retry.results.at(2), first.results.at(2));
    QCOMPARE(retry.results.at(3), first.results.at(3));
    QCOMPARE(f.storage->changeCount(), count);
    // A third time answers exactly as the second.
    QCOMPARE(f.push(s, batch), retry);
}

void TestServerPush::concurrentPushesNeverShareASeq()
{
    ServerFixture f;
    constexpr int threads = 4;
    constexpr int pushesEach = 15;
    constexpr int changesEach = 4;
    QList<Session> sessions;
    for (int t = 0; t < threads; ++t) {
        f.addUser(QStringLiteral("user%1").arg(t));
        sessions.append(f.login(QStringLiteral("user%1").arg(t)));
    }
    const qint64 before = f.storage->changeCount();
    QList<QList<qint64>> revs(threads);
    QList<QThread*> workers;
    for (int t = 0; t < threads; ++t) {
        workers.append(QThread::create([&, t] {
            for (int p = 0; p < pushesEach; ++p) {
                QList<Change> batch;
                for (int c = 0; c < changesEach; ++c)
                    batch.append(caseCreate(newId()));
                const ServerResponse response = f.pushResponse(sessions[t], batch);
                const Result<PushResponse> decoded = ProtocolCodec::decodePushResponse(response.body);
                if (!decoded.ok()) {
                    revs[t].append(-1);
                    continue;
                }
                const PushResponse body = decoded.value();
                for (const PushResult& r : body.results)
                    revs[t].append(r.status == PushResult::Status::Applied ? r.rev : -1);
            }
        }));
        workers.last()->start();
    }
    for (QThread* worker : workers) {
        QVERIFY(worker->wait(120000));
        delete worker;
    }
    QSet<qint64> seen;
    for (const QList<qint64>& list : revs) {
        QCOMPARE(list.size(), pushesEach * changesEach);
        for (qint64 rev : list) {
            QVERIFY(rev > before);
            QVERIFY2(!seen.contains(rev), "two changes got the same seq");
            seen.insert(rev);
        }
        // Each thread's own changes are in the order it pushed them.
        QVERIFY(std::is_sorted(list.cbegin(), list.cend()));
    }
    const qint64 total = threads * pushesEach * changesEach;
    QCOMPARE(f.storage->changeCount(), before + total);
    // The seqs are gap-free: nothing was lost between them.
    QCOMPARE(*std::max_element(seen.cbegin(), seen.cend()), before + total);
    QCOMPARE(f.pullAll(sessions.first(), before).size(), total);
}

QTEST_GUILESS_MAIN(TestServerPush)
#include "TestServerPush.moc"
