#pragma once

#include <QString>

// A case closed (or declined) on the server that this laptop changed after the closing:
// the changes are kept and a worker decides whether the case should be reopened.
struct ReopenFlag
{
    QString caseId;
    QString caseReference;
    QString serverStatus;
    QString raisedAt;
};
