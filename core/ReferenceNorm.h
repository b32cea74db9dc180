#pragma once

#include "RowMeta.h"

// A published population average for one ONS4 item, shown beside a team's figures.
// scope is "national", "regional" or "local"; item is 0-3 (Ons4 item order).
struct ReferenceNorm
{
    RowMeta meta;
    QString scope;
    QString label;
    int item = 0;
    double value = 0;
};
