#pragma once

#include "RowMeta.h"

// A member of the team. role is a key of Vocabulary::userRoles().
struct UserAccount
{
    RowMeta meta;
    QString username;
    QString displayName;
    QString agencyId;
    QString role = QStringLiteral("worker");
    QString team;
};
