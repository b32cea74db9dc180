#include "SyncCommands.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "PassphraseReader.h"
#include "ServerTrust.h"
#include "store/SyncAccount.h"
#include "sync/HttpSyncTransport.h"
#include "sync/SyncSignIn.h"

#include <QJsonObject>
#include <QSysInfo>

namespace {
QString when(const QDateTime& at)
{
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}
} // namespace

void SyncCommands::addStoreOption(CommandParser& parser)
{
    parser.option(QStringLiteral("store"), tr("FILE"), tr("The store (as the global --store)."));
}

void SyncCommands::applyStoreOption(CliSession& session, const CommandParser& parser)
{
    if (parser.isSet(QStringLiteral("store")))
        session.storePath = parser.value(QStringLiteral("store"));
}

void SyncCommands::refuseLeavingChanges(const SyncSignIn::LeftBehind& left, const QString& why, bool insist)
{
    const int waiting = left.waiting;
    if (waiting == 0 || insist)
        return;
    const QStringList& cases = left.caseReferences;
    const QString which = cases.isEmpty() ? tr("none of them about a case")
                                          : tr("on %1").arg(cases.join(QStringLiteral(", ")));
    throw CliError(CliError::Failure,
        tr("%n change(s) made on this laptop have not reached the server yet (%1). %2 would leave them "
           "unsynced; sync them first, or add --insist to go ahead (they stay on this laptop).",
            nullptr, waiting)
            .arg(which, why));
}

int SyncCommands::login(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("login"),
        tr("Log in to the team's sync server. Asks for the store's passphrase and then your server "
           "password (never echoed). The first time, it shows the server certificate's fingerprint: "
           "compare it with the one IT gave you."));
    addStoreOption(p);
    p.option(QStringLiteral("server"), tr("URL"), tr("The server, https://host or https://host:port."));
    p.option(QStringLiteral("user"), tr("NAME"), tr("Your username on the server."));
    p.option(QStringLiteral("fingerprint"), tr("SHA256:..."),
        tr("The server certificate's fingerprint as IT gave it: trusts that certificate without asking "
           "(for scripts). Refused when it does not match."));
    p.flag(QStringLiteral("password-stdin"), tr("Read the password from the first line of standard input."));
    p.flag(QStringLiteral("insist"),
        tr("Log in as another user or to another server although changes wait to be synced."));
    if (!p.parse(session, arguments))
        return 0;
    applyStoreOption(session, p);
    const QUrl server = ServerTrust::serverUrl(p.value(QStringLiteral("server")));
    const QString user = p.value(QStringLiteral("user"));
    if (user.isEmpty())
        throw CliError(CliError::Usage, tr("login: --user is required (see \"casebook-cli login --help\")"));
    const QString fingerprint = ServerTrust::checkedFingerprint(p.value(QStringLiteral("fingerprint")));
    const bool passwordFromStdin = p.isSet(QStringLiteral("password-stdin"));

    SyncAccount account(session.store());
    const QString serverText = server.toString();
    const QString oldServer = account.serverUrl();
    const QString oldUser = account.username();
    refuseLeavingChanges(SyncSignIn::leftBehind(session.store(), server, user),
        tr("Logging in as %1 at %2 instead of %3 at %4")
            .arg(user, serverText, oldUser.isEmpty() ? tr("nobody") : oldUser, oldServer),
        p.isSet(QStringLiteral("insist")));

    ServerTrust trust(session, server,
        oldServer == serverText ? account.pinnedCertificatePem() : QByteArray(),
        oldServer == serverText ? account.pinnedFingerprint() : QString());
    trust.establish(fingerprint, !passwordFromStdin);

    SyncSignIn::Attempt attempt;
    attempt.server = server;
    attempt.pinnedPem = trust.pinnedPem();
    attempt.pinnedFingerprint = trust.pinnedFingerprint();
    attempt.username = user;
    attempt.deviceName = QSysInfo::machineHostName();
    attempt.password = passwordFromStdin
        ? PassphraseReader::fromStdin(tr("password"))
        : ServerTrust::promptPassword(tr("Password for %1 at %2: ").arg(user, server.host()));
    const SyncSignIn::Outcome outcome = SyncSignIn::login(attempt);
    attempt.password.fill('\0');
    if (!outcome.ok)
        throw CliError(
            CliError::Failure, outcome.error ? ServerTrust::loginFailure(*outcome.error) : outcome.problem);
    const SyncAccount::Login& who = outcome.login;
    SyncSignIn::store(session.store(), attempt, who);
    session.out() << tr("Logged in to %1 as %2 (%3), %4%5.")
                         .arg(serverText, who.displayName, user, who.role,
                             who.team.isEmpty() ? QString() : tr(", team %1").arg(who.team))
                  << Qt::endl;
    session.out() << tr("The sign-in lasts until %1; then log in again.").arg(when(who.tokenExpiresAt))
                  << Qt::endl;
    return 0;
}

int SyncCommands::logout(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("logout"),
        tr("Forget the sync sign-in on this laptop (the server stays set, so the next login needs no "
           "fingerprint)."));
    addStoreOption(p);
    p.flag(QStringLiteral("forget-server"), tr("Forget the server and its trusted certificate as well."));
    p.flag(QStringLiteral("insist"), tr("Log out although changes wait to be synced."));
    if (!p.parse(session, arguments))
        return 0;
    applyStoreOption(session, p);
    SyncAccount account(session.store());
    const bool forgetServer = p.isSet(QStringLiteral("forget-server"));
    if (!account.isLoggedIn() && (!forgetServer || account.serverUrl().isEmpty())) {
        session.out() << tr("Not logged in.") << Qt::endl;
        return 0;
    }
    if (account.isLoggedIn())
        refuseLeavingChanges(SyncSignIn::waitingChanges(session.store()), tr("Logging out"),
            p.isSet(QStringLiteral("insist")));
    const QString server = account.serverUrl();
    if (forgetServer)
        account.forgetServer();
    else
        account.clearLogin();
    session.out() << (forgetServer ? tr("Logged out; %1 and its certificate are forgotten.").arg(server)
                                   : tr("Logged out of %1.").arg(server))
                  << Qt::endl;
    return 0;
}

int SyncCommands::whoami(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("whoami"), tr("Ask the sync server who this laptop is logged in as."));
    addStoreOption(p);
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    applyStoreOption(session, p);
    SyncAccount account(session.store());
    if (!account.isLoggedIn() || account.serverUrl().isEmpty())
        throw CliError(CliError::Failure,
            tr("Not logged in: use \"casebook-cli login --server URL --user NAME\" first."));
    const auto result = HttpSyncTransport::forAccount(account)->whoami();
    if (const auto* error = std::get_if<TransportError>(&result))
        throw CliError(CliError::Failure, error->message);
    const WhoamiResponse& w = std::get<WhoamiResponse>(result);
    account.setLogin(
        {w.username, w.displayName, w.role, w.agencyId, w.team, w.deviceId, account.token(), w.expiresAt});
    if (p.json()) {
        session.printJson(QJsonObject {{QStringLiteral("server"), account.serverUrl()},
            {QStringLiteral("username"), w.username}, {QStringLiteral("display_name"), w.displayName},
            {QStringLiteral("role"), w.role}, {QStringLiteral("team"), w.team},
            {QStringLiteral("agency_id"), w.agencyId}, {QStringLiteral("device_id"), w.deviceId},
            {QStringLiteral("expires_at"), w.expiresAt.toString(Qt::ISODateWithMs)}});
        return 0;
    }
    session.out() << tr("%1 (%2), %3, team %4, at %5")
                         .arg(w.displayName, w.username, w.role, w.team, account.serverUrl())
                  << Qt::endl;
    session.out() << tr("Device %1; the sign-in lasts until %2.").arg(w.deviceId, when(w.expiresAt))
                  << Qt::endl;
    return 0;
}
