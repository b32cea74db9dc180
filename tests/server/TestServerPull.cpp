#include "ServerFixture.h"
#include "protocol/RowDigest.h"

#include <QMap>

using namespace ServerSamples;

// Pull paging, what each user may see, and the consistency digest.
class TestServerPull : public QObject
{
    Q_OBJECT

private slots:
    void pagesNeverSkipOrRepeat_data();
    void pagesNeverSkipOrRepeat();
    void pullCarriesRowStateAtEachSeq();
    void emptyPageKeepsTheCursor();
    void teamsSeeOnlyTheirOwnRows();
    void agencyOnlyNotesOnlyToThatAgency();
    void withdrawnRowIsPulledAsTombstone();
    void digestMatchesVisibleRows();
    void digestDiffersAfterWithdrawal();
    void digestDiffersWhenBehind();
    void badQueryIsRefused();
};

void TestServerPull::pagesNeverSkipOrRepeat_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("1") << 1;
    QTest::newRow("7") << 7;
    QTest::newRow("exact") << 30;
    QTest::newRow("1000") << 1000;
}

void TestServerPull::pagesNeverSkipOrRepeat()
{
    QFETCH(int, limit);
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"));
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const Session south = f.login(QStringLiteral("ola"));
    // Interleave the two teams' changes so that pages have to step over the other team's seqs.
    QList<qint64> expected;
    for (int i = 0; i < 14; ++i) {
        expected.append(f.push(north, {caseCreate(newId())}).results.first().rev);
        f.push(south, {caseCreate(newId())});
    }
    // Everything before the first case: the agencies and the user rows North may see.
    const QList<PulledChange> head = f.pullAll(north, 0, 1000);
    QList<qint64> seqs;
    qint64 since = 0;
    int pages = 0;
    for (;;) {
        const PullResponse page = f.pull(north, since, limit);
        QVERIFY(page.changes.size() <= limit);
        QVERIFY(page.next >= since);
        for (const PulledChange& change : page.changes)
            seqs.append(change.seq);
        if (!page.changes.isEmpty())
            QCOMPARE(page.next, page.changes.last().seq);
        since = page.next;
        ++pages;
        if (!page.hasMore)
            break;
        QCOMPARE(page.changes.size(), limit); // a page that says "more" is full
    }
    QVERIFY(std::is_sorted(seqs.cbegin(), seqs.cend()));
    QCOMPARE(QSet<qint64>(seqs.cbegin(), seqs.cend()).size(), seqs.size());
    QCOMPARE(seqs.size(), head.size());
    QCOMPARE(seqs.mid(seqs.size() - expected.size()), expected);
    QCOMPARE(pages, (head.size() + limit - 1) / limit);
}

void TestServerPull::pullCarriesRowStateAtEachSeq()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 before = f.storage->changeCount(); // seqs are gap-free from 1
    const qint64 rev1 = f.push(s, {caseCreate(caseId)}).results.first().rev;
    const qint64 rev2 = f.push(s, {caseUpdate(caseId, rev1, QStringLiteral("high"))}).results.first().rev;
    const QList<PulledChange> changes = f.pullAll(s, before);
    QCOMPARE(changes.size(), 2);
    // The first entry is the row as the create left it, not as it is now: a client that
    // stopped between the two pages still gets every state in order.
    QCOMPARE(changes.at(0).seq, rev1);
    QCOMPARE(changes.at(0).rev, rev1);
    QCOMPARE(changes.at(0).fields.value(QStringLiteral("risk")).toString(), QStringLiteral("medium"));
    QCOMPARE(changes.at(1).seq, rev2);
    QCOMPARE(changes.at(1).fields.value(QStringLiteral("risk")).toString(), QStringLiteral("high"));
    QCOMPARE(changes.at(1).fields.value(QStringLiteral("created_by")).toString(), QStringLiteral("sam"));
}

void TestServerPull::emptyPageKeepsTheCursor()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const PullResponse all = f.pull(s, 0);
    const PullResponse empty = f.pull(s, all.next, 10);
    QVERIFY(empty.changes.isEmpty());
    QCOMPARE(empty.next, all.next);
    QVERIFY(!empty.hasMore);
}

void TestServerPull::teamsSeeOnlyTheirOwnRows()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"));
    f.addUser(QStringLiteral("kim"), QStringLiteral("North"));
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const Session south = f.login(QStringLiteral("ola"));
    const QString northCase = newId();
    const QString southCase = newId();
    f.push(north, {caseCreate(northCase), needCreate(northCase)});
    f.push(south, {caseCreate(southCase), noteCreate(southCase)});
    QMap<QString, QStringList> northSees;
    for (const PulledChange& change : f.pullAll(north))
        northSees[change.entity].append(change.rowId);
    QCOMPARE(northSees.value(QStringLiteral("case")), QStringList {northCase});
    QCOMPARE(northSees.value(QStringLiteral("need")).size(), 1);
    QVERIFY(!northSees.contains(QStringLiteral("note")));
    QCOMPARE(northSees.value(QStringLiteral("agency")).size(), 2); // agencies: every team
    QCOMPARE(northSees.value(QStringLiteral("user")).size(), 2); // sam and kim, not ola
    QStringList southCases;
    for (const PulledChange& change : f.pullAll(south)) {
        if (change.entity == QLatin1String("case"))
            southCases.append(change.rowId);
    }
    QCOMPARE(southCases, QStringList {southCase});
}

void TestServerPull::agencyOnlyNotesOnlyToThatAgency()
{
    ServerFixture f;
    f.addUser(QStringLiteral("pc"), QStringLiteral("North"), QStringLiteral("worker"), f.agencyA);
    f.addUser(QStringLiteral("pat"), QStringLiteral("North"), QStringLiteral("partner"), f.agencyA);
    f.addUser(QStringLiteral("fire"), QStringLiteral("North"), QStringLiteral("worker"), f.agencyB);
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"), QStringLiteral("worker"));
    const Session police = f.login(QStringLiteral("pc"));
    const QString caseId = newId();
    const Change secret = noteCreate(caseId, f.agencyA);
    const Change open = noteCreate(caseId);
    const PushResponse pushed = f.push(police, {caseCreate(caseId), secret, open});
    for (const PushResult& result : pushed.results)
        QCOMPARE(result.status, PushResult::Status::Applied);
    const auto notesSeenBy = [&](const QString& username) {
        QStringList notes;
        for (const PulledChange& change : f.pullAll(f.login(username))) {
            if (change.entity == QLatin1String("note"))
                notes.append(change.rowId);
        }
        notes.sort();
        return notes;
    };
    QStringList both {secret.rowId, open.rowId};
    both.sort();
    QCOMPARE(notesSeenBy(QStringLiteral("pc")), both);
    QCOMPARE(notesSeenBy(QStringLiteral("pat")), both); // same agency, read only
    QCOMPARE(notesSeenBy(QStringLiteral("fire")), QStringList {open.rowId});
    QCOMPARE(notesSeenBy(QStringLiteral("sam")), QStringList {open.rowId});
    // Nor can another agency's user learn of it by pushing its id.
    const PushResult probe = f.push(f.login(QStringLiteral("fire")), {noteCreate(caseId)}).results.first();
    QCOMPARE(probe.status, PushResult::Status::Applied);
    Change reuse = noteCreate(caseId);
    reuse.rowId = secret.rowId;
    const PushResult blocked = f.push(f.login(QStringLiteral("sam")), {reuse}).results.first();
    QCOMPARE(blocked.status, PushResult::Status::Rejected);
    QVERIFY(blocked.fields.isEmpty());
}

void TestServerPull::withdrawnRowIsPulledAsTombstone()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    f.push(s, {caseCreate(caseId)});
    const qint64 cursor = f.pull(s, 0).next;
    QString error;
    QVERIFY(f.admin->withdrawRow(QStringLiteral("case"), caseId, &error));
    QVERIFY(!f.admin->withdrawRow(QStringLiteral("case"), caseId, &error));
    const QList<PulledChange> after = f.pullAll(s, cursor);
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().rowId, caseId);
    QVERIFY(after.first().deleted);
    QVERIFY(after.first().fields.isEmpty());
}

// What a client holding exactly these rows computes (docs/SYNC.md, "DigestRequest").
DigestRequest clientDigest(const QList<PulledChange>& pulled, qint64 cursor)
{
    QMap<QPair<QString, QString>, PulledChange> rows;
    for (const PulledChange& change : pulled)
        rows.insert({change.entity, change.rowId}, change);
    RowDigest digest;
    for (const PulledChange& row : rows) {
        if (!row.deleted)
            digest.add(row.entity, row.rowId, row.rev);
    }
    return {digest.hex(), digest.rows(), cursor};
}

DigestResponse askDigest(ServerFixture& f, const Session& s, const DigestRequest& request)
{
    const ServerResponse response = f.post(Api::digestPath(), ProtocolCodec::encode(request), s);
    if (response.status != 200)
        qFatal("digest %d", response.status);
    return ProtocolCodec::decodeDigestResponse(response.body).value();
}

void TestServerPull::digestMatchesVisibleRows()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"), QStringLiteral("North"), QStringLiteral("worker"), f.agencyA);
    f.addUser(QStringLiteral("ola"), QStringLiteral("South"));
    const Session north = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 rev = f.push(north, {caseCreate(caseId), noteCreate(caseId, f.agencyA)}).results.first().rev;
    f.push(north, {caseUpdate(caseId, rev, QStringLiteral("high"))});
    f.push(f.login(QStringLiteral("ola")), {caseCreate(newId())});
    const QList<PulledChange> pulled = f.pullAll(north);
    const qint64 cursor = pulled.last().seq;
    const DigestResponse answer = askDigest(f, north, clientDigest(pulled, cursor));
    QVERIFY(answer.match);
    QCOMPARE(answer.latestSeq, cursor);
    QCOMPARE(answer.rows, 2 + 1 + 1 + 1); // two agencies, sam (not ola), the case, the note
}

void TestServerPull::digestDiffersAfterWithdrawal()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    f.push(s, {caseCreate(caseId), needCreate(caseId)});
    const QList<PulledChange> pulled = f.pullAll(s);
    const DigestRequest held = clientDigest(pulled, pulled.last().seq);
    QVERIFY(askDigest(f, s, held).match);
    QString error;
    QVERIFY(f.admin->withdrawRow(QStringLiteral("case"), caseId, &error));
    const DigestResponse answer = askDigest(f, s, held);
    QVERIFY(!answer.match);
    QCOMPARE(answer.rows, held.rows - 1);
    QVERIFY(answer.latestSeq > held.cursor); // pull again: the tombstone is there
    const QList<PulledChange> repulled = pulled + f.pullAll(s, held.cursor);
    QVERIFY(askDigest(f, s, clientDigest(repulled, repulled.last().seq)).match);
}

void TestServerPull::digestDiffersWhenBehind()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QList<PulledChange> pulled = f.pullAll(s);
    const DigestRequest held = clientDigest(pulled, pulled.last().seq);
    f.push(s, {caseCreate(newId())});
    const DigestResponse answer = askDigest(f, s, held);
    QVERIFY(!answer.match);
    QCOMPARE(answer.rows, held.rows + 1);
    QCOMPARE(answer.latestSeq, held.cursor + 1);
    // A digest over other rows than the server counts does not match.
    DigestRequest extra = clientDigest(f.pullAll(s), answer.latestSeq);
    QVERIFY(askDigest(f, s, extra).match);
    RowDigest tampered;
    tampered.add(QStringLiteral("case"), newId(), 1);
    extra.digest = tampered.hex();
    QVERIFY(!askDigest(f, s, extra).match);
}

void TestServerPull::badQueryIsRefused()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QList<QPair<QString, QString>> cases {
        {QStringLiteral("since=0&limit=0"), QStringLiteral("out_of_range")},
        {QStringLiteral("since=0&limit=1001"), QStringLiteral("out_of_range")},
        {QStringLiteral("since=0"), QStringLiteral("missing_field")},
        {QStringLiteral("since=0&limit=5&x=1"), QStringLiteral("unknown_field")}};
    for (const auto& [query, code] : cases) {
        const ServerResponse response = f.get(Api::pullPath(), query, s);
        QCOMPARE(response.status, 400);
        QCOMPARE(errorOf(response).code, code);
    }
}

QTEST_GUILESS_MAIN(TestServerPull)
#include "TestServerPull.moc"
