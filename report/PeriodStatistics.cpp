#include "PeriodStatistics.h"

#include "store/ReportRepository.h"
#include "store/StoreSettings.h"

PeriodReport PeriodStatistics::compute(Store& store, const QDate& from, const QDate& to)
{
    return PeriodReport::compute(
        ReportRepository(store).casesUpTo(to), from, to, StoreSettings(store).unitCosts());
}
