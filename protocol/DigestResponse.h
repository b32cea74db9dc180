#pragma once

#include <QtGlobal>

// The server's side of the consistency check. When match is false and the device's cursor
// is behind latestSeq, changes arrived after the device's pull: pull again before judging.
// When match is false and the cursor is current, the device has drifted: a full re-pull.
struct DigestResponse
{
    bool match = false;
    qint64 rows = 0; // rows the server counted for this user
    qint64 latestSeq = 0; // the newest seq this user may see

    friend bool operator==(const DigestResponse&, const DigestResponse&) = default;
};
