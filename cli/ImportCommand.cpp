#include "ImportCommand.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "core/ReferralCsv.h"
#include "store/ReferralImporter.h"

#include <QFile>
#include <QFileInfo>

int ImportCommand::run(CliSession& session, const QStringList& arguments)
{
    if (arguments.value(0) != QLatin1String("referrals"))
        throw CliError(CliError::Usage, tr("import: expected \"referrals FILE.csv\"."));
    CommandParser p(QStringLiteral("import referrals"),
        tr("Import referrals from a UTF-8 CSV file with a header row. All or nothing: if any row is "
           "wrong, every problem is listed by line and nothing is imported.\nColumns: %1")
            .arg(ReferralCsv::columns().join(QStringLiteral(", "))));
    p.positional(QStringLiteral("FILE"), tr("The CSV file."));
    p.jsonOption();
    if (!p.parse(session, arguments.mid(1)))
        return 0;
    const QString path = p.argument(0);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw CliError(CliError::NotFound, tr("Cannot read %1: %2").arg(path, file.errorString()));
    const ReferralCsv::Decoded decoded = ReferralCsv::decode(file.read(ReferralCsv::maxFileBytes + 1), path);
    if (!decoded.ok())
        throw CliError(CliError::InvalidInput, decoded.problem);

    const ReferralCsv::Result parsed = ReferralCsv::parse(decoded.text, session.today());
    if (!parsed.ok()) {
        // Every problem, so the file can be fixed in one go; the last line is the summary.
        for (const LineError& error : parsed.errors)
            session.err() << ReferralCsv::formatError(error) << Qt::endl;
        throw CliError(CliError::InvalidInput,
            tr("%n problem(s) in %1; nothing was imported.", nullptr, static_cast<int>(parsed.errors.size()))
                .arg(path));
    }
    if (parsed.rows.isEmpty())
        throw CliError(
            CliError::InvalidInput, tr("%1 has no referral rows; nothing was imported.").arg(path));
    const QStringList references
        = ReferralImporter(session.store()).import(parsed.rows, QFileInfo(path).fileName());
    session.out() << tr("Imported %n referral(s): %1", nullptr, static_cast<int>(references.size()))
                         .arg(references.size() > 10
                                 ? references.first() + QStringLiteral(" ... ") + references.last()
                                 : references.join(QStringLiteral(", ")))
                  << Qt::endl;
    return 0;
}
