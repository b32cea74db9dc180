#include "SessionTracker.h"

#include "HttpSession.h"

#include <vector>

SessionTracker::SessionTracker(int maxConnections)
    : m_maxConnections(maxConnections > 0 ? maxConnections : 1)
{ }

SessionTracker::Admission SessionTracker::admit()
{
    const std::lock_guard lock(m_mutex);
    if (m_serving < m_maxConnections) {
        ++m_serving;
        return Admission::Serve;
    }
    if (m_refusing < m_maxConnections) {
        ++m_refusing;
        return Admission::RefuseBusy;
    }
    return Admission::Drop;
}

bool SessionTracker::add(const std::shared_ptr<HttpSession>& session)
{
    const std::lock_guard lock(m_mutex);
    if (m_stopping)
        return false;
    m_sessions.emplace(session.get(), session);
    return true;
}

void SessionTracker::remove(const HttpSession* session, Admission admission)
{
    const std::lock_guard lock(m_mutex);
    m_sessions.erase(session);
    if (admission == Admission::Serve)
        --m_serving;
    else if (admission == Admission::RefuseBusy)
        --m_refusing;
}

void SessionTracker::stopAll()
{
    std::vector<std::shared_ptr<HttpSession>> live;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (const auto& [key, weak] : m_sessions) {
            if (auto session = weak.lock())
                live.push_back(std::move(session));
        }
    }
    // Outside the lock: a session whose last reference is dropped here removes itself.
    for (const auto& session : live)
        session->serverStopping();
}

bool SessionTracker::stopping() const
{
    const std::lock_guard lock(m_mutex);
    return m_stopping;
}
