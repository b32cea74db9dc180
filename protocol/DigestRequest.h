#pragma once

#include <QString>

// POST /v1/digest: the consistency check. The device sends a RowDigest of every row it
// holds from the server (rev > 0, not deleted); the server computes the same over what
// the user may see and says whether they match.
struct DigestRequest
{
    QString digest; // 64 lower-case hex characters (RowDigest::hex)
    qint64 rows = 0;
    qint64 cursor = 0; // the device's pull cursor when it computed the digest

    friend bool operator==(const DigestRequest&, const DigestRequest&) = default;
};
