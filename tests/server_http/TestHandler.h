#pragma once

#include "server/http/RequestHandler.h"

#include <atomic>
#include <chrono>

// The RequestHandler the transport suites run: echoes every field of the request as JSON,
// except /slow (sleeps slowFor first, to stand for a long push) and /throw (throws, with a
// message a client must never see).
class TestHandler : public RequestHandler
{
public:
    ServerResponse handle(const ServerRequest& request) override;

    int calls() const { return m_calls.load(); }
    bool slowStarted() const { return m_slowStarted.load(); }
    std::chrono::milliseconds slowFor {800};

    static const char* secretMessage() { return "secret /var/lib/casebook/server.db exploded"; }

private:
    static ServerResponse echo(const ServerRequest& request);

    std::atomic<int> m_calls {0};
    std::atomic<bool> m_slowStarted {false};
};
