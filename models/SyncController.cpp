#include "SyncController.h"

#include "ModelsLog.h"
#include "StoreSession.h"
#include "store/OutboxSummary.h"
#include "store/StoreError.h"
#include "store/SyncAccount.h"
#include "store/SyncIssues.h"
#include "sync/HttpSyncTransport.h"
#include "sync/SyncEngine.h"
#include "sync/SyncScheduler.h"

#include <QLocale>
#include <QMutex>
#include <QThread>
#include <QTimer>

#include <atomic>

// What the GUI thread and the worker share for one run. The engine pointer is only set
// while run() executes, so cancel() from the GUI thread reaches it or finds it gone.
struct SyncController::Job
{
    std::unique_ptr<Store> writer; // opened on the GUI thread, used and closed on the worker
    QString actor;
    TransportFactory factory;
    QMutex mutex;
    SyncEngine* engine = nullptr;
    bool cancelled = false;
    SyncSummary summary;

    void cancel()
    {
        const QMutexLocker hold(&mutex);
        cancelled = true;
        if (engine)
            engine->cancel();
    }
};

namespace {
std::atomic_int liveWriters {0};

QDateTime parsed(const QString& iso)
{
    QDateTime at = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(iso, Qt::ISODate);
    return at;
}

QString clock(const QDateTime& at)
{
    return at.toLocalTime().time().toString(QStringLiteral("HH:mm"));
}
} // namespace

SyncController::SyncController(StoreSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_scheduler(new SyncScheduler(this))
    , m_factory([](SyncAccount& account) -> std::unique_ptr<SyncTransport> {
        return HttpSyncTransport::forAccount(account);
    })
{
    connect(m_scheduler, &SyncScheduler::syncDue, this, &SyncController::startSync);
    connect(session, &StoreSession::unlocked, this, &SyncController::onUnlocked);
    // Direct: the run must be over and its connection closed before the session wipes the key.
    connect(session, &StoreSession::aboutToLock, this, &SyncController::onAboutToLock, Qt::DirectConnection);
    connect(session, &StoreSession::locked, this, [this] { setState(State::Locked); });
    // Edits change what waits for the server.
    connect(session, &StoreSession::caseChanged, this, &SyncController::refreshStatus);
    connect(session, &StoreSession::caseAdded, this, &SyncController::refreshStatus);
    m_scheduler->enableNetworkMonitoring();
    // Made while unlocked: start once the owner has finished setting up (a transport factory).
    if (session->isUnlocked())
        QTimer::singleShot(0, this, [this] {
            if (m_session->isUnlocked() && m_state == State::Locked)
                onUnlocked();
        });
}

SyncController::~SyncController()
{
    // The worker uses this object until it ends: here the wait cannot be bounded.
    m_locking = true;
    m_scheduler->stop();
    if (m_job)
        m_job->cancel();
    if (m_thread) {
        m_thread->wait();
        jobFinished();
    }
}

void SyncController::setIntervalMinutes(int minutes)
{
    m_scheduler->setInterval(qint64(qMax(1, minutes)) * 60 * 1000);
}

int SyncController::openWriters()
{
    return liveWriters.load();
}

QDateTime SyncController::nextTryAt() const
{
    const qint64 at = m_scheduler->nextDueAt();
    return at < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(at);
}

void SyncController::onUnlocked()
{
    m_locking = false;
    refreshStatus();
    Store* store = m_session->store();
    if (!store || !SyncAccount(*store).isLoggedIn() || SyncAccount(*store).serverUrl().isEmpty()) {
        setState(State::NotSignedIn);
        return;
    }
    setState(m_lastFailureAt > m_lastSuccessAt ? State::Failed : State::Idle);
    m_scheduler->onUnlocked();
}

void SyncController::onAboutToLock()
{
    m_locking = true;
    m_scheduler->stop();
    if (m_job)
        m_job->cancel();
    if (!m_thread)
        return;
    // The engine stops between steps and the transport's call in flight is cancelled, so
    // this is short; the bound keeps a wedged network stack from holding the lock forever.
    if (m_thread->wait(lockWaitMs)) {
        jobFinished();
        return;
    }
    qCWarning(lcModels) << "sync worker did not stop in time; its connection closes when it ends";
    QThread* late = m_thread;
    m_thread = nullptr;
    m_job.reset(); // the worker keeps its own reference and closes its writer when it ends
    disconnect(late, nullptr, this, nullptr);
    connect(late, &QThread::finished, late, &QObject::deleteLater);
    m_scheduler->syncFinished(false);
    m_scheduler->stop();
}

void SyncController::syncNow()
{
    // Only while signed in and not stopped by the server (a new sign-in lifts that).
    if (!m_session->isUnlocked()
        || (m_state != State::Idle && m_state != State::Failed && m_state != State::Syncing))
        return;
    if (!m_scheduler->isStarted())
        m_scheduler->start();
    m_scheduler->syncNow();
}

void SyncController::signedIn()
{
    if (!m_session->isUnlocked())
        return;
    setState(State::Idle);
    refreshStatus();
    m_scheduler->onUnlocked();
}

void SyncController::signOut()
{
    m_scheduler->stop();
    if (m_job)
        m_job->cancel();
    if (m_thread) {
        m_thread->wait(); // cancelled: it ends at its next step
        jobFinished();
    }
    if (Store* store = m_session->store())
        SyncAccount(*store).clearLogin();
    setState(m_session->isUnlocked() ? State::NotSignedIn : State::Locked);
}

void SyncController::startSync()
{
    Store* store = m_locking ? nullptr : m_session->store();
    // A worker left running by a lock that could not wait still holds its connection.
    if (!store || m_job || liveWriters.load() > 0) {
        m_scheduler->syncFinished(false);
        return;
    }
    auto job = std::make_shared<Job>();
    try {
        job->writer = store->openWriter();
        ++liveWriters;
    } catch (const StoreError& error) {
        m_lastFailureAt = QDateTime::currentDateTimeUtc();
        m_lastFailureReason = error.message();
        setState(State::Failed);
        m_scheduler->syncFinished(false);
        return;
    }
    job->actor = store->actor();
    job->factory = m_factory;
    m_job = job;
    m_stage.clear();
    m_done = m_total = 0;
    m_thread = QThread::create([this, job] { runJob(job); });
    connect(m_thread, &QThread::finished, this, &SyncController::jobFinished);
    setState(State::Syncing);
    emit syncStarted();
    m_thread->start();
}

// On the worker thread: everything touching the writer and the network happens here.
void SyncController::runJob(const std::shared_ptr<Job>& job)
{
    {
        const QMutexLocker hold(&job->mutex);
        if (job->cancelled) {
            job->summary.error = TransportError {TransportError::Kind::Offline, 0,
                QStringLiteral("cancelled"), tr("The sync was stopped."), 0};
            job->writer.reset();
            --liveWriters;
            return;
        }
    }
    try {
        job->writer->setActor(job->actor);
        SyncAccount account(*job->writer);
        std::unique_ptr<SyncTransport> transport = job->factory(account);
        SyncEngine engine(*job->writer, *transport, job->actor);
        // Queued to the controller's thread: the engine lives here.
        connect(&engine, &SyncEngine::progress, this, [this](const QString& stage, int done, int total) {
            m_stage = stage;
            m_done = done;
            m_total = total;
            emit progress(stage, done, total);
            emit statusChanged();
        });
        {
            const QMutexLocker hold(&job->mutex);
            job->engine = &engine;
            if (job->cancelled)
                engine.cancel();
        }
        job->summary = engine.run();
        const QMutexLocker hold(&job->mutex);
        job->engine = nullptr;
    } catch (const StoreError& error) {
        const QMutexLocker hold(&job->mutex);
        job->engine = nullptr;
        job->summary.ok = false;
        job->summary.error = TransportError {
            TransportError::Kind::Offline, 0, QStringLiteral("store_error"), error.message(), 0};
    }
    job->writer.reset(); // the second connection closes here, on the thread that used it
    --liveWriters;
}

void SyncController::jobFinished()
{
    if (!m_job)
        return;
    const std::shared_ptr<Job> job = std::move(m_job);
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    const SyncSummary summary = job->summary;
    if (m_locking || !m_session->isUnlocked()) {
        // Locked while it ran: nothing to report into, and no next sync until unlock.
        m_scheduler->syncFinished(false);
        m_scheduler->stop();
        return;
    }
    m_scheduler->syncFinished(summary.ok, summary.error ? summary.error->retryAfterSeconds : 0);
    refreshStatus();
    if (summary.ok)
        setState(State::Idle);
    else if (summary.error)
        applyError(*summary.error);
    if (summary.pulled > 0 || !summary.removedCaseReferences.isEmpty())
        m_session->notifyStoreChanged();
    emit syncFinished(summary);
    emit statusChanged();
}

void SyncController::applyError(const TransportError& error)
{
    switch (error.kind) {
    case TransportError::Kind::Unauthorized:
        m_scheduler->stop();
        setState(State::SignInAgain);
        return;
    case TransportError::Kind::DeviceRevoked:
        m_scheduler->stop();
        setState(State::Withdrawn);
        return;
    case TransportError::Kind::WipeRequested:
        // The wipe itself is not built yet (docs/SYNC.md, known gaps): stop and say so.
        m_scheduler->stop();
        setState(State::WipeRequested);
        return;
    default:
        setState(State::Failed);
    }
}

void SyncController::refreshStatus()
{
    Store* store = m_session->store();
    if (!store) {
        m_waiting = m_openIssues = 0;
        emit statusChanged();
        return;
    }
    try {
        SyncIssues issues(*store);
        m_lastSuccessAt = parsed(issues.lastSuccessAt());
        m_lastFailureAt = parsed(issues.lastFailureAt());
        m_lastFailureReason = issues.lastFailureReason();
        m_openIssues = static_cast<int>(issues.openConflicts().size() + issues.quarantinedChanges().size()
            + issues.reopenFlags().size() + issues.unacknowledgedRemovals().size());
        m_waiting = OutboxSummary(*store).pendingCount();
    } catch (const StoreError& error) {
        qCWarning(lcModels) << "sync status could not be read:" << error.message();
    }
    emit statusChanged();
}

void SyncController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit statusChanged();
}

QString SyncController::failureText() const
{
    const QDateTime next = nextTryAt();
    const QString reason = m_lastFailureReason.isEmpty() ? tr("no reason was given.") : m_lastFailureReason;
    if (!next.isValid())
        return tr("Last sync failed at %1: %2").arg(clock(m_lastFailureAt), reason);
    return tr("Last sync failed at %1: %2 Next try about %3.")
        .arg(clock(m_lastFailureAt), reason, clock(next));
}

QString SyncController::statusText() const
{
    const QString waiting = tr("%n change(s) waiting", nullptr, m_waiting);
    switch (m_state) {
    case State::Locked:
        return {};
    case State::NotSignedIn:
        return tr("Not signed in to a sync server");
    case State::SignInAgain:
        return tr("Sign in again: the sync sign-in has expired");
    case State::Withdrawn:
        return tr("Sync stopped: an administrator has withdrawn this laptop from sync");
    case State::WipeRequested:
        return tr("Sync stopped: an administrator asked for this laptop's data to be wiped; contact IT");
    case State::Syncing:
        if (m_total > 0)
            return tr("Syncing… (%1 %2 of %3)")
                .arg(m_stage == QLatin1String("push") ? tr("sending") : tr("pulling"),
                    QLocale().toString(m_done), QLocale().toString(m_total));
        return tr("Syncing…");
    case State::Failed:
        if (m_lastFailureAt.isValid())
            return failureText();
        break;
    case State::Idle:
        break;
    }
    if (!m_lastSuccessAt.isValid())
        return tr("Not synced yet · %1").arg(waiting);
    return tr("Last sync %1 · %2").arg(clock(m_lastSuccessAt), waiting);
}
