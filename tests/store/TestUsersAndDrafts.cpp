#include "StoreTestSupport.h"
#include "store/AuditLog.h"
#include "store/DraftRepository.h"
#include "store/OutboxRepository.h"
#include "store/UserRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace StoreTestSupport;

class TestUsersAndDrafts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void userRoundTripWithOutboxAndAudit();
    void draftsSaveLoadDiscardWithoutOutbox();
    void draftsSurviveReopen();

private:
    qint64 count(const char* table)
    {
        return m_store->db().scalar(
            QByteArray(QByteArrayLiteral("SELECT count(*) FROM ") + table).constData());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void TestUsersAndDrafts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = createStore(m_dir->filePath(QStringLiteral("s.store")));
}

void TestUsersAndDrafts::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestUsersAndDrafts::userRoundTripWithOutboxAndAudit()
{
    UserRepository users(*m_store);
    const qint64 outboxBefore = count("outbox");
    const qint64 auditBefore = count("audit_log");
    UserAccount u;
    u.username = QStringLiteral("pshah");
    u.displayName = QStringLiteral("Priya Shah");
    u.role = QStringLiteral("lead");
    u.team = QStringLiteral("Chorley PIVOT");
    users.add(u);
    QCOMPARE(count("outbox"), outboxBefore + 1);
    QCOMPARE(count("audit_log"), auditBefore + 1);

    const auto loaded = users.findByUsername(QStringLiteral("pshah"));
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->meta.id, u.meta.id);
    QCOMPARE(loaded->displayName, QStringLiteral("Priya Shah"));
    QCOMPARE(loaded->role, QStringLiteral("lead"));
    QCOMPARE(loaded->team, QStringLiteral("Chorley PIVOT"));
    QCOMPARE(loaded->meta.createdBy, QStringLiteral("tester"));

    UserAccount changed = *loaded;
    changed.role = QStringLiteral("worker");
    QVERIFY(users.update(changed));
    QCOMPARE(users.get(u.meta.id)->role, QStringLiteral("worker"));
    QVERIFY(!users.update(changed)); // nothing changed: nothing written
    QCOMPARE(count("outbox"), outboxBefore + 2);
    QCOMPARE(OutboxRepository(*m_store).pendingCount(), static_cast<int>(outboxBefore + 2));
    QCOMPARE(users.list().size(), 1);
}

void TestUsersAndDrafts::draftsSaveLoadDiscardWithoutOutbox()
{
    DraftRepository drafts(*m_store);
    const qint64 outboxBefore = count("outbox");
    QVERIFY(!drafts.load(QStringLiteral("note:case-1")).has_value());
    drafts.save(
        QStringLiteral("note:case-1"), QStringLiteral("case-1"), QStringLiteral("Half-written visit note"));
    drafts.save(QStringLiteral("note:case-1"), QStringLiteral("case-1"),
        QStringLiteral("Half-written visit note, more"));
    QCOMPARE(drafts.count(), 1);
    QCOMPARE(
        drafts.load(QStringLiteral("note:case-1")).value(), QStringLiteral("Half-written visit note, more"));
    QCOMPARE(count("outbox"), outboxBefore); // drafts are the worker's own, never synced
    drafts.discard(QStringLiteral("note:case-1"));
    QCOMPARE(drafts.count(), 0);
}

void TestUsersAndDrafts::draftsSurviveReopen()
{
    const QString path = m_store->path();
    DraftRepository(*m_store).save(QStringLiteral("k"), QString(), QStringLiteral("kept"));
    m_store.reset();
    m_store = openStore(path);
    QCOMPARE(DraftRepository(*m_store).load(QStringLiteral("k")).value(), QStringLiteral("kept"));
}

QTEST_GUILESS_MAIN(TestUsersAndDrafts)
#include "TestUsersAndDrafts.moc"
