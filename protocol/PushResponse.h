#pragma once

#include "PushResult.h"

#include <QList>

// The answer to a push: one result per change, in the order pushed.
struct PushResponse
{
    QList<PushResult> results;

    friend bool operator==(const PushResponse&, const PushResponse&) = default;
};
