#include "ReadWorker.h"

#include "ModelsLog.h"
#include "StoreSession.h"
#include "store/Store.h"
#include "store/StoreError.h"

#include <QMutexLocker>
#include <QThread>

ReadWorker::ReadWorker(StoreSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
    m_thread = QThread::create([this] { loop(); });
    m_thread->setObjectName(QStringLiteral("casebook-read"));
    m_thread->start(QThread::LowPriority);
    // Before the session wipes the key, this connection (and the key inside it) goes.
    connect(session, &StoreSession::aboutToLock, this, &ReadWorker::close);
}

ReadWorker::~ReadWorker()
{
    close();
    {
        const QMutexLocker queue(&m_queueLock);
        m_quit = true;
    }
    m_wake.wakeAll();
    m_thread->wait();
    delete m_thread;
}

void ReadWorker::post(Job job)
{
    if (!m_session || !m_session->isUnlocked())
        return;
    const quint64 ticket = ++m_latest;
    // The read in flight is stale now: stop it rather than wait for it.
    if (m_reader)
        m_reader->db().interrupt();
    if (!ensureReader())
        return;
    {
        const QMutexLocker queue(&m_queueLock);
        m_next = std::move(job);
        m_nextTicket = ticket;
    }
    m_busy = true;
    m_wake.wakeAll();
}

void ReadWorker::cancel()
{
    ++m_latest;
    {
        const QMutexLocker queue(&m_queueLock);
        m_next.reset();
    }
    if (m_reader)
        m_reader->db().interrupt();
    m_busy = false;
}

bool ReadWorker::ensureReader()
{
    if (m_reader)
        return true;
    try {
        std::unique_ptr<Store> reader = m_session->store()->openReader();
        // A worker holding the lock has found no reader and is about to give up: brief.
        const QMutexLocker running(&m_runLock);
        m_reader = std::move(reader);
        return true;
    } catch (const StoreError& e) {
        qCWarning(lcModels) << "read connection failed:" << e.message();
        emit failed(e.message());
        return false;
    }
}

void ReadWorker::close()
{
    cancel();
    if (!m_reader)
        return;
    // Waits only for the interrupted read to unwind.
    const QMutexLocker running(&m_runLock);
    m_reader.reset();
}

void ReadWorker::loop()
{
    for (;;) {
        Job job;
        quint64 ticket = 0;
        {
            QMutexLocker queue(&m_queueLock);
            while (!m_quit && !m_next)
                m_wake.wait(&m_queueLock);
            if (m_quit)
                return;
            job = std::move(*m_next);
            m_next.reset();
            ticket = m_nextTicket;
        }
        run(ticket, job);
    }
}

// On the worker thread: touches the reader (under m_runLock) and nothing of the GUI's.
void ReadWorker::run(quint64 ticket, const Job& job)
{
    std::function<void()> deliver;
    QString problem;
    {
        const QMutexLocker running(&m_runLock);
        if (ticket != m_latest.loadAcquire() || !m_reader)
            return;
        try {
            deliver = job(*m_reader);
        } catch (const StoreError& e) {
            problem = e.message();
        } catch (const std::exception&) {
            problem = tr("The store could not be read: the computer ran out of memory.");
        }
    }
    QMetaObject::invokeMethod(
        this, [this, ticket, deliver, problem] { finish(ticket, deliver, problem); }, Qt::QueuedConnection);
}

void ReadWorker::finish(quint64 ticket, const std::function<void()>& deliver, const QString& problem)
{
    if (ticket != m_latest.loadAcquire())
        return; // asked again, cancelled or locked since: nobody wants this answer
    m_busy = false;
    if (!problem.isEmpty()) {
        qCWarning(lcModels) << "background read failed:" << problem;
        emit failed(problem);
        return;
    }
    deliver();
}
