#include "CliHarness.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The store commands and the contract every command shares: help, version, exit codes,
// one-line errors, passphrases, settings and agencies.
class TestCliBasics : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helpAndVersion();
    void unknownCommandIsUsageError();
    void initCreatesEncryptedStoreAndKeyFile();
    void initRefusesExistingStore();
    void wrongPassphraseLeavesStoreUntouched();
    void shortPassphraseRefusedAtInit();
    void missingStoreIsNotFound();
    void notAStoreIsRefusedUntouched();
    void initRefusesWeakKeyDerivation();
    void noPassphraseWithoutTerminalIsUsageError();
    void passphraseFromEnvironment();
    void passwdChangesPassphrase();
    void passwdRefusesShortPassphrase();
    void settingsGetAndSet();
    void settingsRefuseBadValuesAndUnknownKeys();
    void agencyAddAndList();

private:
    CliHarness& cli() { return *m_cli; }
    static QString storeLine(const QString& message) { return QStringLiteral("casebook-cli: ") + message; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
};

void TestCliBasics::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliHarness>(m_dir->path());
}

void TestCliBasics::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliBasics::helpAndVersion()
{
    const CliResult help = cli().runRaw({QStringLiteral("--help")});
    CLI_OK(help);
    QVERIFY2(help.out.startsWith(QLatin1String("Usage: casebook-cli ")), help.describe().constData());
    QVERIFY(help.out.contains(QLatin1String("Exit codes: 0 success")));
    QCOMPARE(help.err, QString());

    const CliResult version = cli().runRaw({QStringLiteral("--version")});
    CLI_OK(version);
    QCOMPARE(version.out, QStringLiteral("casebook-cli " CASEBOOK_EXPECTED_VERSION "\n"));
    QCOMPARE(version.err, QString());

    // A command's own help is not an error either, and needs no store.
    const CliResult caseHelp
        = cli().runRaw({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--help")});
    CLI_OK(caseHelp);
    QVERIFY(caseHelp.out.contains(QLatin1String("--referring-agency")));
    QVERIFY(!QFileInfo::exists(cli().storePath()));

    // No command at all: the usage, as a usage error.
    const CliResult nothing = cli().runRaw({});
    CLI_EXPECT(nothing, 2);
    QVERIFY(nothing.out.startsWith(QLatin1String("Usage: casebook-cli ")));
}

void TestCliBasics::unknownCommandIsUsageError()
{
    CLI_FAILS(cli().run({QStringLiteral("frobnicate")}), 2,
        QStringLiteral("casebook-cli: Unknown command \"frobnicate\" (see \"casebook-cli --help\")"));
    CLI_FAILS(cli().runRaw({QStringLiteral("--frobnicate"), QStringLiteral("case")}), 2,
        QStringLiteral("casebook-cli: Unknown option 'frobnicate'. (see \"casebook-cli --help\")"));
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("erase")}), 2,
        QStringLiteral(
            "casebook-cli: case: expected one of add, list, show, update, status (got \"erase\")"));
    // None of that created a store.
    QVERIFY(!QFileInfo::exists(cli().storePath()));
}

void TestCliBasics::initCreatesEncryptedStoreAndKeyFile()
{
    const CliResult created = cli().init();
    CLI_OK(created);
    QCOMPARE(created.out,
        QStringLiteral("Created an encrypted store at %1\n"
                       "Keep the passphrase safe: without it nobody, including IT, can open the store.\n")
            .arg(cli().storePath()));
    QCOMPARE(created.err, QString());

    const QByteArray store = CliHarness::readFile(cli().storePath());
    QVERIFY(store.size() >= 4096);
    QCOMPARE(store.size() % 4096, 0);
    QVERIFY2(!store.startsWith("SQLite format 3"), "the store must not be a plaintext SQLite file");
    QVERIFY(!store.contains("audit_log"));

    const QJsonObject kdf = QJsonDocument::fromJson(CliHarness::readFile(cli().kdfPath())).object();
    QCOMPARE(kdf.value(QStringLiteral("format")).toString(), QStringLiteral("pivot-casebook-kdf"));
    QCOMPARE(kdf.value(QStringLiteral("algorithm")).toString(), QStringLiteral("argon2id13"));
    QCOMPARE(kdf.value(QStringLiteral("memlimit")).toDouble(), 19.0 * 1024 * 1024);
    QCOMPARE(kdf.value(QStringLiteral("opslimit")).toInt(), 2);
    QCOMPARE(QByteArray::fromBase64(kdf.value(QStringLiteral("salt")).toString().toLatin1()).size(), 16);

    // The new store opens with the passphrase and is empty.
    const CliResult list = cli().run({QStringLiteral("case"), QStringLiteral("list")});
    CLI_OK(list);
    QCOMPARE(list.out,
        QStringLiteral("0 shown; 0 open, 0 closed, 0 referred, 0 accepted, 0 declined in the store\n"));
    QCOMPARE(cli().auditChanges(), QStringList {QStringLiteral("create store   ")});
}

void TestCliBasics::initRefusesExistingStore()
{
    CLI_OK(cli().init());
    QCOMPARE(cli()
                 .run({QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--referring-agency"),
                     QStringLiteral("Lancashire Police"), QStringLiteral("--reason"),
                     QStringLiteral("Hoarding"), QStringLiteral("--given-name"), QStringLiteral("Ann")})
                 .exitCode,
        0);
    const QByteArray store = CliHarness::readFile(cli().storePath());
    const QByteArray kdf = CliHarness::readFile(cli().kdfPath());

    // Again, even with another passphrase: refused, and nothing on disk changes.
    const QString other = cli().writeFile(QStringLiteral("other.txt"), "another long passphrase\n");
    CLI_FAILS(cli().runRaw({QStringLiteral("--store"), cli().storePath(), QStringLiteral("--passphrase-file"),
                  other, QStringLiteral("init"), QStringLiteral("--kdf-memory-mib"), QStringLiteral("19"),
                  QStringLiteral("--kdf-ops"), QStringLiteral("2")}),
        6,
        storeLine(QStringLiteral("%1 already exists; choose another location or open it instead.")
                      .arg(cli().storePath())));
    CLI_FAILS(cli().init(), 6,
        storeLine(QStringLiteral("%1 already exists; choose another location or open it instead.")
                      .arg(cli().storePath())));
    QCOMPARE(CliHarness::readFile(cli().storePath()), store);
    QCOMPARE(CliHarness::readFile(cli().kdfPath()), kdf);

    // A leftover key file alone also blocks init: it belongs to a store that may come back.
    cli().setStorePath(cli().path(QStringLiteral("second.store")));
    cli().writeFile(QStringLiteral("second.store.kdf"), kdf);
    CLI_FAILS(cli().init(), 6,
        storeLine(QStringLiteral("%1 already exists; choose another location or open it instead.")
                      .arg(cli().storePath())));
    QVERIFY(!QFileInfo::exists(cli().storePath()));
}

void TestCliBasics::wrongPassphraseLeavesStoreUntouched()
{
    CLI_OK(cli().init());
    CLI_OK(cli().run({QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("Lancashire Police")}));
    const QStringList auditBefore = cli().auditChanges();
    const QByteArray store = CliHarness::readFile(cli().storePath());
    const QByteArray kdf = CliHarness::readFile(cli().kdfPath());
    const QStringList filesBefore = QDir(cli().dir()).entryList(QDir::Files | QDir::Hidden);

    const QString wrong = cli().writeFile(QStringLiteral("wrong.txt"), "correct horse battery stable\n");
    for (const QString& command : {QStringLiteral("list"), QStringLiteral("add")}) {
        QStringList arguments {QStringLiteral("--store"), cli().storePath(),
            QStringLiteral("--passphrase-file"), wrong, QStringLiteral("agency"), command};
        if (command == QLatin1String("add"))
            arguments << QStringLiteral("Community Fire Safety");
        CLI_FAILS(cli().runRaw(arguments), 3,
            QStringLiteral(
                "casebook-cli: The passphrase is wrong, or the file is not a Pivot Casebook store."));
    }
    QCOMPARE(CliHarness::readFile(cli().storePath()), store);
    QCOMPARE(CliHarness::readFile(cli().kdfPath()), kdf);
    QCOMPARE(QDir(cli().dir()).entryList(QDir::Files | QDir::Hidden),
        QStringList(filesBefore) << QStringLiteral("wrong.txt"));

    // And the right passphrase still opens it, with nothing added.
    QCOMPARE(cli().auditChanges(), auditBefore);
    const CliResult agencies = cli().run({QStringLiteral("agency"), QStringLiteral("list")});
    CLI_OK(agencies);
    QCOMPARE(agencies.out, QStringLiteral("Lancashire Police\tother\n"));
}

void TestCliBasics::shortPassphraseRefusedAtInit()
{
    const QString message = QStringLiteral(
        "casebook-cli: The passphrase must be at least 12 characters long; a short sentence works well.");
    // Eleven characters; the second is eleven characters in 22 bytes: characters count, not bytes.
    for (const QByteArray& secret : {QByteArray("elevenchars"), QByteArray("\xc5\x9d").repeated(11)}) {
        cli().writeFile(QStringLiteral("passphrase.txt"), secret + '\n');
        CLI_FAILS(cli().init(), 5, message);
        QVERIFY(!QFileInfo::exists(cli().storePath()));
        QVERIFY(!QFileInfo::exists(cli().kdfPath()));
    }
    cli().writeFile(QStringLiteral("passphrase.txt"), "twelve chars\n");
    CLI_OK(cli().init());
    CLI_OK(cli().run({QStringLiteral("case"), QStringLiteral("list")}));
}

void TestCliBasics::missingStoreIsNotFound()
{
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("list")}), 4,
        storeLine(
            QStringLiteral("There is no store at %1. Create one with \"init\".").arg(cli().storePath())));
    QVERIFY(!QFileInfo::exists(cli().storePath()));
    QVERIFY(!QFileInfo::exists(cli().kdfPath()));
}

void TestCliBasics::notAStoreIsRefusedUntouched()
{
    const QString wrongPassphrase
        = QStringLiteral("casebook-cli: The passphrase is wrong, or the file is not a Pivot Casebook store.");
    // Random pages with a key file: only the passphrase check can tell.
    CLI_OK(cli().init());
    QByteArray noise(8192, '\0');
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919 + 13) % 251);
    cli().writeFile(QStringLiteral("team.store"), noise);
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("list")}), 3, wrongPassphrase);
    QCOMPARE(CliHarness::readFile(cli().storePath()), noise);

    // The same pages without their key file, and a plaintext SQLite database.
    QFile::remove(cli().kdfPath());
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("list")}), 3,
        QStringLiteral(
            "casebook-cli: %1 is not a Pivot Casebook store (its key file %2 is missing or damaged).")
            .arg(cli().storePath(), cli().kdfPath()));
    QByteArray plain = QByteArray("SQLite format 3") + '\0' + QByteArray(4096 - 16, '\0');
    cli().writeFile(QStringLiteral("team.store"), plain);
    CLI_FAILS(cli().run({QStringLiteral("case"), QStringLiteral("list")}), 3,
        QStringLiteral(
            "casebook-cli: %1 is an unencrypted SQLite database, not a Pivot Casebook store; it will not "
            "be opened.")
            .arg(cli().storePath()));
    QCOMPARE(CliHarness::readFile(cli().storePath()), plain);
    QVERIFY(!QFileInfo::exists(cli().kdfPath()));
}

void TestCliBasics::initRefusesWeakKeyDerivation()
{
    CLI_FAILS(cli().run({QStringLiteral("init"), QStringLiteral("--kdf-memory-mib"), QStringLiteral("18")}),
        5,
        QStringLiteral("casebook-cli: --kdf-memory-mib must be a whole number from 19 to 4096, not \"18\"."));
    CLI_FAILS(cli().run({QStringLiteral("init"), QStringLiteral("--kdf-memory-mib"), QStringLiteral("19"),
                  QStringLiteral("--kdf-ops"), QStringLiteral("1")}),
        5, QStringLiteral("casebook-cli: --kdf-ops must be a whole number from 2 to 20, not \"1\"."));
    QVERIFY(!QFileInfo::exists(cli().storePath()));
    QVERIFY(!QFileInfo::exists(cli().kdfPath()));
}

void TestCliBasics::noPassphraseWithoutTerminalIsUsageError()
{
    CLI_OK(cli().init());
    CLI_FAILS(cli().runRaw({QStringLiteral("--store"), cli().storePath(), QStringLiteral("case"),
                  QStringLiteral("list")}),
        2,
        QStringLiteral(
            "casebook-cli: No passphrase given: use --passphrase-file, CASEBOOK_PASSPHRASE, or run in "
            "a terminal."));
    CLI_FAILS(cli().runRaw({QStringLiteral("--store"), cli().storePath(), QStringLiteral("--passphrase-file"),
                  cli().path(QStringLiteral("nowhere.txt")), QStringLiteral("case"), QStringLiteral("list")}),
        2,
        QStringLiteral("casebook-cli: Cannot read the passphrase file %1: No such file or directory")
            .arg(cli().path(QStringLiteral("nowhere.txt"))));
    const QString empty = cli().writeFile(QStringLiteral("empty.txt"), "\n");
    CLI_FAILS(cli().runRaw({QStringLiteral("--store"), cli().storePath(), QStringLiteral("--passphrase-file"),
                  empty, QStringLiteral("case"), QStringLiteral("list")}),
        2, QStringLiteral("casebook-cli: The passphrase file %1 is empty.").arg(empty));
}

void TestCliBasics::passphraseFromEnvironment()
{
    QProcessEnvironment env = cli().environment();
    env.insert(QStringLiteral("CASEBOOK_PASSPHRASE"), QStringLiteral("a passphrase from the environment"));
    const QStringList store {QStringLiteral("--store"), cli().storePath()};
    CLI_OK(cli().runRaw(store
            + QStringList {QStringLiteral("init"), QStringLiteral("--kdf-memory-mib"), QStringLiteral("19"),
                QStringLiteral("--kdf-ops"), QStringLiteral("2")},
        env));
    const CliResult added = cli().runRaw(store
            + QStringList {QStringLiteral("agency"), QStringLiteral("add"),
                QStringLiteral("Lancashire Police"), QStringLiteral("--kind"), QStringLiteral("police")},
        env);
    CLI_OK(added);
    QCOMPARE(added.out, QStringLiteral("Added Lancashire Police.\n"));

    // The passphrase file (the harness's, a different passphrase) wins over the environment.
    CLI_FAILS(cli().runRaw(store
                      + QStringList {QStringLiteral("--passphrase-file"), cli().passphraseFile(),
                          QStringLiteral("agency"), QStringLiteral("list")},
                  env),
        3,
        QStringLiteral("casebook-cli: The passphrase is wrong, or the file is not a Pivot Casebook store."));

    env.insert(QStringLiteral("CASEBOOK_PASSPHRASE"), QStringLiteral("not the passphrase at all"));
    CLI_FAILS(cli().runRaw(store + QStringList {QStringLiteral("agency"), QStringLiteral("list")}, env), 3,
        QStringLiteral("casebook-cli: The passphrase is wrong, or the file is not a Pivot Casebook store."));

    // The acting user comes from CASEBOOK_USER unless --user says otherwise.
    env.insert(QStringLiteral("CASEBOOK_PASSPHRASE"), QStringLiteral("a passphrase from the environment"));
    env.insert(QStringLiteral("CASEBOOK_USER"), QStringLiteral("pat.worker"));
    CLI_OK(cli().runRaw(
        store + QStringList {QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("Fire")}, env));
    CLI_OK(cli().runRaw(store
            + QStringList {QStringLiteral("--user"), QStringLiteral("sam.lead"), QStringLiteral("agency"),
                QStringLiteral("add"), QStringLiteral("Health")},
        env));
    const CliResult audit
        = cli().runRaw(store + QStringList {QStringLiteral("audit"), QStringLiteral("--json")}, env);
    CLI_OK(audit);
    QStringList creators;
    for (const QJsonValue& v : audit.array()) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("action")).toString() == QLatin1String("create")
            && e.value(QStringLiteral("entity")).toString() == QLatin1String("agency"))
            creators.prepend(e.value(QStringLiteral("actor")).toString());
    }
    QCOMPARE(creators,
        (QStringList {QStringLiteral("tester"), QStringLiteral("pat.worker"), QStringLiteral("sam.lead")}));
}

void TestCliBasics::passwdChangesPassphrase()
{
    CLI_OK(cli().init());
    CLI_OK(cli().run({QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("Lancashire Police")}));
    const QByteArray kdf = CliHarness::readFile(cli().kdfPath());
    const QString newFile = cli().writeFile(QStringLiteral("new.txt"), "a brand new passphrase for 2025\n");

    const CliResult changed
        = cli().run({QStringLiteral("passwd"), QStringLiteral("--new-passphrase-file"), newFile});
    CLI_OK(changed);
    QCOMPARE(changed.out, QStringLiteral("Passphrase changed.\n"));
    QCOMPARE(changed.err, QString());

    CLI_FAILS(cli().run({QStringLiteral("agency"), QStringLiteral("list")}), 3,
        QStringLiteral("casebook-cli: The passphrase is wrong, or the file is not a Pivot Casebook store."));
    const QStringList withNew {
        QStringLiteral("--store"), cli().storePath(), QStringLiteral("--passphrase-file"), newFile};
    const CliResult list
        = cli().runRaw(withNew + QStringList {QStringLiteral("agency"), QStringLiteral("list")});
    CLI_OK(list);
    QCOMPARE(list.out, QStringLiteral("Lancashire Police\tother\n"));
    // Same salt and Argon2id settings: only the key changed.
    QCOMPARE(CliHarness::readFile(cli().kdfPath()), kdf);

    const CliResult audit
        = cli().runRaw(withNew + QStringList {QStringLiteral("audit"), QStringLiteral("--json")});
    QStringList actions;
    for (const QJsonValue& v : audit.array())
        actions.prepend(v.toObject().value(QStringLiteral("action")).toString());
    QVERIFY2(actions.contains(QStringLiteral("rekey")), qPrintable(actions.join(QLatin1Char(' '))));
}

void TestCliBasics::passwdRefusesShortPassphrase()
{
    CLI_OK(cli().init());
    const QString shortFile = cli().writeFile(QStringLiteral("short.txt"), "too short\n");
    CLI_FAILS(cli().run({QStringLiteral("passwd"), QStringLiteral("--new-passphrase-file"), shortFile}), 5,
        QStringLiteral("casebook-cli: The passphrase must be at least 12 characters long; a short sentence "
                       "works well."));
    CLI_OK(cli().run({QStringLiteral("agency"), QStringLiteral("list")}));
    const QStringList withShort {QStringLiteral("--store"), cli().storePath(),
        QStringLiteral("--passphrase-file"), shortFile, QStringLiteral("agency"), QStringLiteral("list")};
    CLI_EXPECT(cli().runRaw(withShort), 3);
}

void TestCliBasics::settingsGetAndSet()
{
    CLI_OK(cli().init());
    const CliResult defaults = cli().run({QStringLiteral("settings"), QStringLiteral("get")});
    CLI_OK(defaults);
    QCOMPARE(defaults.out,
        QStringLiteral("flat_rate.per_intervention = 3500.00\n"
                       "retention.years = 6\n"
                       "unit_cost.ae_attendance = 242.00\n"
                       "unit_cost.gp_appointment = 41.00\n"));

    const CliResult set = cli().run({QStringLiteral("settings"), QStringLiteral("set"),
        QStringLiteral("unit_cost.gp_appointment"), QStringLiteral("45.50")});
    CLI_OK(set);
    QCOMPARE(set.out, QStringLiteral("unit_cost.gp_appointment = 45.50\n"));
    const CliResult get = cli().run(
        {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("unit_cost.gp_appointment")});
    CLI_OK(get);
    QCOMPARE(get.out, QStringLiteral("unit_cost.gp_appointment = 45.50\n"));

    // Amounts are kept to the penny; whole numbers of years.
    CLI_OK(cli().run({QStringLiteral("settings"), QStringLiteral("set"),
        QStringLiteral("unit_cost.ae_attendance"), QStringLiteral("250.5")}));
    CLI_OK(cli().run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("retention.years"),
        QStringLiteral("8")}));
    const CliResult json
        = cli().run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("--json")});
    CLI_OK(json);
    QCOMPARE(json.object(),
        (QJsonObject {{QStringLiteral("flat_rate.per_intervention"), QStringLiteral("3500.00")},
            {QStringLiteral("retention.years"), QStringLiteral("8")},
            {QStringLiteral("unit_cost.ae_attendance"), QStringLiteral("250.50")},
            {QStringLiteral("unit_cost.gp_appointment"), QStringLiteral("45.50")}}));
    QCOMPARE(cli().auditChanges(),
        (QStringList {QStringLiteral("create store   "),
            QStringLiteral("update setting unit_cost.gp_appointment  45.50"),
            QStringLiteral("update setting unit_cost.ae_attendance  250.50"),
            QStringLiteral("update setting retention.years  8")}));
}

void TestCliBasics::settingsRefuseBadValuesAndUnknownKeys()
{
    CLI_OK(cli().init());
    CLI_OK(cli().run({QStringLiteral("settings"), QStringLiteral("set"),
        QStringLiteral("unit_cost.gp_appointment"), QStringLiteral("45.50")}));
    const QString before
        = cli().run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("--json")}).out;
    const QStringList auditBefore = cli().auditChanges();

    const struct
    {
        const char* key;
        const char* value;
        const char* message;
    } refusals[] = {
        {"unit_cost.gp_appointment", "45.5.0",
            "unit_cost.gp_appointment must be an amount in pounds such as 41.00 (no £ sign or commas), not "
            "\"45.5.0\"."},
        {"unit_cost.gp_appointment", "£45",
            "unit_cost.gp_appointment must be an amount in pounds such as 41.00 (no £ sign or commas), not "
            "\"£45\"."},
        {"unit_cost.ae_attendance", "2.42e2",
            "unit_cost.ae_attendance must be an amount in pounds such as 41.00 (no £ sign or commas), not "
            "\"2.42e2\"."},
        {"flat_rate.per_intervention", "3,500",
            "flat_rate.per_intervention must be an amount in pounds such as 41.00 (no £ sign or commas), not "
            "\"3,500\"."},
        {"unit_cost.gp_appointment", "41.005",
            "unit_cost.gp_appointment must be an amount in pounds such as 41.00 (no £ sign or commas), not "
            "\"41.005\"."},
        {"retention.years", "0", "retention.years must be a whole number of years from 1 to 100, not \"0\"."},
        {"retention.years", "6.5",
            "retention.years must be a whole number of years from 1 to 100, not \"6.5\"."},
        {"unit_cost.taxi", "12.00",
            "Unknown setting \"unit_cost.taxi\"; known settings: unit_cost.gp_appointment, "
            "unit_cost.ae_attendance, flat_rate.per_intervention, retention.years"},
    };
    for (const auto& r : refusals) {
        CLI_FAILS(cli().run({QStringLiteral("settings"), QStringLiteral("set"), QString::fromUtf8(r.key),
                      QString::fromUtf8(r.value)}),
            5, QStringLiteral("casebook-cli: ") + QString::fromUtf8(r.message));
    }
    CLI_FAILS(
        cli().run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("unit_cost.taxi")}), 5,
        QStringLiteral(
            "casebook-cli: Unknown setting \"unit_cost.taxi\"; known settings: unit_cost.gp_appointment, "
            "unit_cost.ae_attendance, flat_rate.per_intervention, retention.years"));
    CLI_FAILS(cli().run({QStringLiteral("settings"), QStringLiteral("reset")}), 2,
        QStringLiteral("casebook-cli: settings: expected get [KEY] or set KEY VALUE (got \"reset\")"));

    QCOMPARE(
        cli().run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("--json")}).out, before);
    QCOMPARE(cli().auditChanges(), auditBefore);
}

void TestCliBasics::agencyAddAndList()
{
    CLI_OK(cli().init());
    const CliResult added = cli().run({QStringLiteral("agency"), QStringLiteral("add"),
        QStringLiteral("Lancashire Police"), QStringLiteral("--kind"), QStringLiteral("police")});
    CLI_OK(added);
    QCOMPARE(added.out, QStringLiteral("Added Lancashire Police.\n"));
    CLI_OK(cli().run({QStringLiteral("agency"), QStringLiteral("add"),
        QStringLiteral("Community Fire Safety"), QStringLiteral("--kind"), QStringLiteral("fire")}));
    CLI_OK(cli().run(
        {QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("Chorley Council Communities")}));

    const CliResult list = cli().run({QStringLiteral("agency"), QStringLiteral("list")});
    CLI_OK(list);
    QCOMPARE(list.out,
        QStringLiteral("Chorley Council Communities\tother\n"
                       "Community Fire Safety\tfire\n"
                       "Lancashire Police\tpolice\n"));
    const CliResult json
        = cli().run({QStringLiteral("agency"), QStringLiteral("list"), QStringLiteral("--json")});
    CLI_OK(json);
    QCOMPARE(json.array().size(), 3);
    QCOMPARE(json.array().at(2).toObject(),
        (QJsonObject {{QStringLiteral("name"), QStringLiteral("Lancashire Police")},
            {QStringLiteral("kind"), QStringLiteral("police")}, {QStringLiteral("active"), true}}));

    const QStringList auditBefore = cli().auditChanges();
    CLI_FAILS(
        cli().run({QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("LANCASHIRE POLICE")}), 5,
        QStringLiteral("casebook-cli: There is already an agency called \"Lancashire Police\"."));
    CLI_FAILS(cli().run({QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("Ambulance"),
                  QStringLiteral("--kind"), QStringLiteral("ambulance")}),
        5,
        QStringLiteral("casebook-cli: --kind: \"ambulance\" is not one of: police, fire, health, council, "
                       "childrens-services, housing, voluntary, education, other"));
    CLI_FAILS(cli().run({QStringLiteral("agency"), QStringLiteral("add")}), 2,
        QStringLiteral("casebook-cli: agency add: missing NAME (see \"casebook-cli agency add --help\")"));
    QCOMPARE(cli().run({QStringLiteral("agency"), QStringLiteral("list")}).out, list.out);
    QCOMPARE(cli().auditChanges(), auditBefore);
}

QTEST_GUILESS_MAIN(TestCliBasics)
#include "TestCliBasics.moc"
