#pragma once

#include <QStringList>

// What applying one push answer or one pull page did.
struct SyncApplyCounts
{
    int pushed = 0; // applied or duplicate
    int pulled = 0; // pulled rows written
    int conflicts = 0; // fields recorded for a worker
    int quarantined = 0;
    QStringList reopenCaseReferences;

    SyncApplyCounts& operator+=(const SyncApplyCounts& other)
    {
        pushed += other.pushed;
        pulled += other.pulled;
        conflicts += other.conflicts;
        quarantined += other.quarantined;
        for (const QString& reference : other.reopenCaseReferences) {
            if (!reopenCaseReferences.contains(reference))
                reopenCaseReferences << reference;
        }
        return *this;
    }
};
