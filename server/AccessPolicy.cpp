#include "AccessPolicy.h"

Viewer AccessPolicy::viewerFor(const ServerUser& user)
{
    return Viewer {user.teamId, user.agencyId};
}

bool AccessPolicy::canSee(const ServerUser& user, const StoredRow& row)
{
    const bool team = row.teamId == 0 || row.teamId == user.teamId;
    const bool agency = row.ownerAgencyId.isEmpty() || row.ownerAgencyId == user.agencyId;
    return team && agency;
}

bool AccessPolicy::canWrite(const ServerUser& user)
{
    return user.role == QLatin1String("worker") || user.role == QLatin1String("lead")
        || user.role == QLatin1String("admin");
}

bool AccessPolicy::isServerAdministered(const QString& entity)
{
    return entity == QLatin1String("user");
}

bool AccessPolicy::canChangeAgency(const ServerUser& user, const StoredRow& agency)
{
    return agency.teamId != 0 && agency.teamId == user.teamId;
}

bool AccessPolicy::isCaseChild(const QString& entity)
{
    static const QStringList children {QStringLiteral("case_person"), QStringLiteral("case_agency"),
        QStringLiteral("need"), QStringLiteral("action"), QStringLiteral("note"),
        QStringLiteral("assessment")};
    return children.contains(entity);
}
