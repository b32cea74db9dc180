#pragma once

#include <QtGlobal>

// GET /v1/pull?since=<seq>&limit=<n>: the changes after seq `since` the user may see.
struct PullRequest
{
    qint64 since = 0; // the cursor from the last page; 0 for everything
    int limit = 500; // 1 to ProtocolLimits::maxPullLimit

    friend bool operator==(const PullRequest&, const PullRequest&) = default;
};
