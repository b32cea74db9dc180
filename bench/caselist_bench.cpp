// caselist_bench: how long each step of the desktop's case list takes over stores of 1,000,
// 10,000 and 100,000 fictional cases, and how long the GUI thread is held by each model
// call. Prints one Markdown table of medians (milliseconds) for docs/PERFORMANCE.md.
//
//   caselist_bench [--dir DIR] [--sizes 1000,10000,100000] [--runs 7]
//
// Stores are generated once into DIR (default /tmp/casebook-bench) and reused.

#include "BenchSupport.h"
#include "CaseGenerator.h"
#include "models/CaseListModel.h"
#include "models/StatusCounts.h"
#include "models/StoreSession.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/OutboxRepository.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>
#include <QMap>
#include <QPair>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <limits>
#include <vector>

namespace {

using Bench::median;
using Bench::millis;
using Bench::out;
using Bench::passphrase;
using Bench::timed;

// Spins the event loop until done() holds (or 60 s pass); for answers from worker threads.
void waitUntil(const std::function<bool()>& done)
{
    QElapsedTimer limit;
    limit.start();
    while (!done() && limit.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
}

QString ensureStore(const QString& dir, int cases)
{
    const QString path = QStringLiteral("%1/bench-%2.store").arg(dir).arg(cases);
    if (QFileInfo::exists(path))
        return path;
    QElapsedTimer timer;
    timer.start();
    auto store = Store::create(path, passphrase(),
        KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit),
        QStringLiteral("bench"));
    CaseGenerator::populate(*store, cases, QDate::currentDate());
    out() << "generated " << cases << " cases in " << timer.elapsed() / 1000.0 << " s: " << path << Qt::endl;
    return path;
}

CaseFilter pageFilter(int offset)
{
    CaseFilter filter;
    filter.limit = CaseListModel::PageSize;
    filter.offset = offset;
    return filter;
}

CaseFilter withSearch(const QString& words)
{
    CaseFilter filter = pageFilter(0);
    filter.search = words;
    return filter;
}

using Row = QMap<int, double>; // cases -> median ms
using Table = QList<QPair<QString, Row>>;

void record(Table& table, const QString& name, int cases, double ms)
{
    for (auto& row : table) {
        if (row.first == name) {
            row.second.insert(cases, ms);
            return;
        }
    }
    table.append({name, Row {{cases, ms}}});
}

// The queries themselves, on one connection, wherever they run.
void measureQueries(Table& table, Store& store, int cases, int runs)
{
    CaseRepository repo(store);
    const auto page = [&](const CaseFilter& f) {
        return [&repo, f] {
            repo.count(f);
            repo.list(f);
        };
    };
    record(table, QStringLiteral("query: first page (200)"), cases,
        timed(runs, [&] { repo.list(pageFilter(0)); }));
    record(table, QStringLiteral("query: next page (offset 200)"), cases,
        timed(runs, [&] { repo.list(pageFilter(200)); }));
    record(table, QStringLiteral("query: page at half way"), cases,
        timed(runs, [&] { repo.list(pageFilter(cases / 2)); }));
    record(
        table, QStringLiteral("query: total count"), cases, timed(runs, [&] { repo.count(CaseFilter()); }));
    record(table, QStringLiteral("query: status counts"), cases, timed(runs, [&] { repo.countsByStatus(); }));
    record(table, QStringLiteral("query: changes waiting to sync"), cases,
        timed(runs, [&] { OutboxRepository(store).pendingCount(); }));
    CaseFilter open = pageFilter(0);
    open.status = QStringLiteral("open");
    record(table, QStringLiteral("query: filter status open (count + page)"), cases, timed(runs, page(open)));
    CaseFilter overdue = pageFilter(0);
    overdue.overdueOnly = true;
    record(table, QStringLiteral("query: filter overdue (count + page)"), cases, timed(runs, page(overdue)));
    record(table, QStringLiteral("query: search \"visit\", common (count + page)"), cases,
        timed(runs, page(withSearch(QStringLiteral("visit")))));
    record(table, QStringLiteral("query: search \"xylophone\", rare (count + page)"), cases,
        timed(runs, page(withSearch(QStringLiteral("xylophone")))));
    const CaseSummary middle = repo.list(pageFilter(cases / 2)).value(0);
    record(table, QStringLiteral("query: one case by id (edit refresh)"), cases,
        timed(runs, [&] { repo.summary(CaseFilter(), middle.id); }));
    record(table, QStringLiteral("query: one case by id, search active"), cases,
        timed(runs, [&] { repo.summary(withSearch(QStringLiteral("visit")), middle.id); }));
    CaseFilter narrowed = pageFilter(0);
    narrowed.search = middle.reference.section(QLatin1Char('-'), -1);
    narrowed.limit = std::numeric_limits<int>::max();
    record(table, QStringLiteral("query: one case, by reference number search (before)"), cases,
        timed(runs, [&] { repo.list(narrowed); }));
    record(table, QStringLiteral("open a read connection"), cases, timed(runs, [&] { store.openReader(); }));
}

// What the GUI thread spends in each model call, and how long until the answer is shown.
void measureModel(Table& table, StoreSession& session, int cases, int runs)
{
    CaseListModel model(&session);
    waitUntil([&] { return !model.isLoading(); });
    std::vector<double> call, answer, fetchCall, fetchAnswer, edit;
    for (int i = 0; i < runs; ++i) {
        CaseFilter filter;
        filter.search = i % 2 ? QStringLiteral("visit") : QString();
        QElapsedTimer timer;
        timer.start();
        model.setFilter(filter);
        call.push_back(millis(timer));
        waitUntil([&] { return !model.isLoading(); });
        answer.push_back(millis(timer));

        const int before = model.rowCount();
        timer.restart();
        model.fetchMore(QModelIndex());
        fetchCall.push_back(millis(timer));
        waitUntil([&] { return model.rowCount() > before || !model.canFetchMore(QModelIndex()); });
        fetchAnswer.push_back(millis(timer));

        const QString id = model.caseIdAt(model.rowCount() / 2);
        timer.restart();
        session.notifyCaseChanged(id);
        edit.push_back(millis(timer));
    }
    record(table, QStringLiteral("GUI thread: setFilter call"), cases, median(call));
    record(table, QStringLiteral("  first page shown after"), cases, median(answer));
    record(table, QStringLiteral("GUI thread: fetchMore call"), cases, median(fetchCall));
    record(table, QStringLiteral("  next page shown after"), cases, median(fetchAnswer));
    record(table, QStringLiteral("GUI thread: one case edited (refresh)"), cases, median(edit));

    StatusCounts counts(&session);
    std::vector<double> countCall, countAnswer;
    for (int i = 0; i < runs; ++i) {
        bool ready = false;
        const auto connection
            = QObject::connect(&counts, &StatusCounts::countsReady, [&ready] { ready = true; });
        QElapsedTimer timer;
        timer.start();
        counts.refresh();
        countCall.push_back(millis(timer));
        waitUntil([&] { return ready; });
        countAnswer.push_back(millis(timer));
        QObject::disconnect(connection);
    }
    record(table, QStringLiteral("GUI thread: status counts refresh call"), cases, median(countCall));
    record(table, QStringLiteral("  status counts shown after"), cases, median(countAnswer));
}

void printTable(const Table& table, const QList<int>& sizes)
{
    out() << "\n| Step (median ms) |";
    for (int size : sizes)
        out() << ' ' << QLocale(QLocale::English).toString(size) << " cases |";
    out() << "\n|---|";
    for (int i = 0; i < sizes.size(); ++i)
        out() << "---:|";
    out() << '\n';
    for (const auto& row : table) {
        out() << "| " << row.first << " |";
        for (int size : sizes)
            out() << ' ' << QString::number(row.second.value(size), 'f', 1) << " |";
        out() << '\n';
    }
    out().flush();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the case list path over generated stores."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Where the generated stores are kept."),
        QStringLiteral("DIR"), QStringLiteral("/tmp/casebook-bench")});
    parser.addOption({QStringLiteral("sizes"), QStringLiteral("Case counts, comma separated."),
        QStringLiteral("N,N"), QStringLiteral("1000,10000,100000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per step (median)."), QStringLiteral("N"),
        QStringLiteral("7")});
    parser.process(app);
    const QString dir = parser.value(QStringLiteral("dir"));
    QDir().mkpath(dir);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    QList<int> sizes;
    for (const QString& size : parser.value(QStringLiteral("sizes")).split(QLatin1Char(',')))
        sizes << size.toInt();

    Table table;
    for (int cases : sizes) {
        StoreSession session;
        session.setStorePath(ensureStore(dir, cases));
        const QString problem = session.unlock(passphrase(), QStringLiteral("bench"));
        if (!problem.isEmpty()) {
            out() << problem << Qt::endl;
            return 1;
        }
        measureQueries(table, *session.store(), cases, runs);
        measureModel(table, session, cases, runs);
        session.lock();
    }
    printTable(table, sizes);
    return 0;
}
