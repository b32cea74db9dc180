#include "SyncScheduler.h"

#include <QDateTime>
#include <QNetworkInformation>
#include <QRandomGenerator>

#include <algorithm>

namespace {
// The timer re-checks at least this often, so a clock that jumped (sleep, a changed time)
// is noticed within a minute instead of after the whole wait.
constexpr qint64 maxTimerStepMs = 60 * 1000;
} // namespace

SyncScheduler::SyncScheduler(QObject* parent)
    : SyncScheduler([] { return QDateTime::currentMSecsSinceEpoch(); },
        [] { return QRandomGenerator::global()->generateDouble(); }, parent)
{ }

SyncScheduler::SyncScheduler(Clock clock, Random random, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_random(std::move(random))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncScheduler::poll);
}

void SyncScheduler::setInterval(qint64 ms)
{
    m_intervalMs = std::max<qint64>(ms, 1000);
    if (m_started && !m_syncing && m_failures == 0)
        dueAt(now() + m_intervalMs);
}

void SyncScheduler::setBackoff(qint64 baseMs, qint64 capMs)
{
    m_backoffBaseMs = std::max<qint64>(baseMs, 1);
    m_backoffCapMs = std::max(capMs, m_backoffBaseMs);
}

bool SyncScheduler::enableNetworkMonitoring()
{
    if (!QNetworkInformation::loadDefaultBackend()
        && !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return false;
    QNetworkInformation* info = QNetworkInformation::instance();
    if (!info || !info->supports(QNetworkInformation::Feature::Reachability))
        return false;
    connect(
        info, &QNetworkInformation::reachabilityChanged, this, [this](QNetworkInformation::Reachability r) {
            if (r == QNetworkInformation::Reachability::Online)
                onNetworkRegained();
        });
    return true;
}

qint64 SyncScheduler::nextDueAt() const
{
    if (!m_started || m_syncing)
        return -1;
    return std::max(m_dueAt, m_holdUntil);
}

void SyncScheduler::start()
{
    if (m_started)
        return;
    m_started = true;
    dueAt(now() + (m_failures > 0 ? backoffDelay() : m_intervalMs));
}

void SyncScheduler::stop()
{
    m_started = false;
    m_queuedNow = false;
    m_timer.stop();
}

void SyncScheduler::syncNow()
{
    if (!m_started)
        return;
    if (m_syncing) {
        m_queuedNow = true;
        return;
    }
    dueAt(now());
}

void SyncScheduler::onUnlocked()
{
    start();
    syncNow();
}

void SyncScheduler::onNetworkRegained()
{
    // Only a backoff is cut short; a regular wait is not (nothing failed).
    if (m_failures > 0)
        syncNow();
}

void SyncScheduler::syncFinished(bool ok, int retryAfterSeconds)
{
    if (!m_syncing)
        return;
    m_syncing = false;
    const qint64 t = now();
    if (ok) {
        m_failures = 0;
        m_holdUntil = 0;
    } else {
        ++m_failures;
        m_holdUntil = retryAfterSeconds > 0 ? t + qint64(retryAfterSeconds) * 1000 : 0;
    }
    if (!m_started)
        return;
    if (m_queuedNow) {
        m_queuedNow = false;
        dueAt(t);
        return;
    }
    dueAt(t + (ok ? m_intervalMs : backoffDelay()));
}

qint64 SyncScheduler::backoffDelay() const
{
    // base * 2^(failures-1), capped, then "equal jitter": between half and all of it, so
    // laptops that failed together do not all come back together.
    qint64 delay = m_backoffBaseMs;
    for (int i = 1; i < m_failures && delay < m_backoffCapMs; ++i)
        delay *= 2;
    delay = std::min(delay, m_backoffCapMs);
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return delay / 2 + static_cast<qint64>(r * static_cast<double>(delay - delay / 2));
}

void SyncScheduler::dueAt(qint64 at)
{
    m_dueAt = at;
    poll();
}

void SyncScheduler::poll()
{
    if (!m_started || m_syncing)
        return;
    const qint64 t = now();
    const qint64 due = std::max(m_dueAt, m_holdUntil);
    if (t < due) {
        m_timer.start(static_cast<int>(std::min(due - t, maxTimerStepMs)));
        return;
    }
    m_timer.stop();
    m_syncing = true;
    emit syncDue();
}
