#pragma once

class Database;

// The store schema as a forward-only list of steps. Step N takes the schema from version
// N-1 to N inside one transaction; PRAGMA user_version records where a store is.
class Migrations
{
public:
    static int latestVersion();
    static int currentVersion(Database& db);
    // Applies every step after the store's version up to target (latest by default).
    // Throws StoreError::Code::NewerSchema for a store written by a newer release.
    static void migrate(Database& db, int target = -1);
};
