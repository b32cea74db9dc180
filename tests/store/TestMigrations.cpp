#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/KdfParamsFile.h"
#include "store/Migrations.h"
#include "store/SearchIndex.h"
#include "store/StoreError.h"

#include <QTemporaryDir>
#include <QTest>

using namespace StoreTestSupport;

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void latestIsFour();
    void freshStoreIsAtLatest();
    void upgradeFromEveryVersionKeepsRows_data();
    void upgradeFromEveryVersionKeepsRows();
    void migrateIsIdempotent();
    void newerSchemaIsRefused();
    void failedStepLeavesNothingBehind();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("raw.casebook")); }
    std::unique_ptr<Database> openRaw(bool create);
    static void insertRowsValidAt(Database& db, int version);
    static QStringList searchCaseIds(Database& db, const QString& text);
    static QStringList schemaNames(Database& db, const char* type);

    std::unique_ptr<QTemporaryDir> m_dir;
    KdfParams m_params;
};

void TestMigrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_params = fastParams();
}

void TestMigrations::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<Database> TestMigrations::openRaw(bool create)
{
    const SecureBuffer key = KeyDerivation::deriveKey(passphrase(), m_params);
    return std::make_unique<Database>(dbPath(), KeyDerivation::sqlcipherKeyLiteral(key), create);
}

// Rows as a release at that schema version would have written them, by plain SQL.
void TestMigrations::insertRowsValidAt(Database& db, int version)
{
    if (version < 1)
        return; // no tables yet
    const QString at = QStringLiteral("2024-05-01T09:00:00.000Z");
    const QString by = QStringLiteral("old-release");
    const auto insert = [&](const char* sql, const QVariantList& values) {
        Statement st = db.prepare(sql);
        st.bindAll(values).run();
    };
    insert("INSERT INTO agencies (id, created_at, created_by, updated_at, updated_by, name, kind) "
           "VALUES (?1, ?2, ?3, ?2, ?3, ?4, ?5)",
        {QStringLiteral("agency-1"), at, by, QStringLiteral("Lancashire Fire"), QStringLiteral("fire")});
    insert("INSERT INTO cases (id, created_at, created_by, updated_at, updated_by, reference, status, "
           "referral_date, referring_agency_id, reason, consent, risk) VALUES (?1, ?2, ?3, ?2, ?3, ?4, "
           "'open', '2024-04-30', 'agency-1', ?5, 'given', 'high')",
        {QStringLiteral("case-1"), at, by, QStringLiteral("PVT-2024-0001"),
            QStringLiteral("severe hoarding reported by the fire service")});
    insert("INSERT INTO cases (id, created_at, created_by, updated_at, updated_by, reference, status, "
           "referral_date, reason, consent, risk) VALUES (?1, ?2, ?3, ?2, ?3, ?4, 'referred', "
           "'2024-05-01', ?5, 'not-sought', 'low')",
        {QStringLiteral("case-2"), at, by, QStringLiteral("PVT-2024-0002"),
            QStringLiteral("lonely since bereavement")});
    insert("INSERT INTO people (id, created_at, created_by, updated_at, updated_by, given_name, family_name, "
           "date_of_birth, nhs_number) VALUES (?1, ?2, ?3, ?2, ?3, ?4, ?5, '1951-01-02', '9434765919')",
        {QStringLiteral("person-1"), at, by, QStringLiteral("Siân"), QStringLiteral("Llewellyn")});
    insert("INSERT INTO case_people (id, created_at, created_by, updated_at, updated_by, case_id, person_id, "
           "role) VALUES (?1, ?2, ?3, ?2, ?3, 'case-2', 'person-1', 'subject')",
        {QStringLiteral("link-1"), at, by});
    insert("INSERT INTO notes (id, created_at, created_by, updated_at, updated_by, case_id, occurred_on, "
           "author, kind, text) VALUES (?1, ?2, ?3, ?2, ?3, 'case-1', '2024-05-02', 'old-release', "
           "'home-visit', ?4)",
        {QStringLiteral("note-1"), at, by, QStringLiteral("smoke alarm fitted in the kitchen")});
    insert("INSERT INTO outbox (change_id, entity, row_id, base_rev, op, payload, created_at) VALUES "
           "('change-1', 'case', 'case-1', 0, 'create', '{}', ?1)",
        {at});
    insert("INSERT INTO audit_log (at, actor, action, entity, entity_id, case_reference) VALUES "
           "(?1, ?2, 'create', 'case', 'case-1', 'PVT-2024-0001')",
        {at, by});
}

QStringList TestMigrations::searchCaseIds(Database& db, const QString& text)
{
    Statement st = db.prepare(SearchIndex::matchingCaseIdsSql(1).constData());
    st.bind(1, SearchIndex::matchExpression(text));
    QStringList ids;
    while (st.next())
        ids << st.text(0);
    ids.sort();
    return ids;
}

QStringList TestMigrations::schemaNames(Database& db, const char* type)
{
    Statement st = db.prepare("SELECT name FROM sqlite_master WHERE type = ?1 ORDER BY name");
    st.bind(1, QString::fromLatin1(type));
    QStringList names;
    while (st.next())
        names << st.text(0);
    return names;
}

void TestMigrations::latestIsFour()
{
    // Guards the test data below: a new step needs its own rows in insertRowsValidAt().
    QCOMPARE(Migrations::latestVersion(), 8);
}

void TestMigrations::freshStoreIsAtLatest()
{
    auto store = createStore(dbPath());
    QCOMPARE(Migrations::currentVersion(store->db()), Migrations::latestVersion());
    QCOMPARE(store->db().scalar("PRAGMA user_version"), qint64(Migrations::latestVersion()));
    const QStringList tables = schemaNames(store->db(), "table");
    for (const char* table : {"meta", "agencies", "users", "people", "cases", "case_people", "case_needs",
             "case_agencies", "actions", "notes", "assessments", "reference_norms", "settings", "outbox",
             "audit_log", "search_index", "drafts", "sync_state", "sync_base", "sync_conflicts", "sync_reopen",
             "sync_removals", "sync_seen"})
        QVERIFY2(tables.contains(QLatin1String(table)), table);
}

void TestMigrations::upgradeFromEveryVersionKeepsRows_data()
{
    QTest::addColumn<int>("from");
    for (int v = 0; v < Migrations::latestVersion(); ++v)
        QTest::addRow("from v%d", v) << v;
}

void TestMigrations::upgradeFromEveryVersionKeepsRows()
{
    QFETCH(int, from);
    {
        auto db = openRaw(true);
        Migrations::migrate(*db, from);
        QCOMPARE(Migrations::currentVersion(*db), from);
        QCOMPARE(schemaNames(*db, "table").contains(QStringLiteral("search_index")), from >= 2);
        insertRowsValidAt(*db, from);
    }
    auto db = openRaw(false);
    QCOMPARE(Migrations::currentVersion(*db), from);
    Migrations::migrate(*db);
    QCOMPARE(db->scalar("PRAGMA user_version"), qint64(Migrations::latestVersion()));
    QCOMPARE(Migrations::currentVersion(*db), Migrations::latestVersion());
    QCOMPARE(db->textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));

    // Version 4 adds the local drafts table.
    QVERIFY(schemaNames(*db, "table").contains(QStringLiteral("drafts")));

    // The national ONS4 norms arrive with version 3, exactly once.
    QCOMPARE(db->scalar("SELECT count(*) FROM reference_norms WHERE scope = 'national'"), qint64(4));

    const qint64 expectedCases = from >= 1 ? 2 : 0;
    QCOMPARE(db->scalar("SELECT count(*) FROM cases"), expectedCases);
    if (from < 1) {
        QCOMPARE(searchCaseIds(*db, QStringLiteral("hoarding")), QStringList());
        return;
    }
    QCOMPARE(db->textScalar("SELECT reason FROM cases WHERE reference = 'PVT-2024-0001'"),
        QStringLiteral("severe hoarding reported by the fire service"));
    QCOMPARE(db->textScalar("SELECT given_name FROM people WHERE id = 'person-1'"), QStringLiteral("Siân"));
    QCOMPARE(db->textScalar("SELECT date_of_birth FROM people WHERE id = 'person-1'"),
        QStringLiteral("1951-01-02"));
    QCOMPARE(db->textScalar("SELECT text FROM notes WHERE id = 'note-1'"),
        QStringLiteral("smoke alarm fitted in the kitchen"));
    QCOMPARE(db->scalar("SELECT count(*) FROM outbox"), qint64(1));
    QCOMPARE(db->scalar("SELECT count(*) FROM audit_log"), qint64(1));
    QCOMPARE(db->scalar("SELECT count(*) FROM agencies"), qint64(1));
    QCOMPARE(db->scalar("SELECT count(*) FROM case_people"), qint64(1));

    // Rows written before the index existed are found: by reason, note text and person.
    QCOMPARE(searchCaseIds(*db, QStringLiteral("hoarding")), QStringList {QStringLiteral("case-1")});
    QCOMPARE(searchCaseIds(*db, QStringLiteral("smoke alarm")), QStringList {QStringLiteral("case-1")});
    QCOMPARE(searchCaseIds(*db, QStringLiteral("Sian Llewellyn")), QStringList {QStringLiteral("case-2")});
    QCOMPARE(searchCaseIds(*db, QStringLiteral("PVT-2024-0002")), QStringList {QStringLiteral("case-2")});
    QCOMPARE(searchCaseIds(*db, QStringLiteral("nothing matches this")), QStringList());
    QCOMPARE(db->scalar("SELECT count(*) FROM search_index"), qint64(4)); // 2 cases, 1 person, 1 note

    // And rows written after the upgrade are indexed by the triggers.
    db->exec(
        "INSERT INTO notes (id, created_at, created_by, updated_at, updated_by, case_id, occurred_on, "
        "author, kind, text) VALUES ('note-2', 'x', 'x', 'x', 'x', 'case-2', '2024-06-01', 'a', 'phone', "
        "'befriending service accepted')");
    QCOMPARE(searchCaseIds(*db, QStringLiteral("befriending")), QStringList {QStringLiteral("case-2")});
}

void TestMigrations::migrateIsIdempotent()
{
    auto db = openRaw(true);
    Migrations::migrate(*db);
    Migrations::migrate(*db);
    Migrations::migrate(*db, 1); // an older target never goes backwards
    QCOMPARE(Migrations::currentVersion(*db), Migrations::latestVersion());
    QCOMPARE(db->scalar("SELECT count(*) FROM reference_norms"), qint64(4));
}

void TestMigrations::newerSchemaIsRefused()
{
    const int newer = Migrations::latestVersion() + 1;
    {
        auto db = openRaw(true);
        Migrations::migrate(*db);
        db->exec(QByteArray("PRAGMA user_version = " + QByteArray::number(newer)).constData());
    }
    KdfParamsFile::write(dbPath(), m_params);
    try {
        openStore(dbPath());
        QFAIL("a store from a newer release was opened");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NewerSchema);
        QVERIFY2(e.message().contains(QStringLiteral("schema %1").arg(newer)), qPrintable(e.message()));
    }
    try {
        auto db = openRaw(false);
        Migrations::migrate(*db);
        QFAIL("migrate went past a newer schema");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NewerSchema);
    }
    // Nothing was written to it: no unlock entry, the version as it was.
    auto db = openRaw(false);
    QCOMPARE(Migrations::currentVersion(*db), newer);
    QCOMPARE(db->scalar("SELECT count(*) FROM audit_log"), qint64(0));
}

void TestMigrations::failedStepLeavesNothingBehind()
{
    {
        auto db = openRaw(true);
        Migrations::migrate(*db, 1);
        insertRowsValidAt(*db, 1);
        // Something already called search_index makes step 2 fail part-way.
        db->exec("CREATE TABLE search_index (x TEXT)");
    }
    auto db = openRaw(false);
    const QStringList tablesBefore = schemaNames(*db, "table");
    const QStringList triggersBefore = schemaNames(*db, "trigger");
    try {
        Migrations::migrate(*db);
        QFAIL("step 2 succeeded over an existing search_index table");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::Failed);
    }
    QCOMPARE(Migrations::currentVersion(*db), 1);
    QCOMPARE(schemaNames(*db, "table"), tablesBefore);
    QCOMPARE(schemaNames(*db, "trigger"), triggersBefore);
    for (const QString& trigger : schemaNames(*db, "trigger"))
        QVERIFY2(!trigger.contains(QLatin1String("fts")), qPrintable(trigger));
    QCOMPARE(db->scalar("SELECT count(*) FROM reference_norms"), qint64(0)); // step 3 never ran
    QCOMPARE(db->scalar("SELECT count(*) FROM cases"), qint64(2));
    QVERIFY(!db->prepare("SELECT 1 FROM sqlite_master WHERE sql LIKE '%fts4%'").next());

    // The connection is usable afterwards, outside any transaction.
    db->exec("BEGIN IMMEDIATE");
    db->exec("ROLLBACK");

    // With the obstacle gone the upgrade completes.
    db->exec("DROP TABLE search_index");
    Migrations::migrate(*db);
    QCOMPARE(Migrations::currentVersion(*db), Migrations::latestVersion());
    QCOMPARE(searchCaseIds(*db, QStringLiteral("hoarding")), QStringList {QStringLiteral("case-1")});
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
