#pragma once

#include "PasswordHasher.h"

#include <QDateTime>

#include <chrono>
#include <functional>

// How SyncService authenticates. The defaults are the documented values (docs/SYNC.md,
// "Tokens"); tests inject a clock and small hash limits.
struct SyncServiceOptions
{
    // A device token stops working this long after the device last synced...
    std::chrono::seconds tokenIdleTimeout = std::chrono::hours(24 * 14);
    // ...and this long after the login that made it, whatever happens.
    std::chrono::seconds tokenLifetime = std::chrono::hours(24 * 30);
    // ASVS 2.2.1: failed logins per account in any hour before logins are refused.
    int maxFailedLoginsPerHour = 100;
    // Limits for the stand-in hash an unknown username is checked against, so that an
    // unknown name takes as long as a wrong password. Match the limits users are made with.
    PasswordHasher::Limits dummyHashLimits = PasswordHasher::moderate();
    std::function<QDateTime()> clock; // UTC now; QDateTime::currentDateTimeUtc when empty
};
