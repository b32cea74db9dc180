#include "StoreTestSupport.h"
#include "store/OutboxSummary.h"
#include "store/SyncAccount.h"
#include "store/SyncRepository.h"
#include "store/SyncStateTable.h"

#include <QTemporaryDir>
#include <QTest>

using namespace StoreTestSupport;

// The sync account in sync_state: every value round-trips and survives a reopen, inside the
// encrypted file; clearLogin() forgets who but keeps the server; nothing is queued or
// audited. And the outbox summary the login command shows before leaving changes behind.
class TestSyncAccount : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void emptyStoreHasNoAccount();
    void everyValueRoundTripsAndSurvivesReopen();
    void clearLoginKeepsServerAndOutcomes();
    void forgetServerForgetsEverything();
    void notQueuedNotAuditedAndEncrypted();
    void outboxSummaryNamesCases();
    void anotherServerStartsAFullRepull();

private:
    static SyncAccount::Login sampleLogin();
    qint64 count(const char* sql) { return m_store->db().scalar(sql); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

SyncAccount::Login TestSyncAccount::sampleLogin()
{
    SyncAccount::Login login;
    login.username = QStringLiteral("sam");
    login.displayName = QStringLiteral("Sam Worker");
    login.role = QStringLiteral("worker");
    login.agencyId = QStringLiteral("0d6b1f2e-3a4c-4b5d-8e6f-7a8b9c0d1e2f");
    login.team = QStringLiteral("North");
    login.deviceId = QStringLiteral("5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    login.token = QStringLiteral("tok-ABCDEF-0123456789");
    login.tokenExpiresAt = QDateTime(QDate(2026, 11, 23), QTime(21, 0, 0, 500), Qt::UTC);
    return login;
}

void TestSyncAccount::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = createStore(m_dir->filePath(QStringLiteral("s.store")));
}

void TestSyncAccount::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestSyncAccount::emptyStoreHasNoAccount()
{
    SyncAccount account(*m_store);
    QCOMPARE(account.serverUrl(), QString());
    QCOMPARE(account.pinnedCertificatePem(), QByteArray());
    QVERIFY(!account.isLoggedIn());
    QCOMPARE(account.login(), SyncAccount::Login());
    QVERIFY(!account.tokenExpiresAt().isValid());
    QVERIFY(!account.lastSuccessAt().isValid());
    QCOMPARE(account.lastFailureReason(), QString());
}

void TestSyncAccount::everyValueRoundTripsAndSurvivesReopen()
{
    const QByteArray pem
        = QByteArrayLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const QDateTime success(QDate(2026, 11, 23), QTime(14, 0, 1, 2), Qt::UTC);
    const QDateTime failure(QDate(2026, 11, 23), QTime(14, 10, 0, 0), Qt::UTC);
    {
        SyncAccount account(*m_store);
        account.setServerUrl(QStringLiteral("https://casebook.example.gov.uk:8443"));
        account.setPinnedCertificate(pem, QStringLiteral("SHA256:AB:CD"));
        account.setLogin(sampleLogin());
        account.setLastSuccessAt(success);
        account.setLastFailure(failure, QStringLiteral("The sync server could not be reached."));
    }
    m_store.reset();
    m_store = openStore(m_dir->filePath(QStringLiteral("s.store")));
    SyncAccount account(*m_store);
    QCOMPARE(account.serverUrl(), QStringLiteral("https://casebook.example.gov.uk:8443"));
    QCOMPARE(account.pinnedCertificatePem(), pem);
    QCOMPARE(account.pinnedFingerprint(), QStringLiteral("SHA256:AB:CD"));
    QCOMPARE(account.login(), sampleLogin());
    m_store->write([&] { QCOMPARE(account.login(), sampleLogin()); }); // inside a transaction too
    QVERIFY(account.isLoggedIn());
    QCOMPARE(account.username(), QStringLiteral("sam"));
    QCOMPARE(account.displayName(), QStringLiteral("Sam Worker"));
    QCOMPARE(account.role(), QStringLiteral("worker"));
    QCOMPARE(account.team(), QStringLiteral("North"));
    QCOMPARE(account.deviceId(), sampleLogin().deviceId);
    QCOMPARE(account.agencyId(), sampleLogin().agencyId);
    QCOMPARE(account.token(), sampleLogin().token);
    QCOMPARE(account.tokenExpiresAt(), sampleLogin().tokenExpiresAt);
    QCOMPARE(account.lastSuccessAt(), success);
    QCOMPARE(account.lastFailureAt(), failure);
    QCOMPARE(account.lastFailureReason(), QStringLiteral("The sync server could not be reached."));

    // Single setters, and an empty value clears.
    account.setTeam(QStringLiteral("South"));
    QCOMPARE(account.team(), QStringLiteral("South"));
    account.setAgencyId(QString());
    QCOMPARE(account.agencyId(), QString());
    QCOMPARE(count("SELECT count(*) FROM sync_state WHERE key = 'account.agency_id'"), 0);
}

void TestSyncAccount::clearLoginKeepsServerAndOutcomes()
{
    SyncAccount account(*m_store);
    account.setServerUrl(QStringLiteral("https://casebook.example.gov.uk"));
    account.setPinnedCertificate("PEM", QStringLiteral("SHA256:01"));
    account.setLogin(sampleLogin());
    account.setLastSuccessAt(QDateTime::currentDateTimeUtc());
    // Someone else's key in the same table (the engine's pull cursor) is left alone.
    m_store->db().exec("INSERT INTO sync_state (key, value) VALUES ('pull.cursor', '42')");
    account.clearLogin();
    QVERIFY(!account.isLoggedIn());
    QCOMPARE(account.login(), SyncAccount::Login());
    QCOMPARE(account.serverUrl(), QStringLiteral("https://casebook.example.gov.uk"));
    QCOMPARE(account.pinnedFingerprint(), QStringLiteral("SHA256:01"));
    QVERIFY(account.lastSuccessAt().isValid());
    QCOMPARE(count("SELECT count(*) FROM sync_state WHERE key = 'pull.cursor'"), 1);
}

void TestSyncAccount::forgetServerForgetsEverything()
{
    SyncAccount account(*m_store);
    account.setServerUrl(QStringLiteral("https://casebook.example.gov.uk"));
    account.setPinnedCertificate("PEM", QStringLiteral("SHA256:01"));
    account.setLogin(sampleLogin());
    account.setLastFailure(QDateTime::currentDateTimeUtc(), QStringLiteral("Offline."));
    account.forgetServer();
    QCOMPARE(count("SELECT count(*) FROM sync_state WHERE key LIKE 'account.%'"), 0);
}

void TestSyncAccount::notQueuedNotAuditedAndEncrypted()
{
    const qint64 outbox = count("SELECT count(*) FROM outbox");
    const qint64 audit = count("SELECT count(*) FROM audit_log");
    SyncAccount(*m_store).setLogin(sampleLogin());
    QCOMPARE(count("SELECT count(*) FROM outbox"), outbox);
    QCOMPARE(count("SELECT count(*) FROM audit_log"), audit);
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("s.store"));
    QByteArray bytes = fileBytes(path) + fileBytes(path + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains("tok-ABCDEF"));
    QVERIFY(!bytes.contains("Sam Worker"));
}

void TestSyncAccount::outboxSummaryNamesCases()
{
    OutboxSummary summary(*m_store);
    const int before = summary.pendingCount();
    QCOMPARE(summary.caseReferences(), QStringList());
    m_store->db().exec(
        "INSERT INTO cases (id, rev, deleted, created_at, created_by, updated_at, updated_by, "
        "reference, status, referral_date, consent, risk) VALUES "
        "('c1', 0, 0, 'x', 'x', 'x', 'x', 'PVT-2026-0002', 'open', '2026-01-01', 'given', 'low'),"
        "('c2', 0, 0, 'x', 'x', 'x', 'x', 'PVT-2026-0001', 'open', '2026-01-01', 'given', 'low')");
    m_store->db().exec(
        "INSERT INTO case_needs (id, rev, deleted, created_at, created_by, updated_at, updated_by, "
        "case_id, need_key, severity, status) VALUES "
        "('n1', 0, 0, 'x', 'x', 'x', 'x', 'c2', 'hoarding', 'high', 'open')");
    m_store->db().exec(
        "INSERT INTO outbox (change_id, entity, row_id, base_rev, op, payload, created_at) VALUES "
        "('o1', 'case', 'c1', 0, 'create', '{}', 'x'), ('o2', 'need', 'n1', 0, 'create', '{}', 'x'),"
        "('o3', 'agency', 'a1', 0, 'create', '{}', 'x')");
    QCOMPARE(summary.pendingCount(), before + 3);
    QCOMPARE(summary.caseReferences(),
        (QStringList {QStringLiteral("PVT-2026-0001"), QStringLiteral("PVT-2026-0002")}));
}

// Signing in to another server: the old server's cursor means nothing there, so the next
// sync pulls everything from the new one (a full re-pull). The same server again: no reset.
void TestSyncAccount::anotherServerStartsAFullRepull()
{
    SyncAccount account(*m_store);
    SyncRepository repo(*m_store);
    account.setServerUrl(QStringLiteral("https://one.example:8443"));
    QVERIFY(!repo.fullRepullActive());
    m_store->write(
        [&] { SyncStateTable(*m_store).setValue(QStringLiteral("pull_cursor"), QStringLiteral("42")); });
    account.setServerUrl(QStringLiteral("https://one.example:8443"));
    QCOMPARE(repo.pullCursor(), qint64(42));
    QVERIFY(!repo.fullRepullActive());
    account.setServerUrl(QStringLiteral("https://two.example:8443"));
    QCOMPARE(repo.pullCursor(), qint64(0));
    QVERIFY(repo.fullRepullActive());
}

QTEST_GUILESS_MAIN(TestSyncAccount)
#include "TestSyncAccount.moc"
