#pragma once

#include "core/ReportCase.h"

#include <QList>

class Store;

// Gathers what the period report needs (core PeriodReport does the counting, so the CLI,
// the dashboard and printed reports share one implementation).
class ReportRepository
{
public:
    explicit ReportRepository(Store& store);

    // Every case referred on or before `to` with its needs, assessments and actions.
    QList<ReportCase> casesUpTo(const QDate& to);

private:
    Store& m_store;
};
