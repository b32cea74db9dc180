#pragma once

#include "Statement.h"
#include "core/RowMeta.h"

// Reads the seven bookkeeping columns every synced table starts with (see MetaColumns).
class RowReader
{
public:
    static constexpr const char* MetaColumns
        = "id, rev, deleted, created_at, created_by, updated_at, updated_by";
    static constexpr int MetaColumnCount = 7;

    static RowMeta meta(const Statement& st, int first = 0);
};
