#include "SyncSignIn.h"

#include "store/OutboxSummary.h"
#include "store/Store.h"
#include "sync/HttpSyncTransport.h"

#include <QRegularExpression>

std::optional<QUrl> SyncSignIn::serverUrl(const QString& text, QString* problem)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const bool plain = url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty()
        && url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment()
        && (url.path().isEmpty() || url.path() == QLatin1String("/"));
    if (!plain) {
        if (problem)
            *problem = tr("The server address must start with https:// and have no path, such as "
                          "https://casebook.example.gov.uk:8443.");
        return std::nullopt;
    }
    QUrl base;
    base.setScheme(QStringLiteral("https"));
    base.setHost(url.host());
    base.setPort(url.port());
    return base;
}

QString SyncSignIn::normalizedFingerprint(const QString& text)
{
    static const QRegularExpression format(QStringLiteral("^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
    QString upper = text.trimmed().toUpper();
    upper.remove(QLatin1Char(' '));
    return format.match(upper).hasMatch() ? upper : QString();
}

QString SyncSignIn::loginFailure(const TransportError& error)
{
    switch (error.kind) {
    case TransportError::Kind::Unauthorized:
        return tr("The server did not accept that username and password.");
    case TransportError::Kind::RateLimited:
        return tr("Too many sign-in attempts: the server asks to wait %n second(s) before the next.", nullptr,
            qMax(1, error.retryAfterSeconds));
    case TransportError::Kind::Offline:
        return tr("The server could not be reached. Check the address and the network. (%1)")
            .arg(error.message);
    case TransportError::Kind::TlsUntrusted:
        return tr("The server's certificate is not the trusted one: %1 If IT has replaced it, sign in again "
                  "and compare the new fingerprint.")
            .arg(error.message);
    default:
        return tr("Sign-in failed: %1").arg(error.message);
    }
}

QString SyncSignIn::unpinnableReason(const QUrl& server, const ServerCertificateProbe::Result& seen)
{
    QStringList problems;
    for (const QSslError& e : seen.errors)
        problems << e.errorString();
    return tr("The certificate of %1 cannot be trusted even if confirmed: %2. Ask IT.")
        .arg(server.host(), problems.join(QStringLiteral("; ")));
}

SyncSignIn::TrustDecision SyncSignIn::decideTrust(
    const QUrl& server, const ServerCertificateProbe::Result& seen, const QString& confirmed)
{
    if (!seen.connected)
        return {Trust::Refuse, tr("The server could not be reached: %1").arg(seen.problem)};
    const QString given = confirmed.trimmed().isEmpty() ? QString() : normalizedFingerprint(confirmed);
    if (!confirmed.trimmed().isEmpty() && given != seen.fingerprint)
        return {Trust::Refuse,
            tr("The fingerprint from IT is not the one %1 shows (%2). Nothing was stored and nothing was "
               "sent; check the fingerprint with IT.")
                .arg(server.host(), seen.fingerprint)};
    if (seen.trustedBySystem)
        return {Trust::System, QString()};
    if (!seen.pinnable)
        return {Trust::Refuse, unpinnableReason(server, seen)};
    return {given.isEmpty() ? Trust::Ask : Trust::Pin, QString()};
}

ServerCertificateProbe::Result SyncSignIn::probe(const QUrl& server)
{
    return ServerCertificateProbe::probe(server);
}

SyncSignIn::Outcome SyncSignIn::login(Attempt attempt)
{
    Outcome outcome;
    const QList<QSslCertificate> trusted = attempt.pinnedPem.isEmpty()
        ? QList<QSslCertificate>()
        : QSslCertificate::fromData(attempt.pinnedPem, QSsl::Pem);
    HttpSyncTransport transport(attempt.server, trusted);
    const auto result = transport.login(
        LoginRequest {attempt.username, QString::fromUtf8(attempt.password), attempt.deviceName});
    attempt.password.fill('\0');
    if (const auto* error = std::get_if<TransportError>(&result)) {
        outcome.problem = loginFailure(*error);
        outcome.error = *error;
        return outcome;
    }
    const LoginResponse& response = std::get<LoginResponse>(result);
    outcome.login = SyncAccount::Login {attempt.username, response.displayName, response.role,
        response.agencyId, QString(), QString(), response.token, response.expiresAt};
    transport.setToken(response.token);
    if (const auto whoami = transport.whoami(); std::holds_alternative<WhoamiResponse>(whoami)) {
        const WhoamiResponse& w = std::get<WhoamiResponse>(whoami);
        outcome.login.team = w.team;
        outcome.login.deviceId = w.deviceId;
    }
    outcome.ok = true;
    return outcome;
}

void SyncSignIn::store(Store& store, const Attempt& attempt, const SyncAccount::Login& login)
{
    SyncAccount account(store);
    store.write([&] {
        account.setServerUrl(attempt.server.toString());
        account.setPinnedCertificate(attempt.pinnedPem, attempt.pinnedFingerprint);
        account.setLogin(login);
    });
}

SyncSignIn::LeftBehind SyncSignIn::leftBehind(Store& store, const QUrl& server, const QString& username)
{
    SyncAccount account(store);
    const QString oldServer = account.serverUrl();
    const QString oldUser = account.username();
    const bool switching = (!oldServer.isEmpty() && oldServer != server.toString())
        || (!oldUser.isEmpty() && oldUser != username);
    if (!switching)
        return {};
    return waitingChanges(store);
}

SyncSignIn::LeftBehind SyncSignIn::waitingChanges(Store& store)
{
    OutboxSummary outbox(store);
    LeftBehind left;
    left.waiting = outbox.pendingCount();
    if (left.waiting > 0)
        left.caseReferences = outbox.caseReferences();
    return left;
}
