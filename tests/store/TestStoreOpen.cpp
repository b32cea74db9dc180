#include "StoreTestSupport.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/KdfParamsFile.h"
#include "store/PersonRepository.h"
#include "store/Store.h"
#include "store/StoreError.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <sqlcipher/sqlite3.h>

using namespace StoreTestSupport;

class TestStoreOpen : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createThenOpenKeepsStoreId();
    void createRefusesExistingPaths();
    void createRefusesWeakKeyParameters();
    void wrongPassphraseLeavesFilesUntouched();
    void wrongPassphraseLeavesCrashedStoreUntouched();
    void randomBytesAreRefusedUntouched();
    void plaintextDatabaseRefused();
    void missingKeyFileIsNotAStore();
    void missingStoreIsNotFound();
    void awkwardPathWorks();
    void changePassphraseKeepsData();
    void changePassphraseSurvivesCrashBeforeCheckpoint();
    void crashInsideRekeyLocksNobodyOut();
    void cipherSettingsAreExplicit();
    void flippedByteInCasePageIsAnError();
    void flippedByteInAnyPageNeverGivesWrongData();
    void integrityCheckOkOnHealthyStore();
    void writerOnAnotherThreadTakesTurns();

private:
    QString storePath() const { return m_dir->filePath(QStringLiteral("team.casebook")); }
    void addCases(Store& store, int count) { addCasesOn(store, count); }
    static void addCasesOn(Store& store, int count);
    static QStringList readAllCases(Store& store);
    static QByteArray dumpEverything(Store& store);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStoreOpen::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStoreOpen::cleanup()
{
    m_dir.reset();
}

void TestStoreOpen::addCasesOn(Store& store, int count)
{
    CaseRepository cases(store);
    store.write([&] {
        for (int i = 0; i < count; ++i) {
            CaseRecord c;
            c.referralDate = QDate(2025, 3, 1 + i % 28);
            c.reason = QStringLiteral("Case %1: ").arg(i)
                + QString(300, QLatin1Char(static_cast<char>('a' + i % 26)));
            c.leadWorker = QStringLiteral("worker%1").arg(i % 3);
            cases.add(c);
        }
    });
}

// Every case, every field that matters, in a stable order; any read error propagates.
QStringList TestStoreOpen::readAllCases(Store& store)
{
    CaseRepository cases(store);
    CaseFilter filter;
    filter.limit = 100000;
    QStringList result;
    const QList<CaseSummary> summaries = cases.list(filter);
    for (const CaseSummary& s : summaries) {
        const auto record = cases.get(s.id);
        if (!record)
            throw StoreError(StoreError::Code::Failed, QStringLiteral("listed case missing"));
        result << record->reference + QLatin1Char('|') + record->reason + QLatin1Char('|')
                + record->leadWorker + QLatin1Char('|') + record->referralDate.toString(Qt::ISODate);
    }
    result.sort();
    return result;
}

// A hash of every row of every table, except the "unlock" entries each open appends.
QByteArray TestStoreOpen::dumpEverything(Store& store)
{
    QStringList tables;
    {
        Statement st
            = store.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (st.next())
            tables << st.text(0);
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& table : tables) {
        QByteArray sql = "SELECT * FROM \"" + table.toUtf8() + "\"";
        if (table == QLatin1String("audit_log"))
            sql += " WHERE action <> 'unlock'";
        Statement st = store.db().prepare(sql.constData());
        hash.addData(table.toUtf8());
        while (st.next()) {
            for (int i = 0; i < st.columnCount(); ++i)
                hash.addData(QByteArray(st.value(i).toString().toUtf8() + '\x1f'));
            hash.addData("\x1e");
        }
    }
    return hash.result();
}

void TestStoreOpen::createThenOpenKeepsStoreId()
{
    QString id;
    {
        auto store = createStore(storePath());
        id = store->storeId();
        QCOMPARE(store->path(), storePath());
        QCOMPARE(store->actor(), QStringLiteral("tester"));
    }
    QCOMPARE(id.size(), 36);
    QVERIFY(!QUuid::fromString(id).isNull());
    QVERIFY(QFileInfo::exists(storePath()));
    QVERIFY(QFileInfo::exists(KdfParamsFile::pathFor(storePath())));

    auto reopened = openStore(storePath());
    QCOMPARE(reopened->storeId(), id);
    reopened.reset();
    auto third = openStore(storePath());
    QCOMPARE(third->storeId(), id);

    // The store's own history: created once, unlocked twice.
    QCOMPARE(
        third->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'store'"),
        qint64(1));
    QCOMPARE(third->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'unlock'"), qint64(2));
}

void TestStoreOpen::createRefusesExistingPaths()
{
    createStore(storePath()).reset();
    const DirSnapshot before = snapshot(m_dir->path());
    try {
        createStore(storePath());
        QFAIL("create over an existing store succeeded");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::AlreadyExists);
        QVERIFY(e.message().contains(storePath()));
    }
    QCOMPARE(differences(before, snapshot(m_dir->path())), QStringList());
    QVERIFY(openStore(storePath()));

    // Any file at the path is kept, even one that is not a store...
    const QString other = m_dir->filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(other, "my own notes"));
    try {
        createStore(other);
        QFAIL("create over an ordinary file succeeded");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::AlreadyExists);
    }
    QCOMPARE(fileBytes(other), QByteArray("my own notes"));
    QVERIFY(!QFileInfo::exists(KdfParamsFile::pathFor(other)));

    // ...and a stray key file too: overwriting it would orphan the store it belongs to.
    const QString orphan = m_dir->filePath(QStringLiteral("orphan.casebook"));
    QVERIFY(writeFile(KdfParamsFile::pathFor(orphan), "{}"));
    try {
        createStore(orphan);
        QFAIL("create over an existing key file succeeded");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::AlreadyExists);
    }
    QVERIFY(!QFileInfo::exists(orphan));
    QCOMPARE(fileBytes(KdfParamsFile::pathFor(orphan)), QByteArray("{}"));
}

void TestStoreOpen::createRefusesWeakKeyParameters()
{
    for (const auto& [ops, mem] : {std::pair {KdfParams::MinimumOpsLimit - 1, KdfParams::MinimumMemLimit},
             std::pair {KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit - 1}}) {
        const KdfParams weak = KeyDerivation::freshParams(ops, mem);
        try {
            Store::create(storePath(), passphrase(), weak, QStringLiteral("tester"));
            QFAIL("a store was created with key parameters below the minimum");
        } catch (const StoreError& e) {
            QCOMPARE(e.code(), StoreError::Code::Invalid);
        }
        QVERIFY(snapshot(m_dir->path()).isEmpty());
    }
}

void TestStoreOpen::wrongPassphraseLeavesFilesUntouched()
{
    {
        auto store = createStore(storePath());
        addCases(*store, 5);
    }
    const DirSnapshot before = snapshot(m_dir->path());
    QCOMPARE(
        before.keys(), QStringList({QStringLiteral("team.casebook"), QStringLiteral("team.casebook.kdf")}));

    for (const QByteArray& wrong : {QByteArrayLiteral("correct horse battery stapler"), QByteArray(),
             QByteArrayLiteral("Correct horse battery staple")}) {
        try {
            Store::open(storePath(), wrong, QStringLiteral("intruder"));
            QFAIL("a wrong passphrase opened the store");
        } catch (const StoreError& e) {
            QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
            QVERIFY(e.message().contains(QLatin1String("passphrase is wrong")));
        }
        QCOMPARE(differences(before, snapshot(m_dir->path())), QStringList());
    }

    // The failed attempts left no trace: nothing in the audit log but create and this unlock.
    auto store = openStore(storePath());
    QCOMPARE(store->db().scalar("SELECT count(*) FROM audit_log WHERE entity = 'store'"), qint64(2));
    QCOMPARE(readAllCases(*store).size(), 5);

    // The same while the store is open elsewhere, with its -wal and -shm in use.
    addCases(*store, 2);
    const DirSnapshot live = snapshot(m_dir->path());
    QVERIFY(live.value(QStringLiteral("team.casebook-wal")).size() > 0);
    QVERIFY(live.contains(QStringLiteral("team.casebook-shm")));
    try {
        Store::open(storePath(), QByteArrayLiteral("guess"), QStringLiteral("intruder"));
        QFAIL("a wrong passphrase opened the store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
    }
    QCOMPARE(differences(live, snapshot(m_dir->path())), QStringList());
    QCOMPARE(readAllCases(*store).size(), 7);
}

void TestStoreOpen::wrongPassphraseLeavesCrashedStoreUntouched()
{
    // Copying the files of an open store after a commit gives what a crash leaves behind:
    // the store with its -wal and -shm.
    QTemporaryDir crashed;
    QVERIFY(crashed.isValid());
    const QString copy = crashed.filePath(QStringLiteral("team.casebook"));
    {
        auto store = createStore(storePath());
        addCases(*store, 5);
        const DirSnapshot live = snapshot(m_dir->path());
        QVERIFY2(live.contains(QStringLiteral("team.casebook-wal")), "an open store in WAL mode has a -wal");
        QVERIFY(live.contains(QStringLiteral("team.casebook-shm")));
        for (auto it = live.cbegin(); it != live.cend(); ++it)
            QVERIFY(writeFile(crashed.filePath(it.key()), it.value()));
    }
    const DirSnapshot before = snapshot(crashed.path());
    QCOMPARE(before.size(), 4);
    QVERIFY(!before.value(QStringLiteral("team.casebook-wal")).isEmpty());

    try {
        Store::open(copy, QByteArrayLiteral("not the passphrase"), QStringLiteral("intruder"));
        QFAIL("a wrong passphrase opened the store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
    }
    QCOMPARE(snapshot(crashed.path()).keys(), before.keys());
    QCOMPARE(differences(before, snapshot(crashed.path())), QStringList());

    // The right passphrase still recovers every committed case from the -wal.
    auto store = openStore(copy);
    QCOMPARE(readAllCases(*store).size(), 5);
    QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestStoreOpen::randomBytesAreRefusedUntouched()
{
    QByteArray noise(qsizetype(3) * 4096, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / 4);

    // Without a key file it is not a store at all.
    QVERIFY(writeFile(storePath(), noise));
    try {
        openStore(storePath());
        QFAIL("random bytes opened as a store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotAStore);
        QVERIFY2(
            e.message().contains(QLatin1String("is not a Pivot Casebook store")), qPrintable(e.message()));
    }
    QCOMPARE(fileBytes(storePath()), noise);

    // With a valid key file beside it, the bytes fail to decrypt like a wrong passphrase.
    KdfParamsFile::write(storePath(), fastParams());
    const DirSnapshot before = snapshot(m_dir->path());
    try {
        openStore(storePath());
        QFAIL("random bytes opened as a store");
    } catch (const StoreError& e) {
        QVERIFY(e.code() == StoreError::Code::WrongPassphrase || e.code() == StoreError::Code::NotAStore);
        QVERIFY2(e.message().contains(QLatin1String("not a Pivot Casebook store")), qPrintable(e.message()));
    }
    QCOMPARE(differences(before, snapshot(m_dir->path())), QStringList());

    // A file whose size is no whole number of pages is refused before any key is derived.
    QVERIFY(writeFile(storePath(), noise.left(5000)));
    try {
        openStore(storePath());
        QFAIL("a truncated file opened as a store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotAStore);
    }
    QCOMPARE(fileBytes(storePath()), noise.left(5000));
}

void TestStoreOpen::plaintextDatabaseRefused()
{
    KdfParamsFile::write(storePath(), fastParams());
    QByteArray header("SQLite format 3", 16); // includes the terminating NUL
    header.append(QByteArray(4096 - header.size(), '\0'));
    QCOMPARE(header.size(), 4096);
    QVERIFY(writeFile(storePath(), header));
    DirSnapshot before = snapshot(m_dir->path());
    try {
        openStore(storePath());
        QFAIL("an unencrypted SQLite header opened as a store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::PlaintextDatabase);
        QVERIFY(e.message().contains(QLatin1String("unencrypted")));
    }
    QCOMPARE(differences(before, snapshot(m_dir->path())), QStringList());

    // A real unencrypted database (SQLCipher without a key writes plain SQLite).
    QVERIFY(QFile::remove(storePath()));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(storePath()).constData(), &db,
                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
        SQLITE_OK);
    QCOMPARE(
        sqlite3_exec(db, "CREATE TABLE cases (reference TEXT); INSERT INTO cases VALUES ('PVT-2025-0001')",
            nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);
    before = snapshot(m_dir->path());
    QVERIFY(before.value(QStringLiteral("team.casebook")).startsWith("SQLite format 3"));
    try {
        openStore(storePath());
        QFAIL("an unencrypted database opened as a store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::PlaintextDatabase);
    }
    QCOMPARE(differences(before, snapshot(m_dir->path())), QStringList());
}

void TestStoreOpen::missingKeyFileIsNotAStore()
{
    createStore(storePath()).reset();
    QVERIFY(QFile::remove(KdfParamsFile::pathFor(storePath())));
    const DirSnapshot before = snapshot(m_dir->path());
    try {
        openStore(storePath());
        QFAIL("a store without its key file opened");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotAStore);
        QVERIFY(e.message().contains(KdfParamsFile::pathFor(storePath())));
    }
    QCOMPARE(differences(before, snapshot(m_dir->path())), QStringList());

    // A damaged key file is treated the same way.
    QVERIFY(writeFile(KdfParamsFile::pathFor(storePath()), "{\"format\": \"pivot-casebook-kdf\"}"));
    try {
        openStore(storePath());
        QFAIL("a store with a damaged key file opened");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotAStore);
    }
}

void TestStoreOpen::missingStoreIsNotFound()
{
    try {
        openStore(storePath());
        QFAIL("a missing store opened");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotFound);
        QVERIFY(e.message().contains(storePath()));
    }
    QVERIFY(snapshot(m_dir->path()).isEmpty());

    // A key file alone is not a store either, and opening does not create one.
    KdfParamsFile::write(storePath(), fastParams());
    try {
        openStore(storePath());
        QFAIL("a missing store opened");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::NotFound);
    }
    QCOMPARE(snapshot(m_dir->path()).keys(), QStringList {QStringLiteral("team.casebook.kdf")});
}

void TestStoreOpen::awkwardPathWorks()
{
    // Characters that mean something in a file: URI (the key is first checked through one).
    const QString dir = m_dir->filePath(QStringLiteral("Team files #1 ?100% & Siân"));
    QVERIFY(QDir().mkpath(dir));
    const QString path = dir + QStringLiteral("/store?mode=memory#x.casebook");
    createStore(path).reset();
    const DirSnapshot before = snapshot(dir);
    QCOMPARE(before.keys(),
        (QStringList {QStringLiteral("store?mode=memory#x.casebook"),
            QStringLiteral("store?mode=memory#x.casebook.kdf")}));
    try {
        Store::open(path, QByteArrayLiteral("wrong"), QStringLiteral("tester"));
        QFAIL("a wrong passphrase opened the store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
    }
    QCOMPARE(differences(before, snapshot(dir)), QStringList());
    auto store = openStore(path);
    addCases(*store, 2);
    QCOMPARE(readAllCases(*store).size(), 2);
    QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
}

void TestStoreOpen::changePassphraseKeepsData()
{
    const QByteArray newPassphrase = QByteArrayLiteral("a much longer new passphrase 2025");
    QString id;
    QString reference;
    QString personId;
    QByteArray kdfBefore;
    QStringList casesBefore;
    {
        auto store = createStore(storePath());
        id = store->storeId();
        addCases(*store, 20);
        Person p;
        p.givenName = QStringLiteral("Ada");
        p.familyName = QStringLiteral("Byron");
        p.dateOfBirth = QDate(1950, 12, 10);
        PersonRepository(*store).add(p);
        personId = p.meta.id;
        casesBefore = readAllCases(*store);
        kdfBefore = fileBytes(KdfParamsFile::pathFor(storePath()));
        store->changePassphrase(newPassphrase);
        // The open handle keeps working under the new key.
        CaseRecord c;
        c.referralDate = QDate(2025, 4, 1);
        c.reason = QStringLiteral("written after the rekey");
        CaseRepository(*store).add(c);
        reference = c.reference;
        QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
    }
    // Same salt and parameters: only the passphrase changed.
    QCOMPARE(fileBytes(KdfParamsFile::pathFor(storePath())), kdfBefore);

    try {
        openStore(storePath());
        QFAIL("the old passphrase still opens the store");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
    }

    auto store = Store::open(storePath(), newPassphrase, QStringLiteral("tester"));
    QCOMPARE(store->storeId(), id);
    QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
    QStringList casesAfter = readAllCases(*store);
    QCOMPARE(casesAfter.size(), 21);
    casesAfter.removeIf([](const QString& line) { return line.contains(QLatin1String("after the rekey")); });
    QCOMPARE(casesAfter, casesBefore);
    QVERIFY(CaseRepository(*store).byReference(reference));
    const auto person = PersonRepository(*store).get(personId);
    QVERIFY(person);
    QCOMPARE(person->fullName(), QStringLiteral("Ada Byron"));
    QCOMPARE(person->dateOfBirth, QDate(1950, 12, 10));
    QCOMPARE(store->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'rekey'"), qint64(1));
}

void TestStoreOpen::changePassphraseSurvivesCrashBeforeCheckpoint()
{
    // Right after a rekey every page under the new key is in the -wal and the store file is
    // still under the old key. changePassphrase() moves them into the store file before it
    // returns, so a crash after it locks nobody out.
    const QByteArray newPassphrase = QByteArrayLiteral("the new passphrase");
    QTemporaryDir crashed;
    QVERIFY(crashed.isValid());
    const QString copy = crashed.filePath(QStringLiteral("team.casebook"));
    {
        auto store = createStore(storePath());
        addCases(*store, 10);
        store->changePassphrase(newPassphrase);
        QCOMPARE(QFileInfo(storePath() + QStringLiteral("-wal")).size(), qint64(0));
        const DirSnapshot live = snapshot(m_dir->path());
        for (auto it = live.cbegin(); it != live.cend(); ++it)
            QVERIFY(writeFile(crashed.filePath(it.key()), it.value()));
    }
    const DirSnapshot before = snapshot(crashed.path());
    try {
        Store::open(copy, passphrase(), QStringLiteral("tester"));
        QFAIL("the old passphrase opened the store after a rekey");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
    }
    QCOMPARE(differences(before, snapshot(crashed.path())), QStringList());
    auto store = Store::open(copy, newPassphrase, QStringLiteral("tester"));
    QCOMPARE(readAllCases(*store).size(), 10);
    QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestStoreOpen::crashInsideRekeyLocksNobodyOut()
{
    // The moment inside the rekey itself: new-key pages committed to the -wal only.
    const QByteArray newPassphrase = QByteArrayLiteral("the new passphrase");
    {
        auto store = createStore(storePath());
        addCases(*store, 10);
    }
    const KdfParams params = KdfParamsFile::read(storePath());
    QTemporaryDir crashed;
    QVERIFY(crashed.isValid());
    const QString copy = crashed.filePath(QStringLiteral("team.casebook"));
    {
        const SecureBuffer oldKey = KeyDerivation::deriveKey(passphrase(), params);
        const SecureBuffer newKey = KeyDerivation::deriveKey(newPassphrase, params);
        Database db(storePath(), KeyDerivation::sqlcipherKeyLiteral(oldKey), false);
        db.rekey(KeyDerivation::sqlcipherKeyLiteral(newKey));
        const DirSnapshot live = snapshot(m_dir->path());
        QVERIFY(live.value(QStringLiteral("team.casebook-wal")).size() > 4096);
        for (auto it = live.cbegin(); it != live.cend(); ++it)
            QVERIFY(writeFile(crashed.filePath(it.key()), it.value()));
    }
    const DirSnapshot before = snapshot(crashed.path());

    // The new passphrase opens it, decided on a private copy first.
    {
        auto store = Store::open(copy, newPassphrase, QStringLiteral("tester"));
        QCOMPARE(readAllCases(*store).size(), 10);
        QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
    }
    // Back to the moment of the crash.
    QVERIFY(QDir(crashed.path()).removeRecursively());
    QVERIFY(QDir().mkpath(crashed.path()));
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QVERIFY(writeFile(crashed.filePath(it.key()), it.value()));

    // The old one is refused. Here the store file still proves it, so the normal open is
    // what refuses it, and that may move the -wal into the store file: nothing is lost.
    try {
        Store::open(copy, passphrase(), QStringLiteral("tester"));
        QFAIL("the old passphrase opened the store after a rekey");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), StoreError::Code::WrongPassphrase);
    }
    auto store = Store::open(copy, newPassphrase, QStringLiteral("tester"));
    QCOMPARE(readAllCases(*store).size(), 10);
    QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestStoreOpen::cipherSettingsAreExplicit()
{
    {
        auto store = createStore(storePath());
        addCases(*store, 3);
        QCOMPARE(store->db().textScalar("PRAGMA cipher_page_size"), QStringLiteral("4096"));
        QVERIFY(!store->db().textScalar("PRAGMA cipher_version").isEmpty());
        QCOMPARE(store->db().textScalar("PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(store->db().scalar("PRAGMA synchronous"), qint64(2)); // FULL
        QCOMPARE(store->db().scalar("PRAGMA foreign_keys"), qint64(1));
        QCOMPARE(store->db().scalar("PRAGMA secure_delete"), qint64(1));
        QCOMPARE(store->db().scalar("PRAGMA temp_store"), qint64(2)); // MEMORY
        QCOMPARE(store->db().scalar("PRAGMA page_size"), qint64(4096));
    }
    const QByteArray bytes = fileBytes(storePath());
    QVERIFY(bytes.size() >= qsizetype(4) * 4096);
    QCOMPARE(bytes.size() % 4096, 0);
    QVERIFY(!bytes.startsWith("SQLite format 3"));
    QVERIFY(!bytes.contains("SQLite format 3"));
    QVERIFY(!bytes.contains("CREATE TABLE"));

    // The same settings are in force after reopening.
    auto store = openStore(storePath());
    QCOMPARE(store->db().textScalar("PRAGMA cipher_page_size"), QStringLiteral("4096"));
    QCOMPARE(store->db().textScalar("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(store->db().scalar("PRAGMA synchronous"), qint64(2));
}

void TestStoreOpen::flippedByteInCasePageIsAnError()
{
    qint64 casesRoot = 0;
    {
        auto store = createStore(storePath());
        addCases(*store, 60);
        casesRoot = store->db().scalar("SELECT rootpage FROM sqlite_master WHERE name = 'cases'");
        QVERIFY(casesRoot > 1);
    }
    QVERIFY(!QFileInfo::exists(storePath() + QStringLiteral("-wal")));
    QByteArray bytes = fileBytes(storePath());
    QVERIFY2(bytes.size() >= qsizetype(20) * 4096, "expected a store of many pages");
    QVERIFY(bytes.size() > casesRoot * 4096);

    // One bit, in the middle of the cases table's root page.
    bytes[(casesRoot - 1) * 4096 + 2048] = static_cast<char>(bytes.at((casesRoot - 1) * 4096 + 2048) ^ 0x01);
    QVERIFY(writeFile(storePath(), bytes));
    try {
        auto store = openStore(storePath());
        const QStringList cases = readAllCases(*store);
        QFAIL(qPrintable(QStringLiteral("read %1 cases from a damaged page").arg(cases.size())));
    } catch (const StoreError& e) {
        QVERIFY2(e.code() == StoreError::Code::Corrupt || e.code() == StoreError::Code::WrongPassphrase,
            qPrintable(e.message()));
    }
}

void TestStoreOpen::flippedByteInAnyPageNeverGivesWrongData()
{
    QByteArray expected;
    QStringList expectedCases;
    {
        auto store = createStore(storePath());
        addCases(*store, 30);
    }
    const QByteArray original = fileBytes(storePath());
    {
        // Read back the way every damaged copy below is read: opened once from these bytes.
        auto store = openStore(storePath());
        expected = dumpEverything(*store);
        expectedCases = readAllCases(*store);
    }
    const int pages = static_cast<int>(original.size() / 4096);
    QVERIFY(pages > 10);

    int caseReadErrors = 0;
    for (int page = 0; page < pages; ++page) {
        // Each page ends in 48 reserved bytes: IV (16), HMAC-SHA1 (20) and 12 unused bytes.
        // A flip in the data or the HMAC must be noticed; one in the unused tail carries no
        // data, so there it is enough that what is read is still right.
        for (const int offset : {100, 4070, 4090}) {
            QByteArray damaged = original;
            const qsizetype at = qsizetype(page) * 4096 + offset;
            damaged[at] = static_cast<char>(damaged.at(at) ^ 0x20);
            QVERIFY(writeFile(storePath(), damaged));
            QVERIFY(!QFileInfo::exists(storePath() + QStringLiteral("-wal")));
            const QString where = QStringLiteral("page %1 offset %2").arg(page + 1).arg(offset);
            bool detected = false;
            try {
                auto store = openStore(storePath());
                QStringList cases;
                try {
                    cases = readAllCases(*store);
                } catch (const StoreError&) {
                    ++caseReadErrors;
                    throw;
                }
                // What was read without an error is exactly what was written.
                QVERIFY2(cases == expectedCases, qPrintable(where));
                const QByteArray dump = dumpEverything(*store);
                QVERIFY2(dump == expected, qPrintable(where));
                detected = store->db().textScalar("PRAGMA integrity_check") != QLatin1String("ok");
            } catch (const StoreError& e) {
                QVERIFY2(
                    e.code() == StoreError::Code::Corrupt || e.code() == StoreError::Code::WrongPassphrase,
                    qPrintable(where + QStringLiteral(": ") + e.message()));
                detected = true;
            }
            if (offset < 4084)
                QVERIFY2(detected, qPrintable(where + QStringLiteral(": damage went unnoticed")));
        }
    }
    QVERIFY(caseReadErrors > 0);
}

void TestStoreOpen::integrityCheckOkOnHealthyStore()
{
    {
        auto store = createStore(storePath());
        QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
        addCases(*store, 40);
        QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
        QVERIFY(!store->db().prepare("PRAGMA foreign_key_check").next());
    }
    auto store = openStore(storePath());
    QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(readAllCases(*store).size(), 40);
}

// The sync engine writes on its own thread through openWriter(): its writes and the
// worker's on the GUI thread take turns and both land, with the outbox beside them.
void TestStoreOpen::writerOnAnotherThreadTakesTurns()
{
    auto store = createStore(storePath());
    const qint64 outboxBefore = store->db().scalar("SELECT count(*) FROM outbox");
    std::unique_ptr<Store> writer = store->openWriter();
    QVERIFY(writer);
    QThread* thread = QThread::create([&writer] {
        for (int i = 0; i < 20; ++i)
            TestStoreOpen::addCasesOn(*writer, 5);
    });
    thread->start();
    for (int i = 0; i < 20; ++i)
        addCases(*store, 5);
    QVERIFY(thread->wait(60000));
    delete thread;
    writer.reset();
    QCOMPARE(store->db().scalar("SELECT count(*) FROM cases"), qint64(200));
    QCOMPARE(store->db().scalar("SELECT count(DISTINCT reference) FROM cases"), qint64(200));
    QCOMPARE(store->db().scalar("SELECT count(*) FROM outbox") - outboxBefore, qint64(200));
    QCOMPARE(store->db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestStoreOpen)
#include "TestStoreOpen.moc"
