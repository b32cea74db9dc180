#include "SyncEngine.h"

#include "store/Store.h"
#include "store/StoreError.h"
#include "store/SyncAccount.h"
#include "store/SyncRepository.h"

#include <QCoreApplication>

namespace {

TransportError badResponse(const QString& message)
{
    TransportError error;
    error.kind = TransportError::Kind::BadResponse;
    error.message = message;
    return error;
}

} // namespace

SyncEngine::SyncEngine(Store& store, SyncTransport& transport, const QString& actor, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_transport(transport)
    , m_actor(actor)
{ }

void SyncEngine::cancel()
{
    m_cancelled = true;
    m_transport.cancel();
}

std::optional<TransportError> SyncEngine::cancelled() const
{
    if (!m_cancelled)
        return std::nullopt;
    TransportError error;
    error.kind = TransportError::Kind::Offline;
    error.code = QStringLiteral("cancelled");
    error.message = tr("The sync was cancelled.");
    return error;
}

SyncSummary SyncEngine::run()
{
    if (!m_actor.isEmpty())
        m_store.setActor(m_actor);
    m_refusedThisRun.clear();
    m_handled = 0;
    SyncSummary summary;
    SyncRepository repo(m_store);
    try {
        summary.error = learnDeviceId();
        if (!summary.error)
            summary.error = pushAll(repo, summary);
        if (!summary.error)
            summary.error = pullAll(repo, summary, QStringLiteral("pull"));
        if (!summary.error && repo.fullRepullActive()) // one interrupted earlier: finish it
            summary.error = fullRepull(repo, summary);
        if (!summary.error)
            summary.error = checkDigest(repo, summary);
    } catch (const StoreError& e) {
        // A page or answer that could not be stored rolled back whole; the cursor did not move.
        summary.error = badResponse(tr("What the server sent could not be stored: %1").arg(e.message()));
        summary.error->code = QStringLiteral("store_error");
    }
    summary.ok = !summary.error.has_value();
    finish(repo, summary);
    return summary;
}

// The server names this laptop's device at login and checks it on every push; a login that
// could not ask whoami left it unknown, so ask now (once) rather than be refused.
std::optional<TransportError> SyncEngine::learnDeviceId()
{
    SyncAccount account(m_store);
    m_deviceId = account.deviceId();
    if (!m_deviceId.isEmpty())
        return std::nullopt;
    const TransportResult<WhoamiResponse> who = m_transport.whoami();
    if (const auto* error = std::get_if<TransportError>(&who))
        return *error;
    m_deviceId = std::get<WhoamiResponse>(who).deviceId;
    m_store.write([&] { account.setDeviceId(m_deviceId); });
    return std::nullopt;
}

// ---- push ---------------------------------------------------------------------------------

std::optional<TransportError> SyncEngine::pushAll(SyncRepository& repo, SyncSummary& summary)
{
    for (int round = 0;; ++round) {
        if (auto stop = cancelled())
            return stop;
        const PushBatch batch = repo.nextPushBatch(m_refusedThisRun);
        if (batch.changes.isEmpty())
            return std::nullopt;
        const int before = m_handled + static_cast<int>(m_refusedThisRun.size());
        if (auto error = pushBatch(repo, batch.changes, summary))
            return error;
        emit progress(QStringLiteral("push"), summary.pushed,
            summary.pushed + static_cast<int>(batch.changes.size()) + batch.waiting);
        const bool moved = m_handled + m_refusedThisRun.size() > before;
        // A merged conflict queues the local-only fields again on the server's rev, pushed in
        // the next round; stop if the server keeps moving under us.
        if (!moved || round > 1000)
            return std::nullopt;
    }
}

std::optional<TransportError> SyncEngine::pushBatch(
    SyncRepository& repo, const QList<OutboxChange>& changes, SyncSummary& summary)
{
    PushRequest request;
    request.deviceId = m_deviceId;
    for (const OutboxChange& c : changes)
        request.changes << Change {c.changeId, c.entity, c.rowId, c.baseRev, c.op, c.fields};
    const TransportResult<PushResponse> answer = m_transport.push(request);
    if (const auto* error = std::get_if<TransportError>(&answer)) {
        if (error->kind != TransportError::Kind::Refused) {
            repo.recordAttempt(changes);
            return *error;
        }
        // The request was refused as a whole: find the change(s) to blame by halving, so
        // the others still go.
        if (changes.size() == 1) {
            repo.recordRefusal(changes.first(), error->code, error->message);
            m_refusedThisRun.insert(changes.first().changeId);
            return std::nullopt;
        }
        const qsizetype half = changes.size() / 2;
        if (auto failed = pushBatch(repo, changes.first(half), summary))
            return failed;
        return pushBatch(repo, changes.mid(half), summary);
    }
    const PushResponse& response = std::get<PushResponse>(answer);
    if (response.results.size() != changes.size())
        return badResponse(tr("The server answered a different number of changes than were sent."));
    for (qsizetype i = 0; i < changes.size(); ++i) {
        if (response.results.at(i).changeId != changes.at(i).changeId)
            return badResponse(tr("The server answered for changes in a different order than were sent."));
    }
    const SyncApplyCounts counts = repo.applyPushResults(changes, response.results);
    m_handled += counts.pushed + counts.merged + counts.quarantined
        + static_cast<int>(counts.renumbered.size() + counts.renamedAgencies.size());
    absorb(counts, summary);
    return std::nullopt;
}

// ---- pull and digest ----------------------------------------------------------------------

std::optional<TransportError> SyncEngine::pullAll(
    SyncRepository& repo, SyncSummary& summary, const QString& stage)
{
    for (;;) {
        if (auto stop = cancelled())
            return stop;
        PullRequest request;
        request.since = repo.pullCursor();
        request.limit = m_pageSize;
        const TransportResult<PullResponse> answer = m_transport.pull(request);
        if (const auto* error = std::get_if<TransportError>(&answer))
            return *error;
        const PullResponse& page = std::get<PullResponse>(answer);
        if (page.hasMore && page.next <= request.since)
            return badResponse(tr("The server's pull cursor did not move forward."));
        absorb(repo.applyPullPage(page), summary);
        emit progress(stage, summary.pulled, 0);
        if (!page.hasMore)
            return std::nullopt;
    }
}

std::optional<TransportError> SyncEngine::checkDigest(SyncRepository& repo, SyncSummary& summary)
{
    bool pulledAgain = false;
    for (;;) {
        if (auto stop = cancelled())
            return stop;
        const RowDigest digest = repo.digest();
        DigestRequest request {digest.hex(), digest.rows(), repo.pullCursor()};
        emit progress(QStringLiteral("digest"), 0, 1);
        const TransportResult<DigestResponse> answer = m_transport.digest(request);
        if (const auto* error = std::get_if<TransportError>(&answer))
            return *error;
        const DigestResponse& response = std::get<DigestResponse>(answer);
        if (response.match || summary.fullRepull)
            return std::nullopt; // after a full re-pull a remaining difference waits for the next sync
        if (request.cursor < response.latestSeq && !pulledAgain) {
            pulledAgain = true; // changes arrived after our pull: fetch them, then judge again
            if (auto error = pullAll(repo, summary, QStringLiteral("pull")))
                return error;
            continue;
        }
        repo.startFullRepull();
        return fullRepull(repo, summary);
    }
}

std::optional<TransportError> SyncEngine::fullRepull(SyncRepository& repo, SyncSummary& summary)
{
    summary.fullRepull = true;
    if (auto error = pullAll(repo, summary, QStringLiteral("repull")))
        return error; // the seen rows and the cursor are kept: the next sync resumes it
    const QStringList removed = repo.finishFullRepull();
    for (const QString& reference : removed) {
        summary.removedCaseReferences << reference;
        emit caseRemoved(reference);
    }
    return std::nullopt;
}

// ---- bookkeeping --------------------------------------------------------------------------

void SyncEngine::absorb(const SyncApplyCounts& counts, SyncSummary& summary)
{
    summary.pushed += counts.pushed;
    summary.pulled += counts.pulled;
    summary.conflicts += counts.conflicts;
    summary.renumberedCases += counts.renumbered;
    summary.renamedAgencies += counts.renamedAgencies;
    for (const QString& reference : counts.removed) {
        summary.removedCaseReferences << reference;
        emit caseRemoved(reference);
    }
    if (counts.conflicts > 0)
        emit conflictsFound(counts.conflicts);
    for (const QString& reference : counts.reopenCaseReferences) {
        if (summary.reopenCaseReferences.contains(reference))
            continue;
        summary.reopenCaseReferences << reference;
        emit reopenDecisionNeeded(reference);
    }
}

void SyncEngine::finish(SyncRepository& repo, SyncSummary& summary)
{
    try {
        const PushBatch left = repo.nextPushBatch();
        summary.waiting = static_cast<int>(left.changes.size()) + left.waiting;
        summary.quarantined = left.quarantined;
        summary.notCarried = left.notCarried;
        // Counts only: no references, names or values in the audit log's detail.
        const QString detail
            = QStringLiteral("%1: pushed %2, pulled %3, conflicts %4, quarantined %5, waiting %6, "
                             "not carried %7, removed %8, reopen flags %9%10")
                  .arg(summary.ok ? QStringLiteral("sync done") : QStringLiteral("sync failed"))
                  .arg(summary.pushed)
                  .arg(summary.pulled)
                  .arg(summary.conflicts)
                  .arg(summary.quarantined)
                  .arg(summary.waiting)
                  .arg(summary.notCarried)
                  .arg(summary.removedCaseReferences.size())
                  .arg(summary.reopenCaseReferences.size())
                  .arg(summary.fullRepull ? QStringLiteral(", full re-pull") : QString());
        if (summary.ok)
            repo.recordSuccess(detail);
        else
            repo.recordFailure(plainReason(*summary.error), detail);
    } catch (const StoreError&) {
        // The outcome could not be recorded (the store is going away): the summary still says it.
    }
}

QString SyncEngine::plainReason(const TransportError& error)
{
    if (!error.message.isEmpty())
        return error.message;
    switch (error.kind) {
    case TransportError::Kind::Offline:
        return tr("The sync server could not be reached.");
    case TransportError::Kind::TlsUntrusted:
        return tr("The sync server's certificate is not the trusted one.");
    case TransportError::Kind::Unauthorized:
        return tr("Sign in to the sync server again.");
    case TransportError::Kind::DeviceRevoked:
        return tr("An administrator has withdrawn this laptop from sync.");
    case TransportError::Kind::WipeRequested:
        return tr("An administrator has asked for this laptop's store to be wiped.");
    case TransportError::Kind::RateLimited:
        return tr("The sync server is busy; it will be tried again later.");
    case TransportError::Kind::Refused:
        return tr("The sync server refused the request.");
    case TransportError::Kind::ServerError:
        return tr("The sync server had a problem; it will be tried again later.");
    case TransportError::Kind::BadResponse:
        return tr("The sync server's answer could not be understood.");
    }
    return {};
}
