#include "ReportReader.h"

#include "store/AgencyRepository.h"
#include "store/Store.h"
#include "store/UserRepository.h"

ReportReader ReportReader::forActor(Store& store)
{
    ReportReader reader;
    reader.name = store.actor();
    const auto user = UserRepository(store).findByUsername(store.actor());
    if (!user || user->meta.deleted)
        return reader;
    if (!user->displayName.isEmpty())
        reader.name = user->displayName;
    reader.agencyId = user->agencyId;
    if (const auto agency = AgencyRepository(store).get(user->agencyId))
        reader.agencyName = agency->name;
    return reader;
}

QString ReportReader::shownAs() const
{
    return agencyName.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, agencyName);
}
