#pragma once

#include "UnitCosts.h"

// Estimated savings to the health service, two ways, so a report can say which it shows:
// the unit-cost model (fewer GP appointments and A&E attendances after support) and the
// council's flat rate per intervention. Money is in whole pence to avoid rounding drift.
class SavingsCalculator
{
public:
    // Reduction x unit cost. A rise in use gives a negative saving: the figure stays honest.
    static qint64 unitCostModelPence(
        int gpBefore, int gpAfter, int aeBefore, int aeAfter, const UnitCosts& costs);
    static qint64 flatRatePence(int interventions, const UnitCosts& costs);
};
