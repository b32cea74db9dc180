#include "ReportCommand.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "core/Ons4.h"
#include "core/PeriodReport.h"
#include "core/Vocabulary.h"
#include "report/DocumentPrinter.h"
#include "report/PeriodReportDocument.h"
#include "report/PeriodStatistics.h"
#include "report/ReportReader.h"
#include "store/AuditLog.h"
#include "store/NormRepository.h"
#include "store/StoreSettings.h"

#include <QJsonObject>

int ReportCommand::run(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("report"), tr("The period report for the partnership board."));
    p.option(QStringLiteral("from"), tr("DATE"), tr("First day of the period (yyyy-mm-dd)."));
    p.option(QStringLiteral("to"), tr("DATE"), tr("Last day of the period (yyyy-mm-dd)."));
    p.option(QStringLiteral("pdf"), tr("FILE"),
        tr("Save the report for the partnership board as a PDF (marked OFFICIAL: aggregate figures, no "
           "personal data) instead of printing it. The export is audited."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    if (!p.isSet(QStringLiteral("from")) || !p.isSet(QStringLiteral("to")))
        throw CliError(CliError::Usage, tr("report: --from and --to are both required."));
    const QDate from = p.date(QStringLiteral("from"), session.today(), QDate(), true);
    const QDate to = p.date(QStringLiteral("to"), session.today(), QDate(), true);
    if (to < from)
        throw CliError(CliError::InvalidInput,
            tr("--to (%1) is before --from (%2).").arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate)));
    if (p.isSet(QStringLiteral("pdf")) && p.value(QStringLiteral("pdf")).isEmpty())
        throw CliError(CliError::Usage, tr("report: --pdf needs a FILE."));
    Store& store = session.store();
    const PeriodReport report = PeriodStatistics::compute(store, from, to);
    if (p.isSet(QStringLiteral("pdf")))
        return writePdf(session, report, p.value(QStringLiteral("pdf")));
    const QJsonObject json = report.toJson();
    store.write([&] {
        AuditLog(store).append(QStringLiteral("view"), QStringLiteral("report"), QString(), QString(),
            QStringLiteral("%1..%2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    });
    if (p.json())
        session.printJson(json);
    else
        printText(session, json);
    return 0;
}

int ReportCommand::writePdf(CliSession& session, const PeriodReport& report, const QString& path)
{
    Store& store = session.store();
    const ReportDocument document
        = PeriodReportDocument::build(report, NormRepository(store).list(), StoreSettings(store).unitCosts(),
            ReportReader::forActor(store).shownAs(), QDateTime::currentDateTime());
    const QString problem = DocumentPrinter::writePdf(document, path, store);
    if (!problem.isEmpty())
        throw CliError(CliError::Failure, problem);
    session.out() << tr("Wrote the period report to %1").arg(path) << Qt::endl;
    return 0;
}

void ReportCommand::printText(CliSession& session, const QJsonObject& r)
{
    QTextStream& out = session.out();
    const auto n = [&](const char* key) { return r.value(QLatin1String(key)).toInt(); };
    out << tr("Period %1 to %2")
               .arg(r.value(QStringLiteral("from")).toString(), r.value(QStringLiteral("to")).toString())
        << Qt::endl;
    out << tr("Referrals received: %1; cases closed: %2; open at the end: %3")
               .arg(n("referrals_received"))
               .arg(n("cases_closed"))
               .arg(n("open_at_end"))
        << Qt::endl;
    out << Qt::endl << tr("Referrals by source") << Qt::endl;
    const QJsonObject sources = r.value(QStringLiteral("referrals_by_source")).toObject();
    for (auto it = sources.begin(); it != sources.end(); ++it)
        out << QStringLiteral("  %1: %2").arg(it.key()).arg(it.value().toInt()) << Qt::endl;
    out << Qt::endl << tr("Needs") << Qt::endl;
    const QJsonObject needs = r.value(QStringLiteral("needs")).toObject();
    for (auto it = needs.begin(); it != needs.end(); ++it)
        out << QStringLiteral("  %1: %2").arg(Vocabulary::needs().label(it.key())).arg(it.value().toInt())
            << Qt::endl;
    out << Qt::endl << tr("Wellbeing (ONS4), baseline -> closing") << Qt::endl;
    const QJsonObject wellbeing = r.value(QStringLiteral("wellbeing")).toObject();
    const auto mean = [](const QJsonValue& v) {
        return v.isNull() ? QStringLiteral("-") : QString::number(v.toDouble(), 'f', 2);
    };
    for (int item = 0; item < 4; ++item) {
        const QJsonObject m = wellbeing.value(Ons4::itemKey(item)).toObject();
        out << tr("  %1: %2 -> %3 (%4 people)")
                   .arg(Ons4::itemLabel(item), mean(m.value(QStringLiteral("baseline_mean"))),
                       mean(m.value(QStringLiteral("closing_mean"))))
                   .arg(m.value(QStringLiteral("pairs")).toInt())
            << Qt::endl;
    }
    const QJsonObject pam = r.value(QStringLiteral("pam")).toObject();
    out << tr("PAM: %1 -> %2; %3 people moved up a level")
               .arg(mean(pam.value(QStringLiteral("baseline_mean"))),
                   mean(pam.value(QStringLiteral("closing_mean"))))
               .arg(pam.value(QStringLiteral("improved_level")).toInt())
        << Qt::endl;
    const QJsonObject use = r.value(QStringLiteral("service_use")).toObject();
    out << tr("Service use: GP %1 -> %2, A&E %3 -> %4")
               .arg(use.value(QStringLiteral("gp_before")).toInt())
               .arg(use.value(QStringLiteral("gp_after")).toInt())
               .arg(use.value(QStringLiteral("ae_before")).toInt())
               .arg(use.value(QStringLiteral("ae_after")).toInt())
        << Qt::endl;
    const QJsonObject savings = r.value(QStringLiteral("estimated_savings_gbp")).toObject();
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    out << tr("Estimated savings (unit-cost model): %1")
               .arg(uk.toCurrencyString(
                   savings.value(QStringLiteral("unit_cost_model")).toDouble(), QStringLiteral("£")))
        << Qt::endl;
    out << tr("Estimated savings (flat rate per closed case): %1")
               .arg(uk.toCurrencyString(
                   savings.value(QStringLiteral("flat_rate")).toDouble(), QStringLiteral("£")))
        << Qt::endl;
}
