#pragma once

#include "ServerRecords.h"

// Who an authenticated request is from: the user as the server sees them now, and the
// device whose token it carried.
struct AuthContext
{
    ServerUser user;
    ServerDevice device;
    QDateTime expiresAt; // when this token stops working if the device stays idle
};
