// report_bench: how long the printed documents take. A case summary of a case with 500 notes
// to PDF, and the board's period report over a store of 10,000 fictional cases to PDF (the
// statistics, the charts, the layout and the file). Prints one Markdown table of medians
// (milliseconds) for docs/PERFORMANCE.md.
//
//   report_bench [--dir DIR] [--cases 10000] [--notes 500] [--runs 5]
//
// The 10,000-case store is generated once into DIR (default /tmp/casebook-bench, shared with
// caselist_bench) and reused; the 500-note case is added to a small store of its own.

#include "BenchSupport.h"
#include "CaseGenerator.h"
#include "report/CaseSummaryDocument.h"
#include "report/DocumentPrinter.h"
#include "report/PeriodReportDocument.h"
#include "report/PeriodStatistics.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/NoteRepository.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <vector>

namespace {

using Bench::out;
using Bench::passphrase;
using Bench::timed;

std::unique_ptr<Store> openOrCreate(const QString& path, const std::function<void(Store&)>& fill)
{
    if (QFileInfo::exists(path))
        return Store::open(path, passphrase(), QStringLiteral("bench"));
    QElapsedTimer timer;
    timer.start();
    auto store = Store::create(path, passphrase(),
        KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit),
        QStringLiteral("bench"));
    fill(*store);
    out() << "generated " << path << " in " << timer.elapsed() / 1000.0 << " s" << Qt::endl;
    return store;
}

// One generated case given `notes` notes of a few sentences each.
QString caseWithNotes(Store& store, int notes)
{
    CaseGenerator::populate(store, 1, QDate::currentDate());
    CaseFilter all;
    const CaseSummary only = CaseRepository(store).list(all).value(0);
    store.write([&] {
        for (int i = 0; i < notes; ++i) {
            CaseNote note;
            note.caseId = only.id;
            note.occurredOn = QDate::currentDate().addDays(i - notes);
            note.author = QStringLiteral("Bench Worker");
            note.kind = QStringLiteral("home-visit");
            note.text
                = QStringLiteral("Home visit number %1. Talked through the week, the shopping and the "
                                 "letter from the housing office; agreed to phone the GP surgery together "
                                 "next time and to bring the forms for the benefits check.")
                      .arg(i);
            note.significant = i % 10 == 0;
            NoteRepository(store).add(note, only.reference);
        }
    });
    return only.reference;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the printed case summary and period report."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Where the generated stores are kept."),
        QStringLiteral("DIR"), QStringLiteral("/tmp/casebook-bench")});
    parser.addOption({QStringLiteral("cases"), QStringLiteral("Cases in the period report's store."),
        QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("notes"), QStringLiteral("Notes on the summarised case."),
        QStringLiteral("N"), QStringLiteral("500")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per step (median)."), QStringLiteral("N"),
        QStringLiteral("5")});
    parser.process(app);
    const QString dir = parser.value(QStringLiteral("dir"));
    QDir().mkpath(dir);
    const int cases = std::max(1, parser.value(QStringLiteral("cases")).toInt());
    const int notes = std::max(1, parser.value(QStringLiteral("notes")).toInt());
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const QString pdf = QDir(dir).filePath(QStringLiteral("bench-output.pdf"));

    QString reference;
    auto noteStore = openOrCreate(QStringLiteral("%1/bench-notes-%2.store").arg(dir).arg(notes),
        [&](Store& store) { reference = caseWithNotes(store, notes); });
    if (reference.isEmpty())
        reference = CaseRepository(*noteStore).list(CaseFilter()).value(0).reference;
    const double summaryBuild = timed(
        runs, [&] { CaseSummaryDocument::build(*noteStore, reference, CaseSummaryDocument::Options()); });
    const double summaryPdf = timed(runs, [&] {
        const auto document
            = CaseSummaryDocument::build(*noteStore, reference, CaseSummaryDocument::Options());
        DocumentPrinter::writePdf(*document, pdf, *noteStore);
    });
    const int summaryPages = DocumentPrinter::pageCount(
        *CaseSummaryDocument::build(*noteStore, reference, CaseSummaryDocument::Options()),
        DocumentPrinter::a4Layout());
    const qint64 summaryBytes = QFileInfo(pdf).size();

    auto bigStore = openOrCreate(QStringLiteral("%1/bench-%2.store").arg(dir).arg(cases),
        [&](Store& store) { CaseGenerator::populate(store, cases, QDate::currentDate()); });
    const QDate to = QDate::currentDate();
    const QDate from = to.addYears(-1).addDays(1);
    const double statistics = timed(runs, [&] { PeriodStatistics::compute(*bigStore, from, to); });
    const double reportPdf = timed(runs, [&] {
        const ReportDocument document = PeriodReportDocument::build(*bigStore, from, to);
        DocumentPrinter::writePdf(document, pdf, *bigStore);
    });
    const qint64 reportBytes = QFileInfo(pdf).size();
    QFile::remove(pdf);

    out() << "\n| Step (median of " << runs << " runs) | ms | Target |\n|---|---:|---|\n";
    out() << "| case summary, " << notes << " notes: gather and build the document | "
          << QString::number(summaryBuild, 'f', 1) << " | |\n";
    out() << "| case summary, " << notes << " notes: to PDF (" << summaryPages << " pages, "
          << summaryBytes / 1024 << " KB), all included | " << QString::number(summaryPdf, 'f', 1)
          << " | < 1,000 |\n";
    out() << "| period report, " << cases << " cases: statistics only | "
          << QString::number(statistics, 'f', 1) << " | |\n";
    out() << "| period report, " << cases << " cases: to PDF (" << reportBytes / 1024
          << " KB), all included | " << QString::number(reportPdf, 'f', 1) << " | < 3,000 |\n";
    out().flush();
    return 0;
}
