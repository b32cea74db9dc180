#pragma once

#include <QtGlobal>

// Hard limits of protocol v1 (docs/SYNC.md). The decoder refuses anything past them, so a
// server can size its buffers and a hostile or broken peer cannot make either side
// allocate without bound.
struct ProtocolLimits
{
    // Checked on the raw bytes before parsing.
    static constexpr qsizetype maxBodyBytes = qsizetype(8) * 1024 * 1024;
    // Objects and arrays inside one another, counting the body itself: a push response
    // is {"results":[{"current":{...}}]}, four deep, and nothing valid is deeper.
    static constexpr int maxDepth = 4;
    static constexpr int maxChangesPerPush = 500;
    static constexpr int maxPullLimit = 1000;
    // In UTF-16 code units (QString::size()). Long text is note text and the few free-text
    // fields where a worker writes paragraphs; everything else is a name, key or line.
    static constexpr qsizetype maxShortText = 1000;
    static constexpr qsizetype maxLongText = 100000;
    // Integers travel as JSON numbers (doubles): beyond 2^53 they are no longer exact.
    static constexpr qint64 maxInteger = Q_INT64_C(9007199254740991);
};
