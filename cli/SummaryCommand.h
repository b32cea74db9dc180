#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliSession;

// casebook-cli summary REF --pdf FILE [--sections LIST] [--notes N]: the printed case summary
// as a PDF, without a window. The export is audited.
class SummaryCommand
{
    Q_DECLARE_TR_FUNCTIONS(SummaryCommand)

public:
    static int run(CliSession& session, const QStringList& arguments);
};
