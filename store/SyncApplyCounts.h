#pragma once

#include <QStringList>

// What applying one push answer or one pull page did.
struct SyncApplyCounts
{
    int pushed = 0; // applied or duplicate
    int pulled = 0; // pulled rows written
    int conflicts = 0; // fields recorded for a worker
    int merged = 0; // pushed changes answered with a conflict and merged (maybe queued again)
    int quarantined = 0;
    QStringList reopenCaseReferences;
    // "PVT-2026-0005 -> PVT-2026-0007": a new case renumbered because another laptop's new
    // case reached the server first with the same reference.
    QStringList renumbered;
    // "Food bank -> Food bank (2)": an agency added here renamed because another laptop's
    // agency reached the server first with the same name.
    QStringList renamedAgencies;
    // Cases the server withdrew (a pulled tombstone) taken off this laptop.
    QStringList removed;

    SyncApplyCounts& operator+=(const SyncApplyCounts& other)
    {
        pushed += other.pushed;
        pulled += other.pulled;
        conflicts += other.conflicts;
        merged += other.merged;
        quarantined += other.quarantined;
        renumbered += other.renumbered;
        renamedAgencies += other.renamedAgencies;
        removed += other.removed;
        for (const QString& reference : other.reopenCaseReferences) {
            if (!reopenCaseReferences.contains(reference))
                reopenCaseReferences << reference;
        }
        return *this;
    }
};
