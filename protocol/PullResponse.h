#pragma once

#include "PulledChange.h"

#include <QList>

// One page of a pull. The client applies the page and stores `next` as its cursor in one
// transaction, then asks again while hasMore.
struct PullResponse
{
    QList<PulledChange> changes;
    qint64 next = 0; // seq to pass as `since` next time
    bool hasMore = false;

    friend bool operator==(const PullResponse&, const PullResponse&) = default;
};
