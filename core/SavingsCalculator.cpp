#include "SavingsCalculator.h"

qint64 SavingsCalculator::unitCostModelPence(
    int gpBefore, int gpAfter, int aeBefore, int aeAfter, const UnitCosts& costs)
{
    const qint64 gpReduction = qint64(gpBefore) - gpAfter;
    const qint64 aeReduction = qint64(aeBefore) - aeAfter;
    return gpReduction * costs.gpAppointmentPence + aeReduction * costs.aeAttendancePence;
}

qint64 SavingsCalculator::flatRatePence(int interventions, const UnitCosts& costs)
{
    return qint64(interventions) * costs.flatRatePerInterventionPence;
}
