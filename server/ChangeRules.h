#pragma once

#include "protocol/Change.h"

#include <QString>

// The server's domain check of a pushed change, on top of the codec's shape check: the
// cheap rules of core/ (vocabulary keys such as a case status or a note kind). A change
// that fails gets "rejected" with reason "invalid" and this message.
class ChangeRules
{
public:
    // Empty when the change passes; otherwise one sentence naming the field, not its value.
    static QString check(const Change& change);
};
