// The sign-in dialog against the real casebook-server on loopback (tests/integration's
// ServerProcess): first contact shows the certificate's fingerprint, a wrong one is refused
// with nothing stored, a confirmed one is pinned and the login kept in the store's account.

#include "ServerProcess.h"
#include "UiTestSupport.h"
#include "models/StoreSession.h"
#include "store/OutboxRepository.h"
#include "store/ReferralImporter.h"
#include "store/SyncAccount.h"
#include "ui/SignInDialog.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestSignInDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void refusesAWrongFingerprint();
    void notTrustingStoresNothing();
    void pinsAConfirmedFingerprintAndSignsIn();
    void wrongPasswordIsSaidPlainly();
    void unreachableServerIsSaidPlainly();
    void switchingUserWithChangesWaitingAsksFirst();

private:
    void fill(SignInDialog& dialog, const QString& user, const QString& password, const QString& server = {});
    SyncAccount account() const { return SyncAccount(*m_session->store()); }

    QTemporaryDir m_serverDir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
};

void TestSignInDialog::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_serverDir.filePath(QStringLiteral("server")));
    QVERIFY(m_server->init());
    QVERIFY(m_server->addTeam(QStringLiteral("North")));
    const QString agency = m_server->addAgency(QStringLiteral("Lancashire Fire"), QStringLiteral("fire"));
    QVERIFY(!agency.isEmpty());
    QVERIFY(
        m_server->addUser(QStringLiteral("sam"), QStringLiteral("North"), QStringLiteral("worker"), agency));
    QVERIFY(
        m_server->addUser(QStringLiteral("kim"), QStringLiteral("North"), QStringLiteral("worker"), agency));
    QVERIFY(m_server->start());
}

void TestSignInDialog::cleanupTestCase()
{
    m_server.reset();
}

void TestSignInDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(QStringLiteral("laptop.store"));
    UiTestSupport::createStore(path);
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(path);
    QCOMPARE(m_session->unlock(UiTestSupport::passphrase(), QStringLiteral("tester")), QString());
}

void TestSignInDialog::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void TestSignInDialog::fill(
    SignInDialog& dialog, const QString& user, const QString& password, const QString& server)
{
    dialog.serverField()->setText(server.isEmpty() ? m_server->url() : server);
    dialog.userField()->setText(user);
    dialog.passwordField()->setText(password);
}

void TestSignInDialog::refusesAWrongFingerprint()
{
    SignInDialog dialog(*m_session);
    fill(dialog, QStringLiteral("sam"), QString::fromLatin1(ServerProcess::password));
    dialog.signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isAskingForTrust(), 20000);
    QCOMPARE(dialog.shownFingerprint(), m_server->fingerprint());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    UiTestSupport::saveShot(dialog, QStringLiteral("sign-in-fingerprint"));
    // IT's fingerprint, one pair changed.
    QString wrong = m_server->fingerprint();
    wrong.replace(wrong.size() - 2, 2,
        wrong.endsWith(QLatin1String("00")) ? QStringLiteral("11") : QStringLiteral("00"));
    dialog.itFingerprintField()->setText(wrong);
    dialog.trustButton()->click();
    QVERIFY2(dialog.problem().contains(QStringLiteral("is not the one")), qPrintable(dialog.problem()));
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(account().pinnedFingerprint().isEmpty());
    QVERIFY(account().serverUrl().isEmpty());
    QVERIFY(!account().isLoggedIn());
}

void TestSignInDialog::notTrustingStoresNothing()
{
    SignInDialog dialog(*m_session);
    fill(dialog, QStringLiteral("sam"), QString::fromLatin1(ServerProcess::password));
    dialog.signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isAskingForTrust(), 20000);
    dialog.distrustButton()->click();
    QVERIFY(!dialog.isAskingForTrust());
    QVERIFY(dialog.problem().contains(QStringLiteral("not trusted")));
    QVERIFY(account().pinnedFingerprint().isEmpty());
    QVERIFY(!account().isLoggedIn());
}

void TestSignInDialog::pinsAConfirmedFingerprintAndSignsIn()
{
    SignInDialog dialog(*m_session);
    QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
    fill(dialog, QStringLiteral("sam"), QString::fromLatin1(ServerProcess::password));
    dialog.signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isAskingForTrust(), 20000);
    dialog.itFingerprintField()->setText(m_server->fingerprint().toLower()); // as typed from paper
    dialog.trustButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 20000);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(account().serverUrl(), m_server->url());
    QCOMPARE(account().pinnedFingerprint(), m_server->fingerprint());
    QVERIFY(!account().pinnedCertificatePem().isEmpty());
    QVERIFY(account().isLoggedIn());
    QCOMPARE(account().username(), QStringLiteral("sam"));
    QVERIFY(!account().deviceId().isEmpty());
    QCOMPARE(account().team(), QStringLiteral("North"));
    QVERIFY(dialog.passwordField()->text().isEmpty());

    // Signing in again to the pinned server asks nothing about the certificate.
    SignInDialog again(*m_session);
    QSignalSpy signedInAgain(&again, &SignInDialog::signedIn);
    fill(again, QStringLiteral("sam"), QString::fromLatin1(ServerProcess::password));
    again.signInButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(signedInAgain.count(), 1, 20000);
    QVERIFY(!again.isAskingForTrust());
}

void TestSignInDialog::wrongPasswordIsSaidPlainly()
{
    SignInDialog dialog(*m_session);
    fill(dialog, QStringLiteral("sam"), QStringLiteral("not the password at all"));
    dialog.signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isAskingForTrust(), 20000);
    dialog.trustButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.problem().isEmpty(), 20000);
    QCOMPARE(dialog.problem(), QStringLiteral("The server did not accept that username and password."));
    QVERIFY(!account().isLoggedIn());
    QVERIFY(account().pinnedFingerprint().isEmpty()); // nothing stored without a login
}

void TestSignInDialog::unreachableServerIsSaidPlainly()
{
    SignInDialog dialog(*m_session);
    fill(dialog, QStringLiteral("sam"), QStringLiteral("whatever"), QStringLiteral("https://127.0.0.1:1"));
    dialog.signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.problem().isEmpty(), 20000);
    QVERIFY2(dialog.problem().startsWith(QStringLiteral("The server could not be reached")),
        qPrintable(dialog.problem()));
    dialog.serverField()->setText(QStringLiteral("http://casebook.example.org/path"));
    dialog.signInButton()->click();
    QVERIFY(dialog.problem().contains(QStringLiteral("must start with https://")));
}

void TestSignInDialog::switchingUserWithChangesWaitingAsksFirst()
{
    {
        Store& store = *m_session->store();
        SyncAccount(store).setServerUrl(m_server->url());
        SyncAccount(store).setUsername(QStringLiteral("kim"));
    }
    // A change waiting on this laptop.
    ReferralRow row;
    row.caseRecord.referralDate = QDate(2026, 3, 1);
    row.caseRecord.reason = QStringLiteral("Waiting to sync");
    row.caseRecord.consent = QStringLiteral("given");
    row.caseRecord.risk = QStringLiteral("low");
    row.subject.givenName = QStringLiteral("Alex");
    row.subject.familyName = QStringLiteral("Example");
    row.referringAgencyName = QStringLiteral("Lancashire Fire");
    ReferralImporter(*m_session->store()).addReferral(row);
    QVERIFY(OutboxRepository(*m_session->store()).pendingCount() > 0);

    SignInDialog dialog(*m_session);
    int asked = 0;
    QStringList casesShown;
    dialog.setLeaveChangesQuestion([&](int waiting, const QStringList& cases) {
        ++asked;
        casesShown = cases;
        return waiting < 0; // the worker goes back
    });
    fill(dialog, QStringLiteral("sam"), QString::fromLatin1(ServerProcess::password));
    dialog.signInButton()->click();
    QCOMPARE(asked, 1);
    QCOMPARE(casesShown, QStringList {row.caseRecord.reference});
    QVERIFY(!dialog.isBusy()); // nothing was sent
    QVERIFY(dialog.problem().contains(QStringLiteral("stay on this laptop")));
    QCOMPARE(SyncAccount(*m_session->store()).username(), QStringLiteral("kim"));
}

QTEST_MAIN(TestSignInDialog)
#include "TestSignInDialog.moc"
