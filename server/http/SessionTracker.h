#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>

class HttpSession;

// Counts the open connections against maxConnections and knows every live session, so
// stop() can tell each of them (on its own strand) that the server is stopping.
// Thread-safe: sessions start and end on every pool thread.
class SessionTracker
{
public:
    enum class Admission { Serve, RefuseBusy, Drop };

    explicit SessionTracker(int maxConnections);

    // Serve while under the limit; past it, up to as many again get a 503; beyond that a
    // new connection is closed at once, so refusals cannot pile up either.
    Admission admit();
    // Registers an admitted session; false once stopping (the caller lets it go).
    bool add(const std::shared_ptr<HttpSession>& session);
    // From the session's destructor: frees its slot.
    void remove(const HttpSession* session, Admission admission);
    // Marks the server stopping and tells every live session.
    void stopAll();
    bool stopping() const;

private:
    mutable std::mutex m_mutex;
    const int m_maxConnections;
    int m_serving = 0;
    int m_refusing = 0;
    bool m_stopping = false;
    std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> m_sessions;
};
