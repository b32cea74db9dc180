#include "StoreSession.h"

#include "ModelsLog.h"
#include "store/AuditLog.h"
#include "store/StoreError.h"

#include <QFileInfo>
#include <QThread>

#include <cstring>
#include <utility>

StoreSession::StoreSession(QObject* parent)
    : QObject(parent)
{ }

StoreSession::~StoreSession()
{
    // A running open cannot be stopped mid-derivation; its store is closed with the job.
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

void StoreSession::setStorePath(const QString& path)
{
    m_path = path;
}

bool StoreSession::storeExists() const
{
    return !m_path.isEmpty() && QFileInfo::exists(m_path);
}

// One open or create, run inline or on the worker thread. The worker fills in the outcome;
// cancelled is only touched on the GUI thread.
struct StoreSession::Job
{
    Job(bool isCreate, QString storePath, QString worker, KdfParams kdf, SecureBuffer secret)
        : create(isCreate)
        , path(std::move(storePath))
        , actor(std::move(worker))
        , params(std::move(kdf))
        , passphrase(std::move(secret))
    { }

    bool create = false;
    QString path;
    QString actor;
    KdfParams params;
    SecureBuffer passphrase;
    std::unique_ptr<Store> store;
    QString problem;
    bool wrongPassphrase = false;
    bool cancelled = false;
};

namespace {
SecureBuffer lockedCopy(const QByteArray& bytes)
{
    SecureBuffer copy(static_cast<std::size_t>(bytes.size()));
    if (!bytes.isEmpty())
        std::memcpy(copy.data(), bytes.constData(), copy.size());
    return copy;
}

// Runs on whichever thread was given the job; touches nothing but the job.
template<typename Job> void runJob(Job& job)
{
    // A view of the locked bytes, not a copy: the passphrase exists nowhere else.
    const QByteArray passphrase = QByteArray::fromRawData(
        reinterpret_cast<const char*>(job.passphrase.data()), static_cast<qsizetype>(job.passphrase.size()));
    try {
        job.store = job.create ? Store::create(job.path, passphrase, job.params, job.actor)
                               : Store::open(job.path, passphrase, job.actor);
    } catch (const StoreError& e) {
        job.wrongPassphrase = e.code() == StoreError::Code::WrongPassphrase;
        job.problem = e.message();
    } catch (const std::exception&) {
        // Only allocation failures get here (key derivation asks for hundreds of MiB).
        job.problem = job.create
            ? StoreSession::tr("The store could not be created: the computer ran out of memory.")
            : StoreSession::tr("The store could not be opened: the computer ran out of memory.");
    }
    job.passphrase.wipe();
}
} // namespace

QString StoreSession::create(const QByteArray& passphrase, const KdfParams& params, const QString& actor)
{
    if (isOpening())
        return refusalWhileOpening();
    if (isUnlocked())
        lock();
    Job job(true, m_path, actor, params, lockedCopy(passphrase));
    runJob(job);
    return concluded(job);
}

QString StoreSession::unlock(const QByteArray& passphrase, const QString& actor)
{
    if (isOpening())
        return refusalWhileOpening();
    if (isUnlocked())
        lock();
    Job job(false, m_path, actor, KdfParams(), lockedCopy(passphrase));
    runJob(job);
    return concluded(job);
}

bool StoreSession::unlockInBackground(QByteArray passphrase, const QString& actor)
{
    auto job = std::make_shared<Job>(false, m_path, actor, KdfParams(), lockedCopy(passphrase));
    passphrase.fill('\0');
    return startJob(job);
}

bool StoreSession::createInBackground(QByteArray passphrase, const KdfParams& params, const QString& actor)
{
    auto job = std::make_shared<Job>(true, m_path, actor, params, lockedCopy(passphrase));
    passphrase.fill('\0');
    return startJob(job);
}

QString StoreSession::refusalWhileOpening() const
{
    return tr("The store is already being opened; wait for it to finish.");
}

bool StoreSession::startJob(std::shared_ptr<Job> job)
{
    if (isOpening())
        return false; // the job and its copy of the passphrase are wiped here
    if (isUnlocked())
        lock();
    m_job = job;
    m_worker = QThread::create([job] { runJob(*job); });
    m_worker->setObjectName(QStringLiteral("casebook-open"));
    // finished is emitted on the worker thread; the context object makes this run on ours.
    connect(m_worker, &QThread::finished, this, [this, job] { finishJob(job); });
    m_worker->start();
    emit openingChanged(true);
    return true;
}

void StoreSession::finishJob(const std::shared_ptr<Job>& job)
{
    m_worker->wait();
    delete m_worker;
    m_worker = nullptr;
    m_job.reset();
    const QString problem = concluded(*job);
    emit openingChanged(false);
    if (job->create)
        emit createFinished(problem);
    else
        emit unlockFinished(problem);
}

QString StoreSession::concluded(Job& job)
{
    if (job.wrongPassphrase)
        m_failedAt << QDateTime::currentDateTimeUtc();
    if (!job.store)
        return job.problem;
    if (job.cancelled) {
        job.store.reset(); // opened after the worker locked: closed again, key wiped
        return tr("The store was locked before it finished opening.");
    }
    return opened(std::move(job.store));
}

QString StoreSession::opened(std::unique_ptr<Store> store)
{
    if (!m_failedAt.isEmpty()) {
        try {
            store->write([&] {
                AuditLog log(*store);
                for (const QDateTime& at : std::as_const(m_failedAt))
                    log.append(QStringLiteral("failed-unlock"), QStringLiteral("store"), QString(), QString(),
                        QStringLiteral("attempted at %1").arg(at.toString(Qt::ISODateWithMs)));
            });
        } catch (const StoreError& e) {
            // Without the audit entries the attempts would go unrecorded: refuse to unlock and
            // keep counting, rather than open a store whose log is incomplete.
            qCWarning(lcModels) << "failed unlocks could not be audited:" << e.message();
            return e.message();
        }
        m_failedAt.clear();
    }
    m_store = std::move(store);
    emit unlocked();
    return QString();
}

void StoreSession::lock()
{
    if (m_job)
        m_job->cancelled = true;
    if (!m_store)
        return;
    // Listeners still see the open store here, so editors can save or park their drafts.
    emit aboutToLock();
    m_store.reset(); // closes the connection; the key lives only in its secure buffer
    emit locked();
}

void StoreSession::notifyCaseChanged(const QString& caseId)
{
    emit caseChanged(caseId);
}

void StoreSession::notifyCaseAdded(const QString& caseId)
{
    emit caseAdded(caseId);
}

void StoreSession::notifyStoreChanged()
{
    emit storeChanged();
}
