#include "FakeServer.h"
#include "SyncTestClient.h"
#include "store/AgencyRepository.h"
#include "store/AuditLog.h"
#include "store/OutboxRepository.h"
#include "store/SearchIndex.h"
#include "store/StoreSettings.h"
#include "store/SyncIssues.h"
#include "store/SyncRepository.h"

#include <QTest>
#include <QUuid>

// Whole-state tests of the client sync engine: laptops with real encrypted stores syncing
// through one in-memory server, checked by what every store and the server hold afterwards.
class TestSyncEngine : public QObject
{
    Q_OBJECT

private slots:
    void twoLaptopsConverge_data();
    void twoLaptopsConverge();
    void editOnBothSides_data();
    void editOnBothSides();
    void conflictResolvedWithMine();
    void createOfflineThenSync();
    void lostPushAnswerGivesDuplicate();
    void interruptedPullResumesFromCursor();
    void refusedChangeIsQuarantined_data();
    void refusedChangeIsQuarantined();
    void withdrawalRemovesCaseKeepsLocalWork();
    void noteOnCaseClosedElsewhere_data();
    void noteOnCaseClosedElsewhere();
    void pulledNotesAreSearchable();
    void pullCreatesNoOutboxRows();
    void settingsAreNotPushedButCounted();
    void tombstoneMarksRowDeleted();
    void withdrawnCaseLeavesTheLaptop();
    void agencyAddedAlikeIsRenamedOnPush();
    void pulledAgencyNameMovesTheLocalOne_data();
    void pulledAgencyNameMovesTheLocalOne();
    void cancelEndsRunBeforeAnything();
    void failureEndsSyncConsistently_data();
    void failureEndsSyncConsistently();

private:
    static Agency addAgency(SyncTestClient& client, const QString& name);
    static QStringList agencyNames(SyncTestClient& client);
    static void setField(CaseRecord& record, const QString& field, const QString& value);
    static QString changeIdOf(SyncTestClient& client, const QString& entity, const QString& rowId);
};

void TestSyncEngine::setField(CaseRecord& record, const QString& field, const QString& value)
{
    if (field == QLatin1String("risk"))
        record.risk = value;
    else if (field == QLatin1String("lead_worker"))
        record.leadWorker = value;
    else if (field == QLatin1String("reason"))
        record.reason = value;
    else
        QFAIL("unknown field in the test table");
}

Agency TestSyncEngine::addAgency(SyncTestClient& client, const QString& name)
{
    Agency agency;
    agency.name = name;
    agency.kind = QStringLiteral("voluntary");
    AgencyRepository(*client.store).add(agency);
    return agency;
}

QStringList TestSyncEngine::agencyNames(SyncTestClient& client)
{
    QStringList names;
    for (const Agency& agency : AgencyRepository(*client.store).list())
        names << agency.name;
    names.sort();
    return names;
}

QString TestSyncEngine::changeIdOf(SyncTestClient& client, const QString& entity, const QString& rowId)
{
    return client.text(
        "SELECT change_id FROM outbox WHERE entity = ?1 AND row_id = ?2 ORDER BY seq", {entity, rowId});
}

void TestSyncEngine::twoLaptopsConverge_data()
{
    QTest::addColumn<int>("casesOnA");
    QTest::addColumn<int>("casesOnB");
    QTest::addColumn<int>("notesEach");
    QTest::newRow("one case, nothing else") << 1 << 0 << 0;
    QTest::newRow("cases on both, notes on both") << 2 << 2 << 3;
    QTest::newRow("many rows, small pages") << 6 << 3 << 5;
}

void TestSyncEngine::twoLaptopsConverge()
{
    QFETCH(int, casesOnA);
    QFETCH(int, casesOnB);
    QFETCH(int, notesEach);
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    QList<CaseRecord> aCases;
    for (int i = 0; i < casesOnA; ++i)
        aCases << a.addCase(QStringLiteral("reason a%1").arg(i));
    QVERIFY(a.sync(server, 4).ok);
    QVERIFY(b.sync(server, 4).ok);
    // Offline on both: new cases on B (numbered after A's, which B now holds), notes on both.
    for (int i = 0; i < casesOnB; ++i)
        b.addCase(QStringLiteral("reason b%1").arg(i), QStringLiteral("Bea"));
    for (int i = 0; i < notesEach; ++i) {
        a.addNote(aCases.first(), QStringLiteral("note from a %1").arg(i));
        b.addNote(b.caseById(aCases.first().meta.id), QStringLiteral("note from b %1").arg(i));
    }
    for (SyncTestClient* client : {&a, &b, &a}) {
        const SyncSummary s = client->sync(server, 4);
        QVERIFY2(s.ok, s.error ? qPrintable(s.error->message) : "");
        QCOMPARE(s.conflicts, 0);
    }
    QCOMPARE(a.dump(), b.dump());
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), 0);
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);
    QCOMPARE(server.liveRows(QStringLiteral("case")), casesOnA + casesOnB);
    QCOMPARE(server.liveRows(QStringLiteral("note")), 2 * notesEach);
    QCOMPARE(a.count("SELECT count(*) FROM notes"), qint64(2 * notesEach));
    QCOMPARE(a.count("SELECT count(*) FROM cases WHERE rev = 0"), qint64(0));
}

void TestSyncEngine::editOnBothSides_data()
{
    QTest::addColumn<QString>("fieldA");
    QTest::addColumn<QString>("valueA");
    QTest::addColumn<QString>("fieldB");
    QTest::addColumn<QString>("valueB");
    QTest::addColumn<bool>("conflict");
    QTest::newRow("same field, different values") << "risk"
                                                  << "high"
                                                  << "risk"
                                                  << "medium" << true;
    QTest::newRow("same field, same value") << "risk"
                                            << "high"
                                            << "risk"
                                            << "high" << false;
    QTest::newRow("different fields") << "risk"
                                      << "high"
                                      << "lead_worker"
                                      << "Bo Worker" << false;
    QTest::newRow("long text on both") << "reason"
                                       << "A's reason"
                                       << "reason"
                                       << "B's reason" << true;
}

void TestSyncEngine::editOnBothSides()
{
    QFETCH(QString, fieldA);
    QFETCH(QString, valueA);
    QFETCH(QString, fieldB);
    QFETCH(QString, valueB);
    QFETCH(bool, conflict);
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord created = a.addCase(QStringLiteral("hoarding"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(b.sync(server).ok);

    CaseRecord onA = a.caseById(created.meta.id);
    setField(onA, fieldA, valueA);
    QVERIFY(CaseRepository(*a.store).update(onA));
    QVERIFY(a.sync(server).ok);
    CaseRecord onB = b.caseById(created.meta.id);
    setField(onB, fieldB, valueB);
    QVERIFY(CaseRepository(*b.store).update(onB));

    const SyncSummary s = b.sync(server);
    QVERIFY(s.ok);
    QCOMPARE(s.conflicts, conflict ? 1 : 0);
    const QList<SyncConflict> open = SyncIssues(*b.store).openConflicts();
    QCOMPARE(open.size(), conflict ? 1 : 0);
    const QByteArray valueSql = "SELECT " + fieldA.toLatin1() + " FROM cases WHERE id = ?1";
    // The server's value is in the record either way; B's is kept, as a conflict or merged.
    QCOMPARE(b.text(valueSql, {created.meta.id}), valueA);
    if (conflict) {
        QCOMPARE(open.first().field, fieldB);
        QCOMPARE(open.first().localValue.toString(), valueB);
        QCOMPARE(open.first().serverValue.toString(), valueA);
        QCOMPARE(open.first().caseReference, created.reference);
    } else {
        const QByteArray otherSql = "SELECT " + fieldB.toLatin1() + " FROM cases WHERE id = ?1";
        QCOMPARE(b.text(otherSql, {created.meta.id}), valueB);
    }
    // B's local-only field went to the server within the same sync, on the server's rev.
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);
    QCOMPARE(server.rows().value({QStringLiteral("case"), created.meta.id}).fields.value(fieldB).toString(),
        conflict ? valueA : valueB);
    QVERIFY(b.sync(server).ok);
    QVERIFY(a.sync(server).ok);
    QCOMPARE(a.dump(), b.dump());
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);
}

void TestSyncEngine::conflictResolvedWithMine()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord created = a.addCase(QStringLiteral("hoarding"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(b.sync(server).ok);
    CaseRecord onA = a.caseById(created.meta.id);
    onA.risk = QStringLiteral("high");
    CaseRepository(*a.store).update(onA);
    QVERIFY(a.sync(server).ok);
    CaseRecord onB = b.caseById(created.meta.id);
    onB.risk = QStringLiteral("medium");
    CaseRepository(*b.store).update(onB);
    QVERIFY(b.sync(server).ok);

    SyncIssues issues(*b.store);
    const QList<SyncConflict> open = issues.openConflicts();
    QCOMPARE(open.size(), 1);
    issues.resolve(open.first().id, SyncIssues::Resolution::UseMine);
    QVERIFY(issues.openConflicts().isEmpty());
    QCOMPARE(b.caseById(created.meta.id).risk, QStringLiteral("medium"));
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 1); // queued like any edit
    QVERIFY(b.sync(server).ok);
    QVERIFY(a.sync(server).ok);
    QCOMPARE(a.caseById(created.meta.id).risk, QStringLiteral("medium"));
    QCOMPARE(a.dump(), b.dump());
}

void TestSyncEngine::createOfflineThenSync()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord created = a.addCase(QStringLiteral("made offline"));
    const int queued = OutboxRepository(*a.store).pendingCount();
    server.failNextCalls(TransportError::Kind::Offline);
    const SyncSummary offline = a.sync(server);
    QVERIFY(!offline.ok);
    QCOMPARE(offline.error->kind, TransportError::Kind::Offline);
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), queued);
    QCOMPARE(a.count("SELECT max(attempts) FROM outbox"), qint64(1));
    QCOMPARE(server.liveRows(QStringLiteral("case")), 0);

    const SyncSummary online = a.sync(server);
    QVERIFY(online.ok);
    QCOMPARE(online.pushed, queued);
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), 0);
    QVERIFY(a.caseById(created.meta.id).meta.rev > 0);
    QVERIFY(b.sync(server).ok);
    QCOMPARE(b.caseById(created.meta.id).reference, created.reference);
    QCOMPARE(a.dump(), b.dump());
}

void TestSyncEngine::lostPushAnswerGivesDuplicate()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    a.addCase(QStringLiteral("answer lost"));
    const int queued = OutboxRepository(*a.store).pendingCount();
    server.loseNextPushAnswer();
    QVERIFY(!a.sync(server).ok);
    QCOMPARE(server.liveRows(QStringLiteral("case")), 1); // the server applied it
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), queued); // the laptop did not hear
    const qint64 seqBefore = server.seq();

    const SyncSummary retry = a.sync(server);
    QVERIFY(retry.ok);
    QCOMPARE(retry.pushed, queued); // acknowledged as duplicates
    QCOMPARE(server.seq(), seqBefore); // nothing applied twice
    QCOMPARE(server.liveRows(QStringLiteral("case")), 1);
    QCOMPARE(a.count("SELECT count(*) FROM cases"), qint64(1));
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), 0);
    SyncTestClient b(QStringLiteral("bo"));
    QVERIFY(b.sync(server).ok);
    QCOMPARE(a.dump(), b.dump());
}

void TestSyncEngine::interruptedPullResumesFromCursor()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    for (int i = 0; i < 4; ++i)
        a.addCase(QStringLiteral("case %1").arg(i));
    QVERIFY(a.sync(server).ok);
    const int total = static_cast<int>(server.rows().size());

    SyncTestClient b(QStringLiteral("bo"));
    server.failPullAfterPages(1); // the first page arrives, then the line drops
    const SyncSummary first = b.sync(server, 5);
    QVERIFY(!first.ok);
    QCOMPARE(first.pulled, 5);
    QList<qint64> revs;
    for (const FakeServer::Row& row : server.rows())
        revs << row.rev;
    std::sort(revs.begin(), revs.end());
    QCOMPARE(SyncIssues(*b.store).pullCursor(), revs.at(4)); // the first page's next, kept

    const SyncSummary second = b.sync(server, 5);
    QVERIFY(second.ok);
    QCOMPARE(first.pulled + second.pulled, total); // resumed, nothing pulled twice
    QVERIFY(!second.fullRepull);
    QCOMPARE(a.dump(), b.dump());
}

void TestSyncEngine::refusedChangeIsQuarantined_data()
{
    QTest::addColumn<bool>("asRequest"); // a 400 for the whole push rather than a rejected result
    QTest::newRow("rejected result") << false;
    QTest::newRow("refused request") << true;
}

void TestSyncEngine::refusedChangeIsQuarantined()
{
    QFETCH(bool, asRequest);
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    const CaseRecord bad = a.addCase(QStringLiteral("will be refused"));
    a.addCase(QStringLiteral("fine"));
    const QString badChange = changeIdOf(a, QStringLiteral("case"), bad.meta.id);
    if (asRequest)
        server.refuseChangeRequests(badChange);
    else
        server.rejectChange(badChange, QStringLiteral("forbidden"));

    const int syncsToQuarantine = asRequest ? SyncRepository::refusalCap : 1;
    SyncSummary s;
    for (int i = 0; i < syncsToQuarantine; ++i) {
        s = a.sync(server);
        QVERIFY(s.ok);
        QCOMPARE(server.liveRows(QStringLiteral("case")), 1); // the other case went first time
    }
    QCOMPARE(s.quarantined, 1);
    QCOMPARE(s.waiting, 0);
    const QList<QuarantinedChange> parked = SyncIssues(*a.store).quarantinedChanges();
    QCOMPARE(parked.size(), 1);
    QCOMPARE(parked.first().changeId, badChange);
    QCOMPARE(parked.first().reason, asRequest ? QStringLiteral("bad_value") : QStringLiteral("forbidden"));
    QCOMPARE(parked.first().caseReference, bad.reference);

    // Released, and no longer refused, it goes.
    server.forgive(badChange);
    SyncIssues(*a.store).release(parked.first().seq);
    const SyncSummary released = a.sync(server);
    QVERIFY(released.ok);
    QCOMPARE(released.quarantined, 0);
    QCOMPARE(server.liveRows(QStringLiteral("case")), 2);
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), 0);
}

void TestSyncEngine::withdrawalRemovesCaseKeepsLocalWork()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord withdrawn = a.addCase(QStringLiteral("to be withdrawn"));
    const CaseRecord edited = a.addCase(QStringLiteral("edited on b"));
    const CaseRecord kept = a.addCase(QStringLiteral("still shared"));
    a.addNote(withdrawn, QStringLiteral("note on the withdrawn case"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(b.sync(server).ok);

    CaseRecord onB = b.caseById(edited.meta.id);
    onB.risk = QStringLiteral("high");
    CaseRepository(*b.store).update(onB); // local work on a case about to be withdrawn
    server.setCaseVisible(withdrawn.meta.id, false);
    server.setCaseVisible(edited.meta.id, false);
    server.rejectChange(changeIdOf(b, QStringLiteral("case"), edited.meta.id), QStringLiteral("forbidden"));

    const SyncSummary s = b.sync(server);
    QVERIFY2(s.ok, s.error ? qPrintable(s.error->message) : "");
    QVERIFY(s.fullRepull);
    QCOMPARE(s.removedCaseReferences, QStringList {withdrawn.reference});
    QCOMPARE(b.count("SELECT count(*) FROM notes"), qint64(0));
    QCOMPARE(b.text("SELECT reference FROM cases WHERE id = ?1", {withdrawn.meta.id}), QString());
    // The edited case stays with the worker's change (parked: the server refused it).
    QCOMPARE(b.caseById(edited.meta.id).risk, QStringLiteral("high"));
    QCOMPARE(b.caseById(edited.meta.id).meta.rev, qint64(0)); // no longer held from the server
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 1);
    QCOMPARE(b.caseById(kept.meta.id).reference, kept.reference);

    const QList<CaseRemoval> removals = SyncIssues(*b.store).unacknowledgedRemovals();
    QCOMPARE(removals.size(), 1);
    QCOMPARE(removals.first().caseReference, withdrawn.reference);
    QCOMPARE(removals.first().reason, SyncRepository::removalReason());
    bool audited = false;
    for (const AuditEntry& e : AuditLog(*b.store).entries(withdrawn.reference))
        audited = audited || e.action == QLatin1String("delete");
    QVERIFY(audited);
    QCOMPARE(b.count("SELECT count(*) FROM sync_seen"), qint64(0));
    SyncIssues(*b.store).acknowledgeRemoval(removals.first().id);
    QVERIFY(SyncIssues(*b.store).unacknowledgedRemovals().isEmpty());

    // The next sync agrees with the server without another re-pull.
    const SyncSummary again = b.sync(server);
    QVERIFY(again.ok);
    QVERIFY(!again.fullRepull);
}

void TestSyncEngine::noteOnCaseClosedElsewhere_data()
{
    QTest::addColumn<bool>("noteAfterClosing");
    QTest::newRow("note written after the closing") << true;
    QTest::newRow("note written before the closing") << false;
}

void TestSyncEngine::noteOnCaseClosedElsewhere()
{
    QFETCH(bool, noteAfterClosing);
    const QDateTime closing(QDate(2026, 4, 1), QTime(10, 0), Qt::UTC);
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord created = a.addCase(QStringLiteral("closed on a"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(b.sync(server).ok);

    b.store->setClockForTesting(closing.addSecs(noteAfterClosing ? 3600 : -3600));
    const CaseNote note = b.addNote(b.caseById(created.meta.id), QStringLiteral("visited after all"));
    a.store->setClockForTesting(closing);
    CaseRecord onA = a.caseById(created.meta.id);
    onA.status = QStringLiteral("closed");
    onA.closedDate = closing.date();
    onA.statusDate = closing.date();
    onA.closureReason = QStringLiteral("goals-met");
    QVERIFY(CaseRepository(*a.store).update(onA));
    QVERIFY(a.sync(server).ok);

    const SyncSummary s = b.sync(server);
    QVERIFY(s.ok);
    QCOMPARE(b.caseById(created.meta.id).status, QStringLiteral("closed"));
    QVERIFY(NoteRepository(*b.store).get(note.meta.id).has_value()); // the note is kept
    const QList<ReopenFlag> flags = SyncIssues(*b.store).reopenFlags();
    if (noteAfterClosing) {
        QCOMPARE(s.reopenCaseReferences, QStringList {created.reference});
        QCOMPARE(flags.size(), 1);
        QCOMPARE(flags.first().caseReference, created.reference);
        QCOMPARE(flags.first().serverStatus, QStringLiteral("closed"));
        SyncIssues(*b.store).clearReopenFlag(created.meta.id);
        QVERIFY(SyncIssues(*b.store).reopenFlags().isEmpty());
    } else {
        QVERIFY(s.reopenCaseReferences.isEmpty());
        QVERIFY(flags.isEmpty());
    }
    QVERIFY(a.sync(server).ok);
    QCOMPARE(NoteRepository(*a.store).forCase(created.meta.id, true).size(), 1); // in A's chronology
    QCOMPARE(a.dump(), b.dump());
}

void TestSyncEngine::pulledNotesAreSearchable()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    const CaseRecord created = a.addCase(QStringLiteral("hoarding"), QStringLiteral("Quentin"));
    a.addNote(created, QStringLiteral("xylophone lessons arranged"));
    QVERIFY(a.sync(server).ok);
    SyncTestClient b(QStringLiteral("bo"));
    QVERIFY(b.sync(server).ok);
    for (const QString& words : {QStringLiteral("xylophone"), QStringLiteral("Quentin"), created.reference}) {
        Statement st = b.store->db().prepare(SearchIndex::matchingCaseIdsSql(1).constData());
        st.bind(1, SearchIndex::matchExpression(words));
        QVERIFY2(st.next(), qPrintable(words));
        QCOMPARE(st.text(0), created.meta.id);
    }
    QCOMPARE(b.count("SELECT count(*) FROM search_index"), a.count("SELECT count(*) FROM search_index"));
}

void TestSyncEngine::pullCreatesNoOutboxRows()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    const CaseRecord created = a.addCase(QStringLiteral("pulled elsewhere"));
    a.addNote(created, QStringLiteral("a note"));
    QVERIFY(a.sync(server).ok);
    SyncTestClient b(QStringLiteral("bo"));
    const qint64 auditBefore = AuditLog(*b.store).count();
    const SyncSummary s = b.sync(server);
    QVERIFY(s.ok);
    QCOMPARE(s.pulled, static_cast<int>(server.rows().size()));
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);
    QCOMPARE(AuditLog(*b.store).count(), auditBefore + 1); // the sync itself, counts only
    QVERIFY(!AuditLog(*b.store).entries().first().detail.contains(created.reference));
    // And pulling again changes nothing.
    const SyncSummary again = b.sync(server);
    QCOMPARE(again.pulled, 0);
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);
}

void TestSyncEngine::settingsAreNotPushedButCounted()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    a.addCase(QStringLiteral("with a setting"));
    QCOMPARE(StoreSettings(*a.store).set(StoreSettings::Key::RetentionYears, QStringLiteral("7")), QString());
    QCOMPARE(a.count("SELECT count(*) FROM outbox WHERE entity = 'setting'"), qint64(1));
    const SyncSummary s = a.sync(server);
    QVERIFY2(s.ok, s.error ? qPrintable(s.error->message) : "");
    QCOMPARE(s.notCarried, 1);
    QCOMPARE(s.waiting, 0);
    QVERIFY(!server.pushedEntities().contains(QStringLiteral("setting")));
    QVERIFY(server.pushedEntities().contains(QStringLiteral("case")));
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), 1); // kept until the protocol carries it
}

void TestSyncEngine::tombstoneMarksRowDeleted()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord created = a.addCase(QStringLiteral("with a need"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(b.sync(server).ok);
    const QString needId = b.text("SELECT id FROM case_needs WHERE case_id = ?1", {created.meta.id});
    QVERIFY(!needId.isEmpty());
    server.serverDelete(QStringLiteral("need"), needId);
    const SyncSummary s = b.sync(server);
    QVERIFY(s.ok);
    QCOMPARE(s.pulled, 1);
    QVERIFY(!s.fullRepull); // the digest agrees: a tombstone is not held
    QCOMPARE(b.text("SELECT deleted FROM case_needs WHERE id = ?1", {needId}), QStringLiteral("1"));
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);
}

// The server withdraws a whole case (its tombstone): the laptop takes it off with everything
// on it and tells the worker; a laptop with unsent work on that case keeps it.
void TestSyncEngine::withdrawnCaseLeavesTheLaptop()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    const CaseRecord created = a.addCase(QStringLiteral("withdrawn later"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(b.sync(server).ok);
    QCOMPARE(
        b.text("SELECT count(*) FROM case_needs WHERE case_id = ?1", {created.meta.id}), QStringLiteral("1"));
    a.addNote(created, QStringLiteral("written before the withdrawal reached this laptop"));
    // The server withdraws the case with everything on it (as a purge will).
    const QString needId = b.text("SELECT id FROM case_needs WHERE case_id = ?1", {created.meta.id});
    server.serverDelete(QStringLiteral("need"), needId);
    server.serverDelete(QStringLiteral("case"), created.meta.id);

    const SyncSummary s = b.sync(server);
    QVERIFY(s.ok);
    QCOMPARE(s.removedCaseReferences, QStringList {created.reference});
    QCOMPARE(b.text("SELECT count(*) FROM cases WHERE id = ?1", {created.meta.id}), QStringLiteral("0"));
    QCOMPARE(
        b.text("SELECT count(*) FROM case_needs WHERE case_id = ?1", {created.meta.id}), QStringLiteral("0"));
    QCOMPARE(SyncIssues(*b.store).unacknowledgedRemovals().size(), 1);
    QCOMPARE(OutboxRepository(*b.store).pendingCount(), 0);

    // Ali had an unsent note on it: it reaches the server (this fake takes it) before the
    // case leaves Ali's laptop too, so nothing typed is dropped.
    const int notesBefore = server.liveRows(QStringLiteral("note"));
    QVERIFY(a.sync(server).ok);
    QCOMPARE(server.liveRows(QStringLiteral("note")), notesBefore + 1);
    QCOMPARE(a.text("SELECT count(*) FROM cases WHERE id = ?1", {created.meta.id}), QStringLiteral("0"));
}

// Two laptops add "Food bank" offline. The server takes the first; the second laptop renames
// its own (and everything pointing at it keeps pointing at it), tells the worker, and both
// laptops end up with the same two agencies.
void TestSyncEngine::agencyAddedAlikeIsRenamedOnPush()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    SyncTestClient b(QStringLiteral("bo"));
    addAgency(a, QStringLiteral("Food bank"));
    const Agency theirs = addAgency(b, QStringLiteral("Food bank"));
    QVERIFY(a.sync(server).ok);
    const SyncSummary renamed = b.sync(server);
    QVERIFY(renamed.ok);
    QCOMPARE(renamed.renamedAgencies, QStringList {QStringLiteral("Food bank -> Food bank (2)")});
    QCOMPARE(renamed.quarantined, 0);
    QCOMPARE(renamed.waiting, 0);
    QCOMPARE(AgencyRepository(*b.store).get(theirs.meta.id)->name, QStringLiteral("Food bank (2)"));
    QCOMPARE(server.liveRows(QStringLiteral("agency")), 2);
    QVERIFY(a.sync(server).ok);
    QCOMPARE(agencyNames(a), (QStringList {QStringLiteral("Food bank"), QStringLiteral("Food bank (2)")}));
    QCOMPARE(a.dump(), b.dump());
    const QList<AuditEntry> audit = AuditLog(*b.store).entries();
    QVERIFY(std::any_of(audit.cbegin(), audit.cend(), [&](const AuditEntry& e) {
        return e.entityId == theirs.meta.id && e.detail.startsWith(QStringLiteral("renamed"));
    }));
}

void TestSyncEngine::pulledAgencyNameMovesTheLocalOne_data()
{
    QTest::addColumn<bool>("localSynced");
    QTest::newRow("never-synced agency here") << false;
    QTest::newRow("synced agency here") << true;
}

// The pulled agency (new, or renamed on the server) has the name of a different agency here.
// The one here moves to a free name, so the pull goes on and neither agency is lost; the new
// name is queued for the server.
void TestSyncEngine::pulledAgencyNameMovesTheLocalOne()
{
    QFETCH(bool, localSynced);
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    QVERIFY(a.sync(server).ok);
    const Agency mine = addAgency(a, QStringLiteral("Men's shed"));
    addAgency(a, QStringLiteral("Men's shed (2)"));
    if (localSynced)
        QVERIFY(a.sync(server).ok);
    PulledChange pulled;
    pulled.seq = server.seq() + 1;
    pulled.entity = QStringLiteral("agency");
    pulled.rowId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    pulled.rev = pulled.seq;
    pulled.fields = {{QStringLiteral("name"), QStringLiteral("Men's shed")},
        {QStringLiteral("kind"), QStringLiteral("voluntary")}, {QStringLiteral("active"), 1},
        {QStringLiteral("created_at"), QStringLiteral("2026-03-01T09:00:00.000Z")},
        {QStringLiteral("created_by"), QStringLiteral("kim")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-03-01T09:00:00.000Z")},
        {QStringLiteral("updated_by"), QStringLiteral("kim")}};
    PullResponse page;
    page.changes << pulled;
    page.next = pulled.seq;
    const SyncApplyCounts counts = SyncRepository(*a.store).applyPullPage(page);
    QCOMPARE(counts.renamedAgencies, QStringList {QStringLiteral("Men's shed -> Men's shed (3)")});
    QCOMPARE(AgencyRepository(*a.store).get(mine.meta.id)->name, QStringLiteral("Men's shed (3)"));
    QCOMPARE(AgencyRepository(*a.store).get(pulled.rowId)->name, QStringLiteral("Men's shed"));
    // What goes to the server carries the new name: the queued create, or a new update.
    QCOMPARE(
        a.count("SELECT count(*) FROM outbox WHERE entity = 'agency' AND payload LIKE '%(3)%'"), qint64(1));
    QCOMPARE(a.count("SELECT count(*) FROM outbox WHERE entity = 'agency' AND payload LIKE '%shed\"%'"),
        qint64(0));
}

void TestSyncEngine::cancelEndsRunBeforeAnything()
{
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    a.addCase(QStringLiteral("not yet"));
    SyncEngine engine(*a.store, server, QStringLiteral("ali"));
    engine.cancel();
    const SyncSummary s = engine.run();
    QVERIFY(!s.ok);
    QCOMPARE(s.error->code, QStringLiteral("cancelled"));
    QCOMPARE(server.pushCalls(), 0);
    QVERIFY(s.waiting > 0);
    QCOMPARE(SyncIssues(*a.store).lastFailureReason(), s.error->message);
}

void TestSyncEngine::failureEndsSyncConsistently_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::newRow("offline") << int(TransportError::Kind::Offline) << 0;
    QTest::newRow("401") << int(TransportError::Kind::Unauthorized) << 401;
    QTest::newRow("revoked") << int(TransportError::Kind::DeviceRevoked) << 401;
    QTest::newRow("500") << int(TransportError::Kind::ServerError) << 500;
}

void TestSyncEngine::failureEndsSyncConsistently()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    FakeServer server;
    SyncTestClient a(QStringLiteral("ali"));
    a.addCase(QStringLiteral("first"));
    QVERIFY(a.sync(server).ok);
    QVERIFY(!SyncIssues(*a.store).lastSuccessAt().isEmpty());
    a.addCase(QStringLiteral("second"));
    const QStringList before = a.dump();
    const int queued = OutboxRepository(*a.store).pendingCount();

    server.failNextCalls(static_cast<TransportError::Kind>(kind), 1, status);
    const SyncSummary s = a.sync(server);
    QVERIFY(!s.ok);
    QVERIFY(s.error.has_value());
    QCOMPARE(int(s.error->kind), kind);
    QCOMPARE(a.dump(), before);
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), queued);
    QVERIFY(!SyncIssues(*a.store).lastFailureAt().isEmpty());
    QVERIFY(!SyncIssues(*a.store).lastFailureReason().isEmpty());

    QVERIFY(a.sync(server).ok);
    QCOMPARE(OutboxRepository(*a.store).pendingCount(), 0);
    QCOMPARE(server.liveRows(QStringLiteral("case")), 2);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "TestSyncEngine.moc"
