#pragma once

#include "OutboxChange.h"

#include <QList>

// The next changes to push, and what the outbox holds that this batch does not carry.
struct PushBatch
{
    QList<OutboxChange> changes;
    int notCarried = 0; // entities protocol v1 cannot carry (team settings)
    int quarantined = 0; // parked until a worker releases them
    int waiting = 0; // behind an earlier change of the same row, or past this batch's size
};
