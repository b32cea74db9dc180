#include "StatusCounts.h"

#include "ReadWorker.h"
#include "StoreSession.h"
#include "store/CaseRepository.h"
#include "store/OutboxRepository.h"

#include <QTimer>

namespace {
struct Counts
{
    QMap<QString, int> byStatus;
    int pending = 0;
};
} // namespace

StatusCounts::StatusCounts(StoreSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_reads(new ReadWorker(session, this))
    , m_settle(new QTimer(this))
{
    // A save touches one case but may announce several changes; count once they settle.
    m_settle->setSingleShot(true);
    m_settle->setInterval(100);
    connect(m_settle, &QTimer::timeout, this, &StatusCounts::refresh);
    connect(session, &StoreSession::unlocked, this, &StatusCounts::refresh);
    connect(session, &StoreSession::caseChanged, m_settle, qOverload<>(&QTimer::start));
    connect(session, &StoreSession::caseAdded, m_settle, qOverload<>(&QTimer::start));
    connect(session, &StoreSession::storeChanged, m_settle, qOverload<>(&QTimer::start));
    connect(session, &StoreSession::locked, this, &StatusCounts::clear);
    connect(m_reads, &ReadWorker::failed, this, &StatusCounts::failed);
    if (session->isUnlocked())
        refresh();
}

void StatusCounts::refresh()
{
    m_settle->stop();
    if (!m_session->isUnlocked())
        return;
    m_reads->request<Counts>(
        [](Store& reader) {
            return Counts {CaseRepository(reader).countsByStatus(), OutboxRepository(reader).pendingCount()};
        },
        [this](const Counts& counts) {
            m_byStatus = counts.byStatus;
            m_pendingChanges = counts.pending;
            m_hasCounts = true;
            emit countsReady(m_byStatus, m_pendingChanges);
        });
}

void StatusCounts::clear()
{
    m_settle->stop();
    m_reads->cancel();
    m_byStatus.clear();
    m_pendingChanges = 0;
    m_hasCounts = false;
    emit cleared();
}
