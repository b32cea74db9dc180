#pragma once

#include "core/PeriodReport.h"

class Store;

// The period report's figures for a date range (both days included), straight from a store:
// ReportRepository gathers the cases and core PeriodReport counts them, so `casebook-cli
// report`, the printed board report and the dashboard give the same numbers.
class PeriodStatistics
{
public:
    static PeriodReport compute(Store& store, const QDate& from, const QDate& to);
};
