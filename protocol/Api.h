#pragma once

#include <QString>

// The protocol version and its endpoint paths (docs/SYNC.md). The version is in the path,
// so a later incompatible protocol is served beside this one instead of replacing it.
class Api
{
public:
    static QString version(); // "v1"
    static QString loginPath(); // POST
    static QString pushPath(); // POST
    static QString pullPath(); // GET with ?since=&limit=
    static QString whoamiPath(); // GET
    static QString healthPath(); // GET, no token
    static QString digestPath(); // POST: the consistency check
};
