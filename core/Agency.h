#pragma once

#include "RowMeta.h"

// A partner organisation in the PIVOT network. kind is a key of Vocabulary::agencyKinds().
struct Agency
{
    RowMeta meta;
    QString name;
    QString kind = QStringLiteral("other");
    bool active = true;
};
