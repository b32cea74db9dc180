#pragma once

#include <QString>

class Store;

// Who is printing: the name shown as "Printed by" and the agency that decides which
// agency-only notes they may see. Taken from the team's user record for the store's actor;
// an actor the store does not know as a user has no agency, so sees no agency-only notes.
struct ReportReader
{
    QString name; // display name, else the login name
    QString agencyId;
    QString agencyName;

    static ReportReader forActor(Store& store);
    QString shownAs() const; // "Name (Agency)" or "Name"
};
