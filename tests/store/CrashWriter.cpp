// A child process for TestCrashSafety, killed with SIGKILL while it writes.
//
//   CrashWriter <store> <passphrase> loop
//       Adds cases for ever, one transaction each (the case and a note on it), and prints
//       "committed N" (N = cases in the store) after each commit.
//   CrashWriter <store> <passphrase> hold <count>
//       In one transaction adds <count> cases, prints "holding" and sleeps without committing.

#include "store/CaseRepository.h"
#include "store/NoteRepository.h"
#include "store/Store.h"
#include "store/StoreError.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

namespace {
void addCaseWithNote(Store& store, const QString& reason)
{
    CaseRecord c;
    c.referralDate = QDate(2025, 1, 15);
    c.reason = reason;
    CaseRepository(store).add(c);
    CaseNote note;
    note.caseId = c.meta.id;
    note.occurredOn = QDate(2025, 1, 16);
    note.author = QStringLiteral("crash-writer");
    note.text = QStringLiteral("first contact for ") + c.reference;
    NoteRepository(store).add(note, c.reference);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: CrashWriter <store> <passphrase> loop|hold <count>\n");
        return 2;
    }
    try {
        auto store = Store::open(args.at(1), args.at(2).toUtf8(), QStringLiteral("crash-writer"));
        if (args.at(3) == QLatin1String("loop")) {
            for (int i = 0;; ++i) {
                store->write([&] { addCaseWithNote(*store, QStringLiteral("committed case %1").arg(i)); });
                const qint64 cases = store->db().scalar("SELECT count(*) FROM cases");
                std::printf("committed %lld\n", static_cast<long long>(cases));
                std::fflush(stdout);
            }
        }
        if (args.at(3) == QLatin1String("hold") && args.size() == 5) {
            const int count = args.at(4).toInt();
            store->write([&] {
                for (int i = 0; i < count; ++i)
                    addCaseWithNote(*store, QStringLiteral("uncommitted ") + QString(1000, QLatin1Char('u')));
                std::printf("holding\n");
                std::fflush(stdout);
                QThread::sleep(120);
            });
            return 0;
        }
        std::fprintf(stderr, "unknown mode\n");
        return 2;
    } catch (const StoreError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
