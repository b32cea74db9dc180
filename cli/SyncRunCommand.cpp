#include "SyncRunCommand.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "store/SyncAccount.h"
#include "store/SyncIssues.h"
#include "sync/HttpSyncTransport.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace {
QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QString valueText(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("(empty)");
    if (value.isString())
        return value.toString();
    return QString::number(value.toDouble(), 'g', 15);
}
} // namespace

int SyncRunCommand::run(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (sub.isEmpty() || sub.startsWith(QLatin1Char('-')))
        return syncNow(session, arguments);
    if (sub == QLatin1String("conflicts"))
        return conflicts(session, rest);
    if (sub == QLatin1String("resolve"))
        return resolve(session, rest);
    if (sub == QLatin1String("quarantined"))
        return quarantined(session, rest);
    if (sub == QLatin1String("release"))
        return release(session, rest);
    if (sub == QLatin1String("reopen"))
        return reopen(session, rest);
    if (sub == QLatin1String("removed"))
        return removed(session, rest);
    throw CliError(CliError::Usage,
        tr("sync: expected no argument or one of conflicts, resolve, quarantined, release, reopen, removed "
           "(got \"%1\")")
            .arg(sub));
}

int SyncRunCommand::syncNow(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync"),
        tr("Send this laptop's changes to the team's server and bring back everyone else's, then check "
           "that both hold the same records. Exits 1 when the sync could not finish (nothing is lost: "
           "unsent changes stay queued). Subcommands list what a sync leaves for you: conflicts, "
           "quarantined, reopen, removed."));
    p.jsonOption();
    p.option(QStringLiteral("server"), tr("URL"),
        tr("The server this laptop is logged in to; refused when it is another (log in to that one first)."));
    if (!p.parse(session, arguments))
        return 0;
    Store& store = session.store();
    SyncAccount account(store);
    if (!account.isLoggedIn() || account.serverUrl().isEmpty())
        throw CliError(CliError::Failure,
            tr("Not logged in: use \"casebook-cli login --server URL --user NAME\" first."));
    const QString server = p.value(QStringLiteral("server"));
    if (!server.isEmpty()
        && QUrl(server).adjusted(QUrl::StripTrailingSlash)
            != QUrl(account.serverUrl()).adjusted(QUrl::StripTrailingSlash))
        throw CliError(CliError::Failure,
            tr("This laptop is logged in to %1, not %2: use \"casebook-cli login --server %2\" first.")
                .arg(account.serverUrl(), server));
    const std::unique_ptr<HttpSyncTransport> transport = HttpSyncTransport::forAccount(account);
    SyncEngine engine(store, *transport, session.actor());
    const SyncSummary summary = engine.run();
    printSummary(session, summary, p.json());
    if (!summary.ok)
        throw CliError(CliError::Failure,
            summary.error ? summary.error->message : tr("The sync did not finish; try again later."));
    return 0;
}

void SyncRunCommand::printSummary(CliSession& session, const SyncSummary& summary, bool json)
{
    if (json) {
        session.printJson(QJsonObject {{QStringLiteral("ok"), summary.ok},
            {QStringLiteral("pushed"), summary.pushed}, {QStringLiteral("pulled"), summary.pulled},
            {QStringLiteral("conflicts"), summary.conflicts},
            {QStringLiteral("quarantined"), summary.quarantined},
            {QStringLiteral("waiting"), summary.waiting}, {QStringLiteral("not_carried"), summary.notCarried},
            {QStringLiteral("full_repull"), summary.fullRepull},
            {QStringLiteral("removed"), toArray(summary.removedCaseReferences)},
            {QStringLiteral("reopen"), toArray(summary.reopenCaseReferences)},
            {QStringLiteral("renumbered"), toArray(summary.renumberedCases)},
            {QStringLiteral("renamed_agencies"), toArray(summary.renamedAgencies)}});
        return;
    }
    if (!summary.ok)
        return;
    QTextStream& out = session.out();
    out << tr("Sent %n change(s); ", nullptr, summary.pushed) << tr("received %n.", nullptr, summary.pulled)
        << Qt::endl;
    if (summary.waiting > 0)
        out << tr("%n change(s) still wait to be sent.", nullptr, summary.waiting) << Qt::endl;
    if (summary.conflicts > 0)
        out << tr("%n field(s) were changed here and on the server: the server's value is in the record and "
                  "yours is kept; see \"casebook-cli sync conflicts\".",
            nullptr, summary.conflicts)
            << Qt::endl;
    if (summary.quarantined > 0)
        out << tr("%n change(s) the server refused are set aside; see \"casebook-cli sync quarantined\".",
            nullptr, summary.quarantined)
            << Qt::endl;
    if (summary.notCarried > 0)
        out << tr("%n team setting change(s) stay on this laptop: this version cannot sync team settings.",
            nullptr, summary.notCarried)
            << Qt::endl;
    for (const QString& reference : summary.reopenCaseReferences)
        out << tr("%1 was closed on the server after changes made here: decide whether to reopen it.")
                   .arg(reference)
            << Qt::endl;
    for (const QString& change : summary.renumberedCases)
        out << tr("Renumbered %1: another laptop's new case reached the server first with that reference.")
                   .arg(change)
            << Qt::endl;
    for (const QString& change : summary.renamedAgencies)
        out << tr("Renamed agency %1: another laptop's agency reached the server first with that name.")
                   .arg(change)
            << Qt::endl;
    for (const QString& reference : summary.removedCaseReferences)
        out << tr("%1 was taken off this laptop: the server no longer shares it with you.").arg(reference)
            << Qt::endl;
}

int SyncRunCommand::conflicts(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync conflicts"),
        tr("Fields changed both here and on the server. The record holds the server's value; yours is kept "
           "until you decide with \"casebook-cli sync resolve ID --keep-server|--use-mine\"."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    const QList<SyncConflict> list = SyncIssues(session.store()).openConflicts();
    if (p.json()) {
        QJsonArray rows;
        for (const SyncConflict& c : list)
            rows.append(QJsonObject {{QStringLiteral("id"), c.id}, {QStringLiteral("entity"), c.entity},
                {QStringLiteral("row_id"), c.rowId}, {QStringLiteral("case"), c.caseReference},
                {QStringLiteral("field"), c.field}, {QStringLiteral("yours"), c.localValue},
                {QStringLiteral("server"), c.serverValue}, {QStringLiteral("detected_at"), c.detectedAt}});
        session.printJson(rows);
        return 0;
    }
    if (list.isEmpty())
        session.out() << tr("No conflicts.") << Qt::endl;
    for (const SyncConflict& c : list)
        session.out() << tr("%1  %2 %3 %4: yours \"%5\", the server's \"%6\"")
                             .arg(QString::number(c.id), c.caseReference, c.entity, c.field,
                                 valueText(c.localValue), valueText(c.serverValue))
                      << Qt::endl;
    return 0;
}

int SyncRunCommand::resolve(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync resolve"),
        tr("Decide a conflict: keep the server's value, or use yours (sent with the next sync)."));
    p.positional(QStringLiteral("ID"), tr("The conflict's number (see \"sync conflicts\")."));
    p.flag(QStringLiteral("keep-server"), tr("Keep the value now in the record."));
    p.flag(QStringLiteral("use-mine"), tr("Put your value back in the record."));
    if (!p.parse(session, arguments))
        return 0;
    bool ok = false;
    const qint64 id = p.argument(0).toLongLong(&ok);
    const bool keep = p.isSet(QStringLiteral("keep-server"));
    const bool mine = p.isSet(QStringLiteral("use-mine"));
    if (!ok || id <= 0)
        throw CliError(CliError::Usage, tr("sync resolve: ID must be a conflict number."));
    if (keep == mine)
        throw CliError(
            CliError::Usage, tr("sync resolve: give exactly one of --keep-server and --use-mine."));
    SyncIssues(session.store())
        .resolve(id, keep ? SyncIssues::Resolution::KeepServer : SyncIssues::Resolution::UseMine);
    session.out() << (keep ? tr("Kept the server's value.")
                           : tr("Your value is back; it goes with the next sync."))
                  << Qt::endl;
    return 0;
}

int SyncRunCommand::quarantined(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync quarantined"),
        tr("Changes the server refused, set aside so the rest could sync, with the server's reason. "
           "\"casebook-cli sync release SEQ\" sends one again with the next sync."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    const QList<QuarantinedChange> list = SyncIssues(session.store()).quarantinedChanges();
    if (p.json()) {
        QJsonArray rows;
        for (const QuarantinedChange& q : list)
            rows.append(QJsonObject {{QStringLiteral("seq"), q.seq}, {QStringLiteral("entity"), q.entity},
                {QStringLiteral("row_id"), q.rowId}, {QStringLiteral("op"), q.op},
                {QStringLiteral("case"), q.caseReference}, {QStringLiteral("reason"), q.reason},
                {QStringLiteral("message"), q.message}, {QStringLiteral("attempts"), q.attempts}});
        session.printJson(rows);
        return 0;
    }
    if (list.isEmpty())
        session.out() << tr("Nothing is set aside.") << Qt::endl;
    for (const QuarantinedChange& q : list)
        session.out() << tr("%1  %2 %3 %4: %5")
                             .arg(QString::number(q.seq), q.caseReference, q.entity, q.op,
                                 q.message.isEmpty() ? q.reason : q.message)
                      << Qt::endl;
    return 0;
}

int SyncRunCommand::release(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync release"), tr("Send a set-aside change again with the next sync."));
    p.positional(QStringLiteral("SEQ"), tr("The change's number (see \"sync quarantined\")."));
    if (!p.parse(session, arguments))
        return 0;
    bool ok = false;
    const qint64 seq = p.argument(0).toLongLong(&ok);
    if (!ok || seq <= 0)
        throw CliError(CliError::Usage, tr("sync release: SEQ must be a change number."));
    SyncIssues(session.store()).release(seq);
    session.out() << tr("Released; it goes with the next sync.") << Qt::endl;
    return 0;
}

int SyncRunCommand::reopen(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync reopen"),
        tr("Cases closed on the server after changes were made to them here: the changes are kept; decide "
           "whether to reopen each (\"casebook-cli case status REF open\"), then --clear REF."));
    p.jsonOption();
    p.option(QStringLiteral("clear"), tr("REF"), tr("You have decided about this case: drop its flag."));
    if (!p.parse(session, arguments))
        return 0;
    SyncIssues issues(session.store());
    const QList<ReopenFlag> flags = issues.reopenFlags();
    if (p.isSet(QStringLiteral("clear"))) {
        const QString reference = p.value(QStringLiteral("clear"));
        for (const ReopenFlag& f : flags) {
            if (f.caseReference == reference) {
                issues.clearReopenFlag(f.caseId);
                session.out() << tr("Cleared the flag on %1.").arg(reference) << Qt::endl;
                return 0;
            }
        }
        throw CliError(CliError::NotFound, tr("%1 has no reopen flag.").arg(reference));
    }
    if (p.json()) {
        QJsonArray rows;
        for (const ReopenFlag& f : flags)
            rows.append(QJsonObject {{QStringLiteral("case"), f.caseReference},
                {QStringLiteral("server_status"), f.serverStatus},
                {QStringLiteral("raised_at"), f.raisedAt}});
        session.printJson(rows);
        return 0;
    }
    if (flags.isEmpty())
        session.out() << tr("No case waits for a reopen decision.") << Qt::endl;
    for (const ReopenFlag& f : flags)
        session.out() << tr("%1 (%2 on the server)").arg(f.caseReference, f.serverStatus) << Qt::endl;
    return 0;
}

int SyncRunCommand::removed(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sync removed"),
        tr("Cases taken off this laptop because the server no longer shares them, and why. "
           "--acknowledge marks them read."));
    p.jsonOption();
    p.flag(QStringLiteral("acknowledge"), tr("Mark every listed removal as read."));
    if (!p.parse(session, arguments))
        return 0;
    SyncIssues issues(session.store());
    const QList<CaseRemoval> list = issues.unacknowledgedRemovals();
    if (p.json()) {
        QJsonArray rows;
        for (const CaseRemoval& r : list)
            rows.append(QJsonObject {{QStringLiteral("id"), r.id}, {QStringLiteral("case"), r.caseReference},
                {QStringLiteral("reason"), r.reason}, {QStringLiteral("removed_at"), r.removedAt}});
        session.printJson(rows);
    } else {
        if (list.isEmpty())
            session.out() << tr("No case has been taken off this laptop.") << Qt::endl;
        for (const CaseRemoval& r : list)
            session.out() << tr("%1: %2").arg(r.caseReference, r.reason) << Qt::endl;
    }
    if (p.isSet(QStringLiteral("acknowledge"))) {
        for (const CaseRemoval& r : list)
            issues.acknowledgeRemoval(r.id);
    }
    return 0;
}
