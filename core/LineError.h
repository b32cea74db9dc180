#pragma once

#include <QString>

// A problem found on one line of an imported file. message names the column and the value
// but not the line, so a caller can lay it out as it likes (see ReferralCsv::formatError).
struct LineError
{
    int line = 0;
    QString message;
};
