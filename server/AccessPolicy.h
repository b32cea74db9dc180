#pragma once

#include "ServerRecords.h"

#include <QString>

// Who may see and change which rows (docs/SYNC.md, "Roles and visibility"). Rows carry
// the team they belong to (none for agencies, which every team sees) and, for an
// agency-only note, the agency that may read it.
class AccessPolicy
{
public:
    static Viewer viewerFor(const ServerUser& user);
    static bool canSee(const ServerUser& user, const StoredRow& row);
    // Partners read; workers, leads and admins also write their team's rows.
    static bool canWrite(const ServerUser& user);
    // user rows are written by the server's administration only.
    static bool isServerAdministered(const QString& entity);
    // An agency a team added on a laptop is that team's to change; one the administrator
    // added (no team, seen by every team) is the administrator's.
    static bool canChangeAgency(const ServerUser& user, const StoredRow& agency);
    // Rows that hang off a case (case_id) and belong to the case's team.
    static bool isCaseChild(const QString& entity);
};
