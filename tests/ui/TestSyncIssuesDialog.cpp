// The Sync problems dialog and the Overview's reopen banner over a store that real syncs
// (SyncEngine against the engine tests' in-memory FakeServer) left with conflicts and a
// change the server refused; decisions are checked in the store afterwards.

#include "../sync/SyncTestClient.h"
#include "UiTestSupport.h"
#include "models/StoreSession.h"
#include "models/SyncController.h"
#include "models/SyncIssuesModel.h"
#include "store/OutboxRepository.h"
#include "store/SyncAccount.h"
#include "store/SyncIssues.h"
#include "ui/AppSettings.h"
#include "ui/CaseWorkspace.h"
#include "ui/MainWindow.h"
#include "ui/SyncIssuesDialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

namespace {
// The window's controller makes a transport per run; this one hands calls to the test's server.
class Forwarding : public SyncTransport
{
public:
    explicit Forwarding(FakeServer& server)
        : m_server(server)
    { }
    TransportResult<LoginResponse> login(const LoginRequest& r) override { return m_server.login(r); }
    void setToken(const QString& token) override { m_server.setToken(token); }
    TransportResult<WhoamiResponse> whoami() override { return m_server.whoami(); }
    TransportResult<PushResponse> push(const PushRequest& r) override { return m_server.push(r); }
    TransportResult<PullResponse> pull(const PullRequest& r) override { return m_server.pull(r); }
    TransportResult<DigestResponse> digest(const DigestRequest& r) override { return m_server.digest(r); }
    void cancel() override { }

private:
    FakeServer& m_server;
};
} // namespace

class TestSyncIssuesDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void modelsPassTheModelTester();
    void resolvesConflictsBothWays();
    void releasesASetAsideChange();
    void removedCasesAreAcknowledged();
    void reopenBannerAndLeaveClosed();
    void mainWindowAfterASync();
    void noticeNamesRenumberedCasesAndRenamedAgencies();

private:
    int conflictRow(const QString& field) const;

    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<SyncTestClient> m_a;
    std::unique_ptr<SyncTestClient> m_b;
    std::unique_ptr<StoreSession> m_session;
    QString m_case1;
    QString m_case2;
    QString m_refusedChange;
};

void TestSyncIssuesDialog::init()
{
    m_server = std::make_unique<FakeServer>();
    m_a = std::make_unique<SyncTestClient>(QStringLiteral("ali"));
    m_b = std::make_unique<SyncTestClient>(QStringLiteral("bo"));
    m_case1 = m_a->addCase(QStringLiteral("hoarding"), QStringLiteral("Alex")).meta.id;
    m_case2 = m_a->addCase(QStringLiteral("fire risk"), QStringLiteral("Sam")).meta.id;
    QVERIFY(m_a->sync(*m_server).ok);
    QVERIFY(m_b->sync(*m_server).ok);

    // Both laptops change the same fields to different values: two conflicts on B.
    CaseRecord onA1 = m_a->caseById(m_case1);
    onA1.risk = QStringLiteral("high");
    CaseRepository(*m_a->store).update(onA1);
    CaseRecord onA2 = m_a->caseById(m_case2);
    onA2.leadWorker = QStringLiteral("Ali Server");
    CaseRepository(*m_a->store).update(onA2);
    QVERIFY(m_a->sync(*m_server).ok);
    CaseRecord onB1 = m_b->caseById(m_case1);
    onB1.risk = QStringLiteral("medium");
    CaseRepository(*m_b->store).update(onB1);
    CaseRecord onB2 = m_b->caseById(m_case2);
    onB2.leadWorker = QStringLiteral("Bo Laptop");
    CaseRepository(*m_b->store).update(onB2);
    QVERIFY(m_b->sync(*m_server).ok);
    QCOMPARE(SyncIssues(*m_b->store).openConflicts().size(), 2);

    // A change the server refuses: set aside on B.
    m_b->addNote(m_b->caseById(m_case1), QStringLiteral("Visited; hallway clearer"));
    m_refusedChange = m_b->text("SELECT change_id FROM outbox WHERE entity = 'note'", {});
    QVERIFY(!m_refusedChange.isEmpty());
    m_server->rejectChange(m_refusedChange, QStringLiteral("forbidden"));
    QVERIFY(m_b->sync(*m_server).ok);
    QCOMPARE(SyncIssues(*m_b->store).quarantinedChanges().size(), 1);

    // A reopen flag as the engine leaves it (its own tests make one for real).
    Statement flag = m_b->store->db().prepare(
        "INSERT INTO sync_reopen (case_id, server_status, raised_at) VALUES (?1, 'closed', ?2)");
    flag.bindAll({m_case2, QStringLiteral("2026-03-05T10:00:00.000Z")});
    flag.run();

    const QString path = m_b->store->path();
    m_b->store.reset();
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(path);
    QCOMPARE(m_session->unlock(StoreTestSupport::passphrase(), QStringLiteral("bo")), QString());
}

void TestSyncIssuesDialog::cleanup()
{
    m_session.reset();
    m_b.reset();
    m_a.reset();
    m_server.reset();
}

int TestSyncIssuesDialog::conflictRow(const QString& field) const
{
    SyncIssuesModel model(SyncIssuesModel::Kind::Conflicts, m_session.get());
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 2).data().toString() == field)
            return row;
    }
    return -1;
}

void TestSyncIssuesDialog::modelsPassTheModelTester()
{
    for (auto kind : {SyncIssuesModel::Kind::Conflicts, SyncIssuesModel::Kind::SetAside,
             SyncIssuesModel::Kind::Removed, SyncIssuesModel::Kind::Reopen}) {
        SyncIssuesModel model(kind, m_session.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        m_session->lock();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(m_session->unlock(StoreTestSupport::passphrase(), QStringLiteral("bo")), QString());
        model.reload();
    }
    SyncIssuesModel conflicts(SyncIssuesModel::Kind::Conflicts, m_session.get());
    QCOMPARE(conflicts.rowCount(), 2);
    const int risk = conflictRow(QStringLiteral("risk"));
    QVERIFY(risk >= 0);
    QCOMPARE(conflicts.index(risk, 3).data().toString(), QStringLiteral("medium")); // yours
    QCOMPARE(conflicts.index(risk, 4).data().toString(), QStringLiteral("high")); // the server's
    QCOMPARE(conflicts.headerData(4, Qt::Horizontal).toString(), QStringLiteral("The server's"));
    SyncIssuesModel reopen(SyncIssuesModel::Kind::Reopen, m_session.get());
    QCOMPARE(reopen.rowCount(), 1);
    QCOMPARE(reopen.caseIdAt(0), m_case2);
    QCOMPARE(reopen.index(0, 1).data().toString(), QStringLiteral("Closed"));
}

void TestSyncIssuesDialog::resolvesConflictsBothWays()
{
    SyncIssuesDialog dialog(*m_session);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.tabs()->currentIndex(), 0); // opens on the conflicts
    QVERIFY(dialog.tabs()->tabText(0).contains(QStringLiteral("(2)")));
    Store& store = *m_session->store();
    const int before = OutboxRepository(store).pendingCount();

    dialog.table(SyncIssuesModel::Kind::Conflicts)->selectRow(conflictRow(QStringLiteral("risk")));
    UiTestSupport::saveShot(dialog, QStringLiteral("sync-issues-dialog"));
    dialog.useMineButton()->click();
    QCOMPARE(dialog.problem(), QString());
    QCOMPARE(CaseRepository(store).get(m_case1)->risk, QStringLiteral("medium"));
    QCOMPARE(OutboxRepository(store).pendingCount(), before + 1); // queued like any edit
    QCOMPARE(SyncIssues(store).openConflicts().size(), 1);
    QVERIFY(dialog.tabs()->tabText(0).contains(QStringLiteral("(1)")));

    dialog.table(SyncIssuesModel::Kind::Conflicts)->selectRow(0);
    dialog.keepServerButton()->click();
    QCOMPARE(dialog.problem(), QString());
    QCOMPARE(CaseRepository(store).get(m_case2)->leadWorker, QStringLiteral("Ali Server"));
    QCOMPARE(OutboxRepository(store).pendingCount(), before + 1); // nothing new to send
    QVERIFY(SyncIssues(store).openConflicts().isEmpty());
    QCOMPARE(dialog.model(SyncIssuesModel::Kind::Conflicts)->rowCount(), 0);
}

void TestSyncIssuesDialog::releasesASetAsideChange()
{
    SyncIssuesDialog dialog(*m_session);
    SyncIssuesModel* setAside = dialog.model(SyncIssuesModel::Kind::SetAside);
    QCOMPARE(setAside->rowCount(), 1);
    QVERIFY(setAside->index(0, 1).data().toString().contains(QStringLiteral("note")));
    QVERIFY(!setAside->index(0, 2).data().toString().isEmpty());
    dialog.tabs()->setCurrentIndex(1);
    dialog.table(SyncIssuesModel::Kind::SetAside)->selectRow(0);
    dialog.sendAgainButton()->click();
    QCOMPARE(dialog.problem(), QString());
    QVERIFY(SyncIssues(*m_session->store()).quarantinedChanges().isEmpty());
    QCOMPARE(setAside->rowCount(), 0);

    // Released, it goes with the next sync once the server takes it.
    const QString path = m_session->storePath();
    m_session->lock();
    m_server->forgive(m_refusedChange);
    auto store = Store::open(path, StoreTestSupport::passphrase(), QStringLiteral("bo"));
    SyncEngine engine(*store, *m_server, QStringLiteral("bo"));
    QVERIFY(engine.run().ok);
    QCOMPARE(m_server->liveRows(QStringLiteral("note")), 1);
}

void TestSyncIssuesDialog::removedCasesAreAcknowledged()
{
    // The server stops sharing case 2 with this laptop; a full re-pull removes it.
    const QString path = m_session->storePath();
    m_session->lock();
    m_server->setCaseVisible(m_case2, false);
    {
        auto store = Store::open(path, StoreTestSupport::passphrase(), QStringLiteral("bo"));
        SyncEngine engine(*store, *m_server, QStringLiteral("bo"));
        const SyncSummary summary = engine.run();
        QVERIFY(summary.ok);
        QCOMPARE(summary.removedCaseReferences.size(), 1);
    }
    QCOMPARE(m_session->unlock(StoreTestSupport::passphrase(), QStringLiteral("bo")), QString());
    SyncIssuesDialog dialog(*m_session);
    QCOMPARE(dialog.model(SyncIssuesModel::Kind::Removed)->rowCount(), 1);
    dialog.table(SyncIssuesModel::Kind::Removed)->selectRow(0);
    dialog.acknowledgeButton()->click();
    QCOMPARE(dialog.problem(), QString());
    QVERIFY(SyncIssues(*m_session->store()).unacknowledgedRemovals().isEmpty());
}

void TestSyncIssuesDialog::reopenBannerAndLeaveClosed()
{
    CaseWorkspace workspace(*m_session);
    workspace.resize(900, 700);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    workspace.openCase(m_case1);
    QVERIFY(!workspace.reopenBanner()->isVisible()); // no flag on this one
    workspace.openCase(m_case2);
    QVERIFY(workspace.reopenBanner()->isVisible());
    QVERIFY(workspace.leaveClosedButton()->isVisible());
    QTest::qWait(50); // let the layout settle before looking
    UiTestSupport::saveShot(workspace, QStringLiteral("reopen-banner"));
    workspace.leaveClosedButton()->click();
    QVERIFY(!workspace.reopenBanner()->isVisible());
    QVERIFY(SyncIssues(*m_session->store()).reopenFlags().isEmpty());
}

void TestSyncIssuesDialog::mainWindowAfterASync()
{
    QTemporaryDir settingsDir;
    UiTestSupport::useTemporarySettings(settingsDir);
    AppSettings settings;
    MainWindow window(*m_session, settings);
    window.resize(1300, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("syncStatus"));
    QVERIFY(label);
    QTRY_COMPARE(label->text(), QStringLiteral("Not signed in to a sync server"));

    SyncController* sync = window.syncController();
    sync->setTransportFactory([this](SyncAccount&) -> std::unique_ptr<SyncTransport> {
        return std::make_unique<Forwarding>(*m_server);
    });
    SyncAccount(*m_session->store())
        .setLogin({QStringLiteral("bo"), QStringLiteral("Bo"), QStringLiteral("worker"), QString(),
            QStringLiteral("North"), QStringLiteral("3b5e7a91-1c2d-4e3f-9a8b-7c6d5e4f3a21"),
            QStringLiteral("token-bo"), QDateTime()});
    SyncAccount(*m_session->store()).setServerUrl(QStringLiteral("https://sync.example.test:8443"));
    m_server->setCaseVisible(m_case2, false); // this sync removes a case: a notice follows
    QSignalSpy finished(sync, &SyncController::syncFinished);
    sync->signedIn();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(finished.at(0).at(0).value<SyncSummary>().ok);
    QTRY_VERIFY2(label->text().startsWith(QStringLiteral("Last sync ")), qPrintable(label->text()));
    QVERIFY(label->text().contains(QStringLiteral("waiting")));
    QVERIFY(window.syncNotice());
    QVERIFY(window.syncNotice()->isVisible());
    QVERIFY(!window.syncNotice()->isModal());
    UiTestSupport::saveShot(window, QStringLiteral("main-window-after-sync"));
    UiTestSupport::saveShot(*window.syncNotice(), QStringLiteral("sync-notice"));
    QAction* problems = nullptr;
    for (QAction* a : window.actions())
        if (a->text().startsWith(QStringLiteral("Sync &problems (")))
            problems = a;
    QVERIFY2(problems, "the Sync problems item shows the count");
}

// Renumbering and renaming are not problems to solve, but the worker must hear of them: the
// reference they wrote on a form, or the agency they typed, has changed.
void TestSyncIssuesDialog::noticeNamesRenumberedCasesAndRenamedAgencies()
{
    QTemporaryDir settingsDir;
    UiTestSupport::useTemporarySettings(settingsDir);
    AppSettings settings;
    MainWindow window(*m_session, settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SyncSummary quiet;
    quiet.ok = true;
    emit window.syncController()->syncFinished(quiet);
    QVERIFY(!window.syncNotice());
    SyncSummary summary = quiet;
    summary.renumberedCases << QStringLiteral("PVT-2026-0005 -> PVT-2026-0007");
    summary.renamedAgencies << QStringLiteral("Food bank -> Food bank (2)");
    emit window.syncController()->syncFinished(summary);
    QVERIFY(window.syncNotice());
    const QString text = static_cast<QMessageBox*>(window.syncNotice())->text();
    QVERIFY2(text.contains(QStringLiteral("PVT-2026-0005 -> PVT-2026-0007")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Food bank -> Food bank (2)")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("renamed")));
    UiTestSupport::saveShot(*window.syncNotice(), QStringLiteral("sync-notice-renamed"));
}

QTEST_MAIN(TestSyncIssuesDialog)
#include "TestSyncIssuesDialog.moc"
