// SyncController over real encrypted stores and the in-memory FakeServer (tests/sync): when
// it syncs, what the status bar is told, and what a lock does to a running sync.

#include "../sync/FakeServer.h"
#include "ModelTestSupport.h"
#include "models/SyncController.h"
#include "store/OutboxRepository.h"
#include "store/ReferralImporter.h"
#include "store/SyncAccount.h"
#include "sync/SyncEngine.h"
#include "sync/SyncScheduler.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {
// Hands every call to the test's FakeServer; optionally slow, so a lock can land mid-sync.
// The server is shared, but only one sync runs at a time, which is what is being tested.
class ForwardingTransport : public SyncTransport
{
public:
    ForwardingTransport(FakeServer& server, int delayMs, std::atomic_int& live)
        : m_server(server)
        , m_delayMs(delayMs)
        , m_live(live)
    {
        ++m_live;
    }
    ~ForwardingTransport() override { --m_live; }

    TransportResult<LoginResponse> login(const LoginRequest& r) override { return m_server.login(r); }
    void setToken(const QString& token) override { m_server.setToken(token); }
    TransportResult<WhoamiResponse> whoami() override { return m_server.whoami(); }
    TransportResult<PushResponse> push(const PushRequest& r) override
    {
        if (auto stop = wait())
            return *stop;
        return m_server.push(r);
    }
    TransportResult<PullResponse> pull(const PullRequest& r) override
    {
        if (auto stop = wait())
            return *stop;
        return m_server.pull(r);
    }
    TransportResult<DigestResponse> digest(const DigestRequest& r) override { return m_server.digest(r); }
    void cancel() override { m_cancelled = true; }

private:
    std::optional<TransportError> wait()
    {
        for (int waited = 0; waited < m_delayMs; waited += 10) {
            if (m_cancelled)
                return TransportError {TransportError::Kind::Offline, 0, QStringLiteral("cancelled"),
                    QStringLiteral("cancelled"), 0};
            QThread::msleep(10);
        }
        return std::nullopt;
    }

    FakeServer& m_server;
    int m_delayMs;
    std::atomic_int& m_live;
    std::atomic_bool m_cancelled {false};
};
} // namespace

class TestSyncController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void syncsOnUnlockAndOnSyncNow();
    void statusAfterSuccessAndFailure();
    void notSignedInDoesNotSync();
    void lockDuringSlowSyncCancelsIt();
    void noSyncAfterLock();
    void unauthorizedStopsAndAsksToSignInAgain();
    void pulledRowsRefreshTheLists();
    void withdrawnOrWipeStopsAndSaysSo_data();
    void withdrawnOrWipeStopsAndSaysSo();

private:
    void signIn();
    void addCase(const QString& reason);
    std::unique_ptr<SyncController> makeController(int delayMs = 0);
    QString unlock();

    std::unique_ptr<ModelTestSupport::SessionFixture> m_fx;
    std::unique_ptr<FakeServer> m_server;
    std::atomic_int m_liveTransports {0};
};

void TestSyncController::init()
{
    m_server = std::make_unique<FakeServer>();
    m_fx = std::make_unique<ModelTestSupport::SessionFixture>();
    QVERIFY2(m_fx->error.isEmpty(), qPrintable(m_fx->error));
}

void TestSyncController::cleanup()
{
    m_fx.reset();
    QCOMPARE(m_liveTransports.load(), 0);
    QCOMPARE(SyncController::openWriters(), 0);
}

void TestSyncController::signIn()
{
    SyncAccount account(m_fx->store());
    account.setServerUrl(QStringLiteral("https://sync.example.test:8443"));
    account.setLogin({QStringLiteral("tester"), QStringLiteral("Tess Tester"), QStringLiteral("worker"),
        QString(), QStringLiteral("North"), QStringLiteral("6f1c2a52-2d4e-4a8e-9d1b-3c5e7f9a0b11"),
        QStringLiteral("token-tester"), QDateTime::currentDateTimeUtc().addDays(30)});
}

void TestSyncController::addCase(const QString& reason)
{
    ReferralRow row;
    row.caseRecord.referralDate = QDate(2026, 3, 1);
    row.caseRecord.reason = reason;
    row.caseRecord.consent = QStringLiteral("given");
    row.caseRecord.risk = QStringLiteral("low");
    row.subject.givenName = QStringLiteral("Alex");
    row.subject.familyName = QStringLiteral("Example");
    row.referringAgencyName = QStringLiteral("Lancashire Fire");
    ReferralImporter(m_fx->store()).addReferral(row);
}

std::unique_ptr<SyncController> TestSyncController::makeController(int delayMs)
{
    auto controller = std::make_unique<SyncController>(m_fx->session.get());
    controller->setTransportFactory([this, delayMs](SyncAccount&) -> std::unique_ptr<SyncTransport> {
        return std::make_unique<ForwardingTransport>(*m_server, delayMs, m_liveTransports);
    });
    return controller;
}

QString TestSyncController::unlock()
{
    return m_fx->session->unlock(ModelTestSupport::passphrase(), QStringLiteral("tester"));
}

void TestSyncController::syncsOnUnlockAndOnSyncNow()
{
    signIn();
    addCase(QStringLiteral("Hoarding"));
    m_fx->session->lock();
    auto controller = makeController();
    QSignalSpy started(controller.get(), &SyncController::syncStarted);
    QSignalSpy finished(controller.get(), &SyncController::syncFinished);
    QVERIFY(unlock().isEmpty());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(started.count(), 1);
    const SyncSummary first = finished.at(0).at(0).value<SyncSummary>();
    QVERIFY(first.ok);
    QVERIFY2(first.pushed > 0,
        qPrintable(QStringLiteral("pushed %1 waiting %2 quarantined %3 not carried %4")
                       .arg(first.pushed)
                       .arg(first.waiting)
                       .arg(first.quarantined)
                       .arg(first.notCarried)
            + QStringLiteral(" calls %1 error %2")
                  .arg(m_server->pushCalls())
                  .arg(first.error ? first.error->message : QString())));
    QCOMPARE(m_server->liveRows(QStringLiteral("case")), 1);
    QCOMPARE(OutboxRepository(m_fx->store()).pendingCount(), 0);

    addCase(QStringLiteral("Fire risk"));
    controller->syncNow();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(m_server->liveRows(QStringLiteral("case")), 2);
    QCOMPARE(controller->state(), SyncController::State::Idle);
}

void TestSyncController::statusAfterSuccessAndFailure()
{
    signIn();
    addCase(QStringLiteral("Hoarding"));
    auto controller = makeController();
    QSignalSpy finished(controller.get(), &SyncController::syncFinished);
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY2(controller->statusText().startsWith(QStringLiteral("Last sync ")),
        qPrintable(controller->statusText()));
    QVERIFY2(controller->statusText().contains(QStringLiteral("0 change(s) waiting")),
        qPrintable(controller->statusText()));

    addCase(QStringLiteral("Fire risk"));
    m_server->failNextCalls(TransportError::Kind::Offline, 10);
    controller->syncNow();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(controller->state(), SyncController::State::Failed);
    const QString text = controller->statusText();
    QVERIFY2(text.startsWith(QStringLiteral("Last sync failed at ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Next try about ")), qPrintable(text));
    QVERIFY(!controller->lastFailureReason().isEmpty());
    QCOMPARE(controller->waitingChanges(), OutboxRepository(m_fx->store()).pendingCount());
    QVERIFY(controller->waitingChanges() > 0);
}

void TestSyncController::notSignedInDoesNotSync()
{
    addCase(QStringLiteral("Hoarding"));
    auto controller = makeController();
    QSignalSpy started(controller.get(), &SyncController::syncStarted);
    controller->syncNow();
    QTest::qWait(100);
    QCOMPARE(started.count(), 0);
    QCOMPARE(controller->state(), SyncController::State::NotSignedIn);
    QCOMPARE(controller->statusText(), QStringLiteral("Not signed in to a sync server"));
}

void TestSyncController::lockDuringSlowSyncCancelsIt()
{
    signIn();
    addCase(QStringLiteral("Hoarding"));
    auto controller = makeController(20000); // every push waits 20 s unless cancelled
    QTRY_VERIFY(controller->isSyncing()); // unlocked and signed in: it starts at once
    QCOMPARE(controller->statusText(), QStringLiteral("Syncing…"));
    QTRY_COMPARE(m_liveTransports.load(), 1); // the worker is inside the run
    QCOMPARE(SyncController::openWriters(), 1);
    QElapsedTimer clock;
    clock.start();
    m_fx->session->lock();
    QVERIFY2(clock.elapsed() < 5000, "lock waited for the slow call instead of cancelling it");
    QVERIFY(!controller->isSyncing());
    QCOMPARE(m_liveTransports.load(), 0);
    QCOMPARE(SyncController::openWriters(), 0);
    QCOMPARE(m_server->liveRows(QStringLiteral("case")), 0);
    QCOMPARE(controller->state(), SyncController::State::Locked);
}

void TestSyncController::noSyncAfterLock()
{
    signIn();
    auto controller = makeController();
    QSignalSpy finished(controller.get(), &SyncController::syncFinished);
    QTRY_COMPARE(finished.count(), 1);
    m_fx->session->lock();
    QSignalSpy started(controller.get(), &SyncController::syncStarted);
    controller->syncNow();
    controller->scheduler()->onNetworkRegained();
    controller->scheduler()->poll();
    QTest::qWait(200);
    QCOMPARE(started.count(), 0);
    QVERIFY(!controller->scheduler()->isStarted());
    QCOMPARE(m_server->pushCalls(), 0);
}

void TestSyncController::unauthorizedStopsAndAsksToSignInAgain()
{
    signIn();
    addCase(QStringLiteral("Hoarding"));
    m_server->failNextCalls(TransportError::Kind::Unauthorized, 1, 401);
    auto controller = makeController();
    QSignalSpy finished(controller.get(), &SyncController::syncFinished);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(controller->state(), SyncController::State::SignInAgain);
    QCOMPARE(controller->statusText(), QStringLiteral("Sign in again: the sync sign-in has expired"));
    QVERIFY(!controller->scheduler()->isStarted());
    QSignalSpy started(controller.get(), &SyncController::syncStarted);
    controller->syncNow();
    QTest::qWait(100);
    QCOMPARE(started.count(), 0);
    // A new sign-in resumes it.
    controller->signedIn();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(controller->state(), SyncController::State::Idle);
    QCOMPARE(m_server->liveRows(QStringLiteral("case")), 1);
}

void TestSyncController::pulledRowsRefreshTheLists()
{
    signIn();
    auto controller = makeController();
    QSignalSpy finished(controller.get(), &SyncController::syncFinished);
    QTRY_COMPARE(finished.count(), 1);
    QSignalSpy storeChanged(m_fx->session.get(), &StoreSession::storeChanged);
    // Nothing new on the server: nothing to refresh.
    controller->syncNow();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(storeChanged.count(), 0);
    // Another laptop's case arrives: the lists reload.
    {
        ModelTestSupport::SessionFixture other;
        ReferralRow row;
        row.caseRecord.referralDate = QDate(2026, 3, 1);
        row.caseRecord.reason = QStringLiteral("From the other laptop");
        row.caseRecord.consent = QStringLiteral("given");
        row.caseRecord.risk = QStringLiteral("low");
        row.subject.givenName = QStringLiteral("Sam");
        row.subject.familyName = QStringLiteral("Example");
        row.referringAgencyName = QStringLiteral("Lancashire Police");
        ReferralImporter(other.store()).addReferral(row);
        SyncAccount(other.store()).setDeviceId(QStringLiteral("0a7d9e24-5b3c-4f61-8e2a-9c4b6d8f1e22"));
        SyncEngine engine(other.store(), *m_server, QStringLiteral("other"));
        QVERIFY(engine.run().ok);
    }
    controller->syncNow();
    QTRY_COMPARE(finished.count(), 3);
    QVERIFY(finished.at(2).at(0).value<SyncSummary>().pulled > 0);
    QCOMPARE(storeChanged.count(), 1);
}

void TestSyncController::withdrawnOrWipeStopsAndSaysSo_data()
{
    QTest::addColumn<TransportError::Kind>("kind");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("text");
    QTest::newRow("revoked") << TransportError::Kind::DeviceRevoked << int(SyncController::State::Withdrawn)
                             << QStringLiteral(
                                    "Sync stopped: an administrator has withdrawn this laptop from sync");
    QTest::newRow("wipe") << TransportError::Kind::WipeRequested << int(SyncController::State::WipeRequested)
                          << QStringLiteral(
                                 "Sync stopped: an administrator asked for this laptop's data to be wiped; "
                                 "contact IT");
}

void TestSyncController::withdrawnOrWipeStopsAndSaysSo()
{
    QFETCH(TransportError::Kind, kind);
    QFETCH(int, state);
    QFETCH(QString, text);
    signIn();
    addCase(QStringLiteral("Hoarding"));
    m_server->failNextCalls(kind, 1, 401);
    auto controller = makeController();
    QSignalSpy finished(controller.get(), &SyncController::syncFinished);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(int(controller->state()), state);
    QCOMPARE(controller->statusText(), text);
    QVERIFY(!controller->scheduler()->isStarted());
    controller->syncNow();
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
    // Nothing is wiped by this version: the store and its waiting changes are still there.
    QVERIFY(OutboxRepository(m_fx->store()).pendingCount() > 0);
}

QTEST_GUILESS_MAIN(TestSyncController)
#include "TestSyncController.moc"
