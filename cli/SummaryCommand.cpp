#include "SummaryCommand.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "report/CaseSummaryDocument.h"
#include "report/DocumentPrinter.h"

int SummaryCommand::run(CliSession& session, const QStringList& arguments)
{
    const QString keys = CaseSummarySections::keys().join(QStringLiteral(", "));
    CommandParser p(QStringLiteral("summary"),
        tr("Save a case summary as a PDF for a multi-agency meeting or a home visit, marked "
           "OFFICIAL-SENSITIVE. The PDF is not encrypted: keep it on council storage and delete it when "
           "done. The export is audited. Agency-only notes are left out unless your agency wrote them.\n"
           "Sections (--sections, comma-separated, default all): %1.")
            .arg(keys));
    p.positional(QStringLiteral("REF"), tr("The case reference, e.g. PVT-2025-0042."));
    p.option(QStringLiteral("pdf"), tr("FILE"), tr("Where to write the PDF."));
    p.option(QStringLiteral("sections"), tr("LIST"),
        tr("Comma-separated sections to print (default all; listed above)."));
    p.option(QStringLiteral("notes"), tr("N"), tr("Print only the newest N notes (default: all)."));
    if (!p.parse(session, arguments))
        return 0;
    const QString reference = p.argument(0);
    if (!p.isSet(QStringLiteral("pdf")) || p.value(QStringLiteral("pdf")).isEmpty())
        throw CliError(CliError::Usage, tr("summary: --pdf FILE is required."));
    CaseSummaryDocument::Options options;
    if (p.isSet(QStringLiteral("sections"))) {
        QString error;
        if (!CaseSummarySections::parse(p.value(QStringLiteral("sections")), &options.sections, &error))
            throw CliError(CliError::InvalidInput, error);
    }
    options.noteLimit = p.integer(QStringLiteral("notes"), 1, 1000000, 0);
    Store& store = session.store();
    const auto document = CaseSummaryDocument::build(store, reference, options);
    if (!document)
        throw CliError(CliError::NotFound, tr("There is no case %1.").arg(reference));
    const QString problem = DocumentPrinter::writePdf(*document, p.value(QStringLiteral("pdf")), store);
    if (!problem.isEmpty())
        throw CliError(CliError::Failure, problem);
    session.out() << tr("Wrote the case summary of %1 to %2").arg(reference, p.value(QStringLiteral("pdf")))
                  << Qt::endl;
    return 0;
}
