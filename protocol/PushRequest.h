#pragma once

#include "Change.h"

#include <QList>

// POST /v1/push: a batch of outbox changes from one device, oldest first.
struct PushRequest
{
    QString deviceId; // UUID of the device (its store)
    QList<Change> changes;

    friend bool operator==(const PushRequest&, const PushRequest&) = default;
};
