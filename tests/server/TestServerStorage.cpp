#include "ServerFixture.h"

#include <QFile>

using namespace ServerSamples;

// The server store: its key file's checks, encryption on disk, migrations and reopening.
class TestServerStorage : public QObject
{
    Q_OBJECT

private slots:
    void keyFileMustBePrivate();
    void keyFileMustBe32BytesOr64Hex_data();
    void keyFileMustBe32BytesOr64Hex();
    void missingKeyFileOrStore();
    void wrongKeyDoesNotOpen();
    void storeIsEncryptedOnDisk();
    void reopenKeepsEverything();
    void keyFileIsCreatedPrivateAndNeverOverwritten();

private:
    static QString writeKey(
        const QTemporaryDir& dir, const QByteArray& bytes, QFile::Permissions permissions);
};

QString TestServerStorage::writeKey(
    const QTemporaryDir& dir, const QByteArray& bytes, QFile::Permissions permissions)
{
    const QString path = SqlCipherServerStorage::keyPath(dir.path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write the key file");
    file.close();
    QFile::setPermissions(path, permissions);
    return path;
}

void TestServerStorage::keyFileMustBePrivate()
{
    const QList<QFile::Permissions> open {QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther, QFile::ReadOwner | QFile::WriteOther};
    for (const QFile::Permissions permissions : open) {
        QTemporaryDir dir;
        writeKey(dir, QByteArray(32, 'k'), permissions);
        QString error;
        QVERIFY(!SqlCipherServerStorage::open(dir.path(), true, &error));
        QVERIFY2(error.contains(QStringLiteral("mode 0600")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("other users")), qPrintable(error));
        QVERIFY(!QFile::exists(SqlCipherServerStorage::databasePath(dir.path()))); // nothing made
    }
    QTemporaryDir dir;
    writeKey(dir, QByteArray(32, 'k'), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    QString error;
    SqlCipherServerStorage::open(dir.path(), true, &error);
    QVERIFY2(error.contains(QStringLiteral("(mode 0640)")), qPrintable(error));
    writeKey(dir, QByteArray(32, 'k'), QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(SqlCipherServerStorage::open(dir.path(), true, &error));
}

void TestServerStorage::keyFileMustBe32BytesOr64Hex_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("accepted");
    const QByteArray hex = QByteArray(32, '\x5a').toHex();
    QTest::newRow("32 raw") << QByteArray(32, '\0') << true;
    QTest::newRow("64 hex") << hex << true;
    QTest::newRow("64 hex newline") << hex + '\n' << true;
    QTest::newRow("64 upper hex") << hex.toUpper() << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("31 raw") << QByteArray(31, 'k') << false;
    QTest::newRow("33 raw") << QByteArray(33, 'k') << false;
    QTest::newRow("32 raw newline") << QByteArray(32, 'k') + '\n' << false;
    QTest::newRow("63 hex") << hex.left(63) << false;
    QTest::newRow("64 not hex") << QByteArray(64, 'g') << false;
    QTest::newRow("65 hex") << hex + 'a' << false;
    QTest::newRow("long") << QByteArray(4096, 'a') << false;
}

void TestServerStorage::keyFileMustBe32BytesOr64Hex()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, accepted);
    QTemporaryDir dir;
    writeKey(dir, key, QFile::ReadOwner | QFile::WriteOwner);
    QString error;
    const bool opened = SqlCipherServerStorage::open(dir.path(), true, &error) != nullptr;
    QCOMPARE(opened, accepted);
    if (!accepted) {
        QVERIFY2(error.contains(QStringLiteral("32 raw bytes or 64 hexadecimal")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("holds %1 bytes").arg(key.size())), qPrintable(error));
    }
}

void TestServerStorage::missingKeyFileOrStore()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!SqlCipherServerStorage::open(dir.path(), true, &error));
    QVERIFY2(error.contains(QStringLiteral("cannot be opened")), qPrintable(error));
    writeKey(dir, QByteArray(32, 'k'), QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(!SqlCipherServerStorage::open(dir.path(), false, &error));
    QVERIFY2(error.contains(QStringLiteral("init")), qPrintable(error));
    QVERIFY(!QFile::exists(SqlCipherServerStorage::databasePath(dir.path())));
    QVERIFY(!SyncService::open(dir.path(), &error));
}

void TestServerStorage::wrongKeyDoesNotOpen()
{
    QTemporaryDir dir;
    writeKey(dir, QByteArray(32, 'k'), QFile::ReadOwner | QFile::WriteOwner);
    QString error;
    QVERIFY(SqlCipherServerStorage::open(dir.path(), true, &error));
    writeKey(dir, QByteArray(32, 'j'), QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(!SqlCipherServerStorage::open(dir.path(), false, &error));
    QVERIFY2(error.contains(QStringLiteral("does not open")), qPrintable(error));
}

void TestServerStorage::storeIsEncryptedOnDisk()
{
    {
        ServerFixture f;
        f.addUser(QStringLiteral("plaintextprobe"));
        f.push(f.login(QStringLiteral("plaintextprobe")),
            {caseCreate(newId(), QStringLiteral("PVT-2099-4242"))});
        f.storage.reset();
        f.service.reset();
        f.admin.reset();
        QFile file(SqlCipherServerStorage::databasePath(f.dir.path()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QFile wal(file.fileName() + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            bytes += wal.readAll();
        QVERIFY(bytes.size() > 4096);
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("plaintextprobe"));
        QVERIFY(!bytes.contains("PVT-2099-4242"));
    }
}

void TestServerStorage::reopenKeepsEverything()
{
    ServerFixture f;
    f.addUser(QStringLiteral("sam"));
    const Session s = f.login(QStringLiteral("sam"));
    const QString caseId = newId();
    const qint64 rev = f.push(s, {caseCreate(caseId)}).results.first().rev;
    QCOMPARE(f.storage->currentSchemaVersion(), SqlCipherServerStorage::schemaVersion());
    f.service.reset();
    f.admin.reset();
    f.storage.reset();
    QString error;
    std::unique_ptr<SyncService> reopened = SyncService::open(f.dir.path(), &error);
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->storage().currentRow(QStringLiteral("case"), caseId)->rev, rev);
    QVERIFY(reopened->storage().userByUsername(QStringLiteral("sam")));
    QCOMPARE(reopened->storage().devices({}).size(), 1);
    QCOMPARE(reopened->storage().teams().size(), 2);
}

void TestServerStorage::keyFileIsCreatedPrivateAndNeverOverwritten()
{
    QTemporaryDir dir;
    const QString path = SqlCipherServerStorage::keyPath(dir.path());
    QString error;
    QVERIFY(ServerKeyFile::create(path, &error));
    QFile file(path);
    QCOMPARE(file.size(), 32);
    QCOMPARE(
        file.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
        QFile::Permissions());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray first = file.readAll();
    QVERIFY(!ServerKeyFile::create(path, &error));
    file.seek(0);
    QCOMPARE(file.readAll(), first);
    QVERIFY(ServerKeyFile::read(path, &error));
}

QTEST_GUILESS_MAIN(TestServerStorage)
#include "TestServerStorage.moc"
