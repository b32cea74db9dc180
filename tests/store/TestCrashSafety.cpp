#include "StoreTestSupport.h"
#include "store/CaseRepository.h"
#include "store/StoreError.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <functional>

using namespace StoreTestSupport;

// kill -9 in the middle of writes (SECURITY.md, crash safety): every commit the writer
// reported is there, the file is sound, and the outbox matches the data exactly.
class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void killedWhileCommittingKeepsEveryCommit();
    void killedInsideLongTransactionLeavesNothing();

private:
    QString storePath() const { return m_dir->filePath(QStringLiteral("team.casebook")); }
    // Starts CrashWriter and reads its output until `until` says stop; the output so far.
    void startWriter(QProcess& writer, const QStringList& mode);
    static QByteArray readUntil(QProcess& writer, const std::function<bool(const QByteArray&)>& until);
    static qint64 lastCommitted(const QByteArray& output);
    void verifyConsistent(Store& store);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCrashSafety::init()
{
    QVERIFY2(QFileInfo(QStringLiteral(CRASH_WRITER_PATH)).isExecutable(), CRASH_WRITER_PATH);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    createStore(storePath()).reset();
}

void TestCrashSafety::cleanup()
{
    m_dir.reset();
}

void TestCrashSafety::startWriter(QProcess& writer, const QStringList& mode)
{
    writer.setProcessChannelMode(QProcess::SeparateChannels);
    writer.start(
        QStringLiteral(CRASH_WRITER_PATH), QStringList {storePath(), QString::fromUtf8(passphrase())} + mode);
    QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
}

QByteArray TestCrashSafety::readUntil(QProcess& writer, const std::function<bool(const QByteArray&)>& until)
{
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    while (!until(output) && timer.elapsed() < 60000 && writer.state() == QProcess::Running) {
        writer.waitForReadyRead(1000);
        output += writer.readAllStandardOutput();
    }
    return output;
}

qint64 TestCrashSafety::lastCommitted(const QByteArray& output)
{
    static const QRegularExpression committed(
        QStringLiteral("^committed (\\d+)$"), QRegularExpression::MultilineOption);
    qint64 last = -1;
    auto it = committed.globalMatch(QString::fromLatin1(output));
    while (it.hasNext())
        last = it.next().captured(1).toLongLong();
    return last;
}

void TestCrashSafety::verifyConsistent(Store& store)
{
    Database& db = store.db();
    QCOMPARE(db.textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
    QVERIFY(!db.prepare("PRAGMA foreign_key_check").next());
    // Each writer transaction adds a case and a note on it.
    const qint64 cases = db.scalar("SELECT count(*) FROM cases");
    QCOMPARE(db.scalar("SELECT count(*) FROM notes"), cases);
    QCOMPARE(
        db.scalar(
            "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM notes n WHERE n.case_id = c.id)"),
        qint64(0));
    // Exactly one create in the outbox and in the audit log for every row, and none for a
    // row that is not there.
    for (const char* check :
        {"SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM outbox o WHERE o.entity = 'case' AND "
         "o.op = 'create' AND o.row_id = c.id) <> 1",
            "SELECT count(*) FROM notes n WHERE (SELECT count(*) FROM outbox o WHERE o.entity = 'note' AND "
            "o.op = 'create' AND o.row_id = n.id) <> 1",
            "SELECT count(*) FROM outbox o WHERE o.entity = 'case' AND NOT EXISTS (SELECT 1 FROM cases c "
            "WHERE c.id = o.row_id)",
            "SELECT count(*) FROM outbox o WHERE o.entity = 'note' AND NOT EXISTS (SELECT 1 FROM notes n "
            "WHERE n.id = o.row_id)",
            "SELECT count(*) FROM outbox WHERE entity NOT IN ('case', 'note') OR op <> 'create'",
            "SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM audit_log a WHERE a.action = 'create' "
            "AND a.entity = 'case' AND a.entity_id = c.id) <> 1",
            "SELECT count(*) FROM audit_log a WHERE a.entity IN ('case', 'note') AND NOT EXISTS (SELECT 1 "
            "FROM cases c WHERE c.id = a.entity_id) AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.id = "
            "a.entity_id)"})
        QVERIFY2(db.scalar(check) == 0, check);
    QCOMPARE(db.scalar("SELECT count(*) FROM outbox"), 2 * cases);
    // References count up without gaps or repeats.
    QCOMPARE(db.scalar("SELECT count(DISTINCT reference) FROM cases"), cases);
    if (cases > 0)
        QCOMPARE(db.textScalar("SELECT max(reference) FROM cases"),
            QStringLiteral("PVT-2025-%1").arg(cases, 4, 10, QLatin1Char('0')));
    // The search index matches the rows too.
    QCOMPARE(db.scalar("SELECT count(*) FROM search_index WHERE kind = 'case'"), cases);
    QCOMPARE(db.scalar("SELECT count(*) FROM search_index WHERE kind = 'note'"), cases);
    QCOMPARE(CaseRepository(store).count(CaseFilter()), cases);
}

void TestCrashSafety::killedWhileCommittingKeepsEveryCommit()
{
    QRandomGenerator* random = QRandomGenerator::global();
    qint64 previous = 0;
    for (int round = 1; round <= 5; ++round) {
        QProcess writer;
        startWriter(writer, {QStringLiteral("loop")});
        if (QTest::currentTestFailed())
            return;
        // At least 20 commits in this round, then SIGKILL at a random moment.
        const QByteArray seen
            = readUntil(writer, [&](const QByteArray& out) { return lastCommitted(out) >= previous + 20; });
        QVERIFY2(lastCommitted(seen) >= previous + 20,
            qPrintable(QString::fromUtf8(seen.right(200) + writer.readAllStandardError())));
        QThread::usleep(random->bounded(1, 50000));
        writer.kill();
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        const QByteArray output = seen + writer.readAllStandardOutput();
        const qint64 committed = lastCommitted(output);
        QVERIFY(committed >= previous + 20);

        auto store = openStore(storePath());
        const qint64 cases = store->db().scalar("SELECT count(*) FROM cases");
        // Every reported commit survived; at most one more finished before the kill.
        QVERIFY2(cases >= committed && cases <= committed + 1,
            qPrintable(
                QStringLiteral("round %1: %2 cases, last reported %3").arg(round).arg(cases).arg(committed)));
        verifyConsistent(*store);
        if (QTest::currentTestFailed())
            return;
        previous = cases;
    }
    QVERIFY(previous >= 100);
}

void TestCrashSafety::killedInsideLongTransactionLeavesNothing()
{
    // Some committed history first.
    {
        QProcess writer;
        startWriter(writer, {QStringLiteral("loop")});
        if (QTest::currentTestFailed())
            return;
        const QByteArray seen
            = readUntil(writer, [](const QByteArray& out) { return lastCommitted(out) >= 5; });
        writer.kill();
        QVERIFY(writer.waitForFinished(10000));
        QVERIFY(lastCommitted(seen) >= 5);
    }
    qint64 casesBefore = 0;
    qint64 outboxBefore = 0;
    {
        auto store = openStore(storePath());
        verifyConsistent(*store);
        casesBefore = store->db().scalar("SELECT count(*) FROM cases");
        outboxBefore = store->db().scalar("SELECT count(*) FROM outbox");
    }

    // Large enough that SQLite spills uncommitted pages into the -wal before the kill.
    QProcess writer;
    startWriter(writer, {QStringLiteral("hold"), QStringLiteral("3000")});
    if (QTest::currentTestFailed())
        return;
    const QByteArray seen
        = readUntil(writer, [](const QByteArray& out) { return out.contains("holding\n"); });
    QVERIFY2(seen.contains("holding\n"), writer.readAllStandardError().constData());
    const qint64 walSize = QFileInfo(storePath() + QStringLiteral("-wal")).size();
    QVERIFY2(walSize > qint64(1024) * 1024, qPrintable(QStringLiteral("-wal is %1 bytes").arg(walSize)));
    writer.kill();
    QVERIFY(writer.waitForFinished(10000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    auto store = openStore(storePath());
    QCOMPARE(store->db().scalar("SELECT count(*) FROM cases"), casesBefore);
    QCOMPARE(store->db().scalar("SELECT count(*) FROM cases WHERE reason LIKE 'uncommitted%'"), qint64(0));
    QCOMPARE(store->db().scalar("SELECT count(*) FROM outbox"), outboxBefore);
    verifyConsistent(*store);
    if (QTest::currentTestFailed())
        return;

    // And the store carries on from where the last commit left it.
    CaseRecord c;
    c.referralDate = QDate(2025, 1, 15);
    CaseRepository(*store).add(c);
    QCOMPARE(c.reference, QStringLiteral("PVT-2025-%1").arg(casesBefore + 1, 4, 10, QLatin1Char('0')));
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
