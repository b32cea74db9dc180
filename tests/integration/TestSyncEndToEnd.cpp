#include "Laptop.h"
#include "ServerProcess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The real casebook-server on 127.0.0.1 (a port the system picks) and real casebook-cli
// laptops, each with its own encrypted store. Whole states are compared: after syncing,
// what one laptop shows of a case is exactly what the other shows.
class TestSyncEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void twoLaptopsConverge();
    void differentFieldsMergeAndSameFieldIsAConflict();
    void casesNumberedAlikeOfflineAreRenumbered();
    void agenciesAddedAlikeOfflineAreRenamed();
    void noteOnACaseClosedElsewhereIsKeptAndFlagged();
    void agencyOnlyNotesStayWithTheirAgency();
    void partnerChangesAreSetAsideAndTheRestSyncs();
    void revokedLaptopIsToldAndStops();
    void offlineSyncFailsClearlyAndLosesNothing();
    void serverStopsCleanlyOnSigterm();

private:
    std::unique_ptr<Laptop> laptop(const QString& username);
    static QJsonObject syncSummary(const CliResult& result);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_police;
    QString m_fire;
    int m_laptops = 0;
};

void TestSyncEndToEnd::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<ServerProcess>(m_dir->filePath(QStringLiteral("server")));
    QVERIFY(m_server->init());
    QVERIFY(m_server->addTeam(QStringLiteral("North")));
    m_police = m_server->addAgency(QStringLiteral("Police"), QStringLiteral("police"));
    m_fire = m_server->addAgency(QStringLiteral("Fire and Rescue"), QStringLiteral("fire"));
    QVERIFY(!m_police.isEmpty() && !m_fire.isEmpty());
    QVERIFY(m_server->addUser(
        QStringLiteral("sam"), QStringLiteral("North"), QStringLiteral("worker"), m_police));
    QVERIFY(
        m_server->addUser(QStringLiteral("kim"), QStringLiteral("North"), QStringLiteral("worker"), m_fire));
    QVERIFY(m_server->addUser(
        QStringLiteral("pat"), QStringLiteral("North"), QStringLiteral("worker"), m_police));
    QVERIFY(m_server->addUser(QStringLiteral("val"), QStringLiteral("North"), QStringLiteral("partner")));
    QVERIFY(m_server->start());
}

void TestSyncEndToEnd::cleanup()
{
    m_server.reset();
    m_dir.reset();
    m_laptops = 0;
}

std::unique_ptr<Laptop> TestSyncEndToEnd::laptop(const QString& username)
{
    const QString dir = m_dir->filePath(QStringLiteral("laptop%1").arg(++m_laptops));
    QDir().mkpath(dir);
    auto machine = std::make_unique<Laptop>(dir, username);
    const CliResult signedIn = machine->initAndLogin(*m_server);
    if (signedIn.exitCode != 0)
        qWarning("login: %s", signedIn.describe().constData());
    return signedIn.exitCode == 0 ? std::move(machine) : nullptr;
}

QJsonObject TestSyncEndToEnd::syncSummary(const CliResult& result)
{
    return result.object();
}

void TestSyncEndToEnd::twoLaptopsConverge()
{
    auto sam = laptop(QStringLiteral("sam"));
    auto kim = laptop(QStringLiteral("kim"));
    QVERIFY(sam && kim);
    // Agencies made on the server reach every laptop, so both can name them.
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Hoarding; fire risk at the back door"));
    QVERIFY(!reference.isEmpty());
    CLI_OK(sam->runWithInput({QStringLiteral("note"), QStringLiteral("add"), reference,
                                 QStringLiteral("--kind"), QStringLiteral("home-visit"),
                                 QStringLiteral("--text"), QStringLiteral("Visited with the fire officer.")},
        QByteArray()));

    const CliResult pushed = sam->sync();
    CLI_OK(pushed);
    QVERIFY2(syncSummary(pushed).value(QStringLiteral("pushed")).toInt() >= 3, pushed.describe().constData());
    QCOMPARE(syncSummary(pushed).value(QStringLiteral("waiting")).toInt(), 0);

    const CliResult pulled = kim->sync();
    CLI_OK(pulled);
    QVERIFY(syncSummary(pulled).value(QStringLiteral("pulled")).toInt() >= 3);
    QCOMPARE(kim->caseJson(reference), sam->caseJson(reference));
    QCOMPARE(kim->caseListJson(), sam->caseListJson());

    // A second sync with nothing to do changes nothing on either side.
    const CliResult idle = kim->sync();
    CLI_OK(idle);
    QCOMPARE(syncSummary(idle).value(QStringLiteral("pushed")).toInt(), 0);
    QCOMPARE(syncSummary(idle).value(QStringLiteral("pulled")).toInt(), 0);
    QCOMPARE(kim->caseJson(reference), sam->caseJson(reference));

    // Scripts may name the server; another one than the laptop's is refused, not switched to.
    CLI_OK(kim->runWithInput(
        {QStringLiteral("sync"), QStringLiteral("--server"), m_server->url()}, QByteArray()));
    const CliResult other = kim->runWithInput(
        {QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("https://127.0.0.1:9")},
        QByteArray());
    QCOMPARE(other.exitCode, 1);
    QVERIFY2(other.err.contains(QStringLiteral("logged in to")), other.describe().constData());
}

void TestSyncEndToEnd::differentFieldsMergeAndSameFieldIsAConflict()
{
    auto sam = laptop(QStringLiteral("sam"));
    auto kim = laptop(QStringLiteral("kim"));
    QVERIFY(sam && kim);
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Isolation after bereavement"));
    CLI_OK(sam->sync());
    CLI_OK(kim->sync());

    // Offline on both laptops: different fields, then the same field.
    CLI_OK(sam->run({QStringLiteral("case"), QStringLiteral("update"), reference, QStringLiteral("--risk"),
        QStringLiteral("high"), QStringLiteral("--risk-rationale"),
        QStringLiteral("Fire risk seen on visit")}));
    CLI_OK(kim->run({QStringLiteral("case"), QStringLiteral("update"), reference, QStringLiteral("--lead"),
        QStringLiteral("kim"), QStringLiteral("--risk-rationale"), QStringLiteral("Smoke alarm missing")}));
    CLI_OK(sam->sync());
    const CliResult merged = kim->sync();
    CLI_OK(merged);
    QCOMPARE(syncSummary(merged).value(QStringLiteral("conflicts")).toInt(), 1);
    CLI_OK(sam->sync());

    const QJsonObject onSam = QJsonDocument::fromJson(sam->caseJson(reference).toUtf8()).object();
    const QJsonObject onKim = QJsonDocument::fromJson(kim->caseJson(reference).toUtf8()).object();
    QCOMPARE(onKim, onSam);
    QCOMPARE(onSam.value(QStringLiteral("risk")).toString(), QStringLiteral("high"));
    QCOMPARE(onSam.value(QStringLiteral("lead_worker")).toString(), QStringLiteral("kim"));
    // The server's value (Sam's, pushed first) is in the record; Kim's is kept for Kim.
    QCOMPARE(
        onSam.value(QStringLiteral("risk_rationale")).toString(), QStringLiteral("Fire risk seen on visit"));
    const CliResult conflicts
        = kim->run({QStringLiteral("sync"), QStringLiteral("conflicts"), QStringLiteral("--json")});
    CLI_OK(conflicts);
    QVERIFY2(conflicts.out.contains(QStringLiteral("Smoke alarm missing")), conflicts.describe().constData());
}

// Both laptops number a new case offline: the same next reference. The first to sync keeps
// it; the other's case is renumbered with everything on it, and the worker is told.
void TestSyncEndToEnd::casesNumberedAlikeOfflineAreRenumbered()
{
    auto sam = laptop(QStringLiteral("sam"));
    auto kim = laptop(QStringLiteral("kim"));
    QVERIFY(sam && kim);
    CLI_OK(sam->sync());
    CLI_OK(kim->sync());
    const QString onSam = sam->addCase(QStringLiteral("Hoarding in a flat"));
    const QString onKim = kim->addCase(QStringLiteral("Loneliness after a fall"));
    QCOMPARE(onKim, onSam);
    CLI_OK(kim->runWithInput(
        {QStringLiteral("note"), QStringLiteral("add"), onKim, QStringLiteral("--kind"),
            QStringLiteral("phone"), QStringLiteral("--text"), QStringLiteral("First call.")},
        QByteArray()));
    CLI_OK(sam->sync());
    const CliResult renumbered = kim->sync();
    CLI_OK(renumbered);
    const QJsonArray changes = syncSummary(renumbered).value(QStringLiteral("renumbered")).toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(syncSummary(renumbered).value(QStringLiteral("quarantined")).toInt(), 0);
    QCOMPARE(syncSummary(renumbered).value(QStringLiteral("waiting")).toInt(), 0);
    const QString newReference = changes.first().toString().section(QStringLiteral(" -> "), 1);
    QVERIFY(newReference != onSam);
    CLI_OK(sam->sync());
    QCOMPARE(sam->caseListJson(), kim->caseListJson());
    QVERIFY(sam->caseJson(newReference).contains(QStringLiteral("First call.")));
    QVERIFY(sam->caseJson(onSam).contains(QStringLiteral("Hoarding in a flat")));
    QCOMPARE(kim->caseJson(newReference), sam->caseJson(newReference));
}

// Both laptops meet a new referring agency offline and add it under the same name. The first
// to sync keeps the name; the other's agency is renamed, its case keeps pointing at it, both
// laptops end up with the same agencies and cases, and nothing is set aside.
void TestSyncEndToEnd::agenciesAddedAlikeOfflineAreRenamed()
{
    auto sam = laptop(QStringLiteral("sam"));
    auto kim = laptop(QStringLiteral("kim"));
    QVERIFY(sam && kim);
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Debt and an empty fridge"));
    CLI_OK(sam->sync());
    CLI_OK(kim->sync());
    const auto foodBankAction = [&reference](const Laptop& machine, const QString& what) {
        const CliResult added = machine.run({QStringLiteral("agency"), QStringLiteral("add"),
            QStringLiteral("Food bank"), QStringLiteral("--kind"), QStringLiteral("voluntary")});
        const CliResult action = machine.run({QStringLiteral("action"), QStringLiteral("add"), reference,
            QStringLiteral("--what"), what, QStringLiteral("--agency"), QStringLiteral("Food bank")});
        return added.exitCode == 0 && action.exitCode == 0;
    };
    QVERIFY(foodBankAction(*sam, QStringLiteral("Voucher for this week")));
    QVERIFY(foodBankAction(*kim, QStringLiteral("Delivery on Friday")));
    CLI_OK(sam->sync());
    // Kim's push of her "Food bank" is refused (name_taken): hers is renamed and goes again.
    const CliResult renamed = kim->sync();
    CLI_OK(renamed);
    const QJsonArray changes = syncSummary(renamed).value(QStringLiteral("renamed_agencies")).toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().toString(), QStringLiteral("Food bank -> Food bank (2)"));
    QCOMPARE(syncSummary(renamed).value(QStringLiteral("quarantined")).toInt(), 0);
    QCOMPARE(syncSummary(renamed).value(QStringLiteral("waiting")).toInt(), 0);
    CLI_OK(sam->sync());
    const QStringList agencies {QStringLiteral("agency"), QStringLiteral("list"), QStringLiteral("--json")};
    QCOMPARE(sam->run(agencies).out, kim->run(agencies).out);
    QCOMPARE(sam->caseJson(reference), kim->caseJson(reference));
    const QJsonArray actions = QJsonDocument::fromJson(sam->caseJson(reference).toUtf8())
                                   .object()
                                   .value(QStringLiteral("actions"))
                                   .toArray();
    QStringList owners;
    for (const QJsonValue& action : actions)
        owners << action[QStringLiteral("what")].toString() + QStringLiteral(": ")
                + action[QStringLiteral("agency")].toString();
    owners.sort();
    QCOMPARE(owners.join(QStringLiteral("; ")),
        QStringLiteral("Delivery on Friday: Food bank (2); Voucher for this week: Food bank"));
}

// Kim writes a note offline while Sam closes the case: the note lands in the chronology on
// both laptops and Kim is asked whether the case should be reopened.
void TestSyncEndToEnd::noteOnACaseClosedElsewhereIsKeptAndFlagged()
{
    auto sam = laptop(QStringLiteral("sam"));
    auto kim = laptop(QStringLiteral("kim"));
    QVERIFY(sam && kim);
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Bereavement and isolation"));
    for (const char* status : {"accepted", "open"})
        CLI_OK(sam->run(
            {QStringLiteral("case"), QStringLiteral("status"), reference, QString::fromLatin1(status)}));
    CLI_OK(sam->sync());
    CLI_OK(kim->sync());
    CLI_OK(sam->run({QStringLiteral("case"), QStringLiteral("status"), reference, QStringLiteral("closed"),
        QStringLiteral("--reason"), QStringLiteral("moved-away"), QStringLiteral("--assessment-declined")}));
    CLI_OK(sam->sync());
    CLI_OK(kim->runWithInput({QStringLiteral("note"), QStringLiteral("add"), reference,
                                 QStringLiteral("--kind"), QStringLiteral("phone"), QStringLiteral("--text"),
                                 QStringLiteral("Neighbour says she is back home.")},
        QByteArray()));
    const CliResult flagged = kim->sync();
    CLI_OK(flagged);
    QCOMPARE(syncSummary(flagged).value(QStringLiteral("reopen")).toArray(), QJsonArray {reference});
    QCOMPARE(syncSummary(flagged).value(QStringLiteral("quarantined")).toInt(), 0);
    const CliResult decisions
        = kim->run({QStringLiteral("sync"), QStringLiteral("reopen"), QStringLiteral("--json")});
    CLI_OK(decisions);
    QCOMPARE(decisions.array().size(), 1);
    CLI_OK(sam->sync());
    const QString onSam = sam->caseJson(reference);
    QVERIFY(onSam.contains(QStringLiteral("Neighbour says she is back home.")));
    QCOMPARE(QJsonDocument::fromJson(onSam.toUtf8()).object().value(QStringLiteral("status")).toString(),
        QStringLiteral("closed"));
    QCOMPARE(kim->caseJson(reference), onSam);
}

void TestSyncEndToEnd::agencyOnlyNotesStayWithTheirAgency()
{
    auto sam = laptop(QStringLiteral("sam")); // police
    auto kim = laptop(QStringLiteral("kim")); // fire
    auto pat = laptop(QStringLiteral("pat")); // police
    QVERIFY(sam && kim && pat);
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Antisocial behaviour reports"));
    CLI_OK(sam->runWithInput(
        {QStringLiteral("note"), QStringLiteral("add"), reference, QStringLiteral("--kind"),
            QStringLiteral("phone"), QStringLiteral("--text"),
            QStringLiteral("Police intelligence: not for partners."), QStringLiteral("--agency"),
            QStringLiteral("Police"), QStringLiteral("--agency-only")},
        QByteArray()));
    CLI_OK(sam->sync());
    CLI_OK(kim->sync());
    CLI_OK(pat->sync());
    QVERIFY(!kim->caseJson(reference).contains(QStringLiteral("Police intelligence")));
    QVERIFY(kim->caseJson(reference).contains(QStringLiteral("Antisocial behaviour reports")));
    QVERIFY(pat->caseJson(reference).contains(QStringLiteral("Police intelligence")));
}

void TestSyncEndToEnd::partnerChangesAreSetAsideAndTheRestSyncs()
{
    auto sam = laptop(QStringLiteral("sam"));
    auto val = laptop(QStringLiteral("val"));
    QVERIFY(sam && val);
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Debt and loneliness"));
    CLI_OK(sam->sync());
    CLI_OK(val->sync());
    CLI_OK(val->run({QStringLiteral("case"), QStringLiteral("update"), reference, QStringLiteral("--risk"),
        QStringLiteral("high")}));
    const CliResult refused = val->sync();
    CLI_OK(refused);
    QCOMPARE(syncSummary(refused).value(QStringLiteral("quarantined")).toInt(), 1);
    QCOMPARE(syncSummary(refused).value(QStringLiteral("waiting")).toInt(), 0);
    // Sam's later change still reaches the partner's laptop.
    CLI_OK(sam->run({QStringLiteral("case"), QStringLiteral("update"), reference, QStringLiteral("--lead"),
        QStringLiteral("sam")}));
    CLI_OK(sam->sync());
    CLI_OK(val->sync());
    const QJsonObject onVal = QJsonDocument::fromJson(val->caseJson(reference).toUtf8()).object();
    QCOMPARE(onVal.value(QStringLiteral("lead_worker")).toString(), QStringLiteral("sam"));
    const QJsonObject onSam = QJsonDocument::fromJson(sam->caseJson(reference).toUtf8()).object();
    QCOMPARE(onSam.value(QStringLiteral("risk")).toString(), QStringLiteral("low"));
}

void TestSyncEndToEnd::revokedLaptopIsToldAndStops()
{
    auto sam = laptop(QStringLiteral("sam"));
    QVERIFY(sam);
    CLI_OK(sam->sync());
    const ServerRun devices = m_server->admin({QStringLiteral("device"), QStringLiteral("list"),
        QStringLiteral("--data"), m_server->dataDir(), QStringLiteral("--user"), QStringLiteral("sam")});
    QCOMPARE(devices.exitCode, 0);
    static const QRegularExpression uuid(
        QStringLiteral("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"));
    const QString device = uuid.match(devices.out).captured(1);
    QVERIFY2(!device.isEmpty(), devices.describe().constData());
    QCOMPARE(m_server
                 ->admin({QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("--data"),
                     m_server->dataDir(), device})
                 .exitCode,
        0);
    const QString reference = sam->addCase(QStringLiteral("Hoarding"));
    const CliResult refused = sam->sync();
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("withdrawn this laptop")), refused.describe().constData());
    // Nothing is lost: the change still waits on the laptop.
    QVERIFY(sam->caseJson(reference).contains(QStringLiteral("Hoarding")));
}

void TestSyncEndToEnd::offlineSyncFailsClearlyAndLosesNothing()
{
    auto sam = laptop(QStringLiteral("sam"));
    QVERIFY(sam);
    CLI_OK(sam->sync());
    const QString reference = sam->addCase(QStringLiteral("Substance misuse"));
    QCOMPARE(m_server->stop(), 0);
    const CliResult offline = sam->sync();
    QCOMPARE(offline.exitCode, 1);
    QVERIFY2(!offline.err.isEmpty(), offline.describe().constData());
    QVERIFY(m_server->start());
    const CliResult back = sam->sync();
    CLI_OK(back);
    QVERIFY(syncSummary(back).value(QStringLiteral("pushed")).toInt() >= 1);
    auto kim = laptop(QStringLiteral("kim"));
    QVERIFY(kim);
    CLI_OK(kim->sync());
    QCOMPARE(kim->caseJson(reference), sam->caseJson(reference));
}

void TestSyncEndToEnd::serverStopsCleanlyOnSigterm()
{
    QVERIFY(m_server->running());
    QCOMPARE(m_server->stop(), 0);
    QVERIFY(!m_server->running());
}

QTEST_GUILESS_MAIN(TestSyncEndToEnd)
#include "TestSyncEndToEnd.moc"
