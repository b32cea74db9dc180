#pragma once

#include "TransportError.h"

#include <QStringList>

#include <optional>

// What one sync run did, for the status bar, the CLI and the audit entry (counts only).
struct SyncSummary
{
    bool ok = false;
    int pushed = 0; // changes the server acknowledged (applied or duplicate)
    int pulled = 0; // rows written from the server
    int conflicts = 0; // fields changed on both sides, kept for a worker
    int quarantined = 0; // changes parked after the server refused them (all, not just this run)
    int waiting = 0; // changes still queued that protocol v1 can carry
    int notCarried = 0; // queued changes protocol v1 cannot carry (team settings)
    QStringList removedCaseReferences; // no longer shared by the server
    QStringList reopenCaseReferences; // closed elsewhere, changed here after the closing
    // "PVT-2026-0005 -> PVT-2026-0007": new cases renumbered because another laptop's new
    // case reached the server first with the same reference.
    QStringList renumberedCases;
    // "Food bank -> Food bank (2)": agencies added here renamed because another laptop's agency
    // reached the server first with the same name.
    QStringList renamedAgencies;
    bool fullRepull = false;
    std::optional<TransportError> error; // why the run ended early (ok is false)
};
