#pragma once

#include <QStringList>

// One CSV record. line is the 1-based physical line it starts on, for messages that point a
// worker at the right place in the file even when an earlier field spanned several lines.
struct CsvRecord
{
    int line = 0;
    QStringList fields;
};
