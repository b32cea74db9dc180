#include "SyncTestClient.h"
#include "store/SyncAccount.h"
#include "sync/SyncSignIn.h"

#include <QTest>

// The sign-in rules the desktop dialog and `casebook-cli login` share: what a server address
// and a fingerprint may look like, what to trust after probing, and what a switch of server
// or worker would leave behind.
class TestSyncSignIn : public QObject
{
    Q_OBJECT

private slots:
    void serverUrl_data();
    void serverUrl();
    void fingerprintIsNormalised();
    void decideTrust_data();
    void decideTrust();
    void leftBehindOnlyWhenSwitching();
};

static const QString seenFingerprint
    = QStringLiteral("SHA256:") + QStringLiteral("AB:").repeated(31) + QStringLiteral("AB");

void TestSyncSignIn::serverUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("host and port") << "https://casebook.example.gov.uk:8443"
                                   << "https://casebook.example.gov.uk:8443";
    QTest::newRow("trailing slash and spaces") << "  https://10.0.0.5/ "
                                               << "https://10.0.0.5";
    QTest::newRow("plain http") << "http://casebook.example.gov.uk"
                                << "";
    QTest::newRow("a path") << "https://casebook.example.gov.uk/v1"
                            << "";
    QTest::newRow("credentials") << "https://sam:secret@casebook.example.gov.uk"
                                 << "";
    QTest::newRow("a query") << "https://casebook.example.gov.uk?x=1"
                             << "";
    QTest::newRow("no host") << "https://"
                             << "";
    QTest::newRow("not a URL") << "casebook"
                               << "";
}

void TestSyncSignIn::serverUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString problem;
    const std::optional<QUrl> url = SyncSignIn::serverUrl(text, &problem);
    QCOMPARE(url ? url->toString() : QString(), expected);
    QCOMPARE(problem.contains(QStringLiteral("https://")), expected.isEmpty());
}

void TestSyncSignIn::fingerprintIsNormalised()
{
    const QString lower = seenFingerprint.toLower();
    QCOMPARE(SyncSignIn::normalizedFingerprint(lower), seenFingerprint);
    QCOMPARE(SyncSignIn::normalizedFingerprint(QStringLiteral(" ") + seenFingerprint + QStringLiteral(" ")),
        seenFingerprint);
    QCOMPARE(SyncSignIn::normalizedFingerprint(seenFingerprint.chopped(3)), QString());
    QCOMPARE(SyncSignIn::normalizedFingerprint(QStringLiteral("AB:CD")), QString());
}

void TestSyncSignIn::decideTrust_data()
{
    QTest::addColumn<bool>("connected");
    QTest::addColumn<bool>("system");
    QTest::addColumn<bool>("pinnable");
    QTest::addColumn<QString>("confirmed");
    QTest::addColumn<int>("trust");
    QTest::addColumn<QString>("problem"); // a word the refusal must contain
    const int system = int(SyncSignIn::Trust::System);
    const int pin = int(SyncSignIn::Trust::Pin);
    const int ask = int(SyncSignIn::Trust::Ask);
    const int refuse = int(SyncSignIn::Trust::Refuse);
    const QString other = QString(seenFingerprint).replace(QStringLiteral(":AB"), QStringLiteral(":CD"));
    QTest::newRow("unreachable") << false << false << false << QString() << refuse << "reached";
    QTest::newRow("system CA vouches") << true << true << false << QString() << system << "";
    QTest::newRow("system CA, IT's fingerprint differs") << true << true << false << other << refuse << "IT";
    QTest::newRow("self-signed, not yet confirmed") << true << false << true << QString() << ask << "";
    QTest::newRow("self-signed, confirmed") << true << false << true << seenFingerprint << pin << "";
    QTest::newRow("self-signed, confirmed in lower case")
        << true << false << true << seenFingerprint.toLower() << pin << "";
    QTest::newRow("self-signed, another fingerprint") << true << false << true << other << refuse << "IT";
    QTest::newRow("self-signed, garbled fingerprint")
        << true << false << true << "SHA256:AB" << refuse << "IT";
    QTest::newRow("wrong host name, even if confirmed")
        << true << false << false << seenFingerprint << refuse << "cannot be trusted";
}

void TestSyncSignIn::decideTrust()
{
    QFETCH(bool, connected);
    QFETCH(bool, system);
    QFETCH(bool, pinnable);
    QFETCH(QString, confirmed);
    QFETCH(int, trust);
    QFETCH(QString, problem);
    ServerCertificateProbe::Result seen;
    seen.connected = connected;
    seen.problem = connected ? QString() : QStringLiteral("Connection refused");
    seen.fingerprint = connected ? seenFingerprint : QString();
    seen.trustedBySystem = system;
    seen.pinnable = pinnable;
    const SyncSignIn::TrustDecision decision
        = SyncSignIn::decideTrust(QUrl(QStringLiteral("https://casebook.example.gov.uk")), seen, confirmed);
    QCOMPARE(int(decision.trust), trust);
    QCOMPARE(decision.problem.isEmpty(), problem.isEmpty());
    QVERIFY2(decision.problem.contains(problem), qPrintable(decision.problem));
}

void TestSyncSignIn::leftBehindOnlyWhenSwitching()
{
    SyncTestClient laptop(QStringLiteral("sam"));
    const QUrl server(QStringLiteral("https://casebook.example.gov.uk"));
    SyncSignIn::Attempt attempt;
    attempt.server = server;
    attempt.username = QStringLiteral("sam");
    SyncAccount::Login login;
    login.username = QStringLiteral("sam");
    login.token = QStringLiteral("token");
    SyncSignIn::store(*laptop.store, attempt, login);
    const CaseRecord waiting = laptop.addCase(QStringLiteral("made offline"));

    QCOMPARE(SyncSignIn::leftBehind(*laptop.store, server, QStringLiteral("sam")).waiting, 0);
    const SyncSignIn::LeftBehind otherUser
        = SyncSignIn::leftBehind(*laptop.store, server, QStringLiteral("kim"));
    QVERIFY(otherUser.waiting > 0);
    QCOMPARE(otherUser.caseReferences, QStringList {waiting.reference});
    const SyncSignIn::LeftBehind otherServer = SyncSignIn::leftBehind(
        *laptop.store, QUrl(QStringLiteral("https://other.example")), QStringLiteral("sam"));
    QCOMPARE(otherServer.waiting, otherUser.waiting);
    QCOMPARE(SyncSignIn::waitingChanges(*laptop.store).waiting, otherUser.waiting);
}

QTEST_GUILESS_MAIN(TestSyncSignIn)
#include "TestSyncSignIn.moc"
