#include "ServerTrust.h"

#include "CliError.h"
#include "CliSession.h"
#include "PassphraseReader.h"
#include "sync/SyncSignIn.h"

#include <cstdio>

ServerTrust::ServerTrust(CliSession& session, QUrl server, QByteArray pinnedPem, QString pinnedFingerprint)
    : m_session(session)
    , m_server(std::move(server))
    , m_pinnedPem(std::move(pinnedPem))
    , m_pinnedFingerprint(std::move(pinnedFingerprint))
{ }

QUrl ServerTrust::serverUrl(const QString& text)
{
    if (text.isEmpty())
        throw CliError(
            CliError::Usage, tr("login: --server is required (see \"casebook-cli login --help\")"));
    QString problem;
    const std::optional<QUrl> url = SyncSignIn::serverUrl(text, &problem);
    if (!url)
        throw CliError(CliError::InvalidInput, tr("--server \"%1\": %2").arg(text, problem));
    return *url;
}

QString ServerTrust::checkedFingerprint(const QString& text)
{
    if (text.isEmpty())
        return {};
    QString normalized = SyncSignIn::normalizedFingerprint(text);
    if (normalized.isEmpty())
        throw CliError(CliError::InvalidInput,
            tr("--fingerprint must be \"SHA256:\" and 32 pairs of hex digits joined by colons, as IT gave "
               "it, not \"%1\".")
                .arg(text));
    return normalized;
}

QByteArray ServerTrust::promptPassword(const QString& question)
{
    if (!PassphraseReader::hasTerminal())
        throw CliError(CliError::Usage, tr("No password given: use --password-stdin or run in a terminal."));
    return PassphraseReader::prompt(question);
}

QString ServerTrust::loginFailure(const TransportError& error)
{
    // The desktop's words, except how to trust a replaced certificate from a command line.
    if (error.kind == TransportError::Kind::TlsUntrusted)
        return tr("Login failed: %1 If IT has replaced the server's certificate, log in again with "
                  "--fingerprint and its new fingerprint.")
            .arg(error.message);
    return SyncSignIn::loginFailure(error);
}

void ServerTrust::establish(const QString& fingerprint, bool mayAsk)
{
    // A server pinned before keeps its certificate, unless IT's new fingerprint is given.
    if (!m_pinnedPem.isEmpty() && (fingerprint.isEmpty() || fingerprint == m_pinnedFingerprint))
        return;
    settle(SyncSignIn::probe(m_server), fingerprint, mayAsk);
}

void ServerTrust::settle(const ServerCertificateProbe::Result& seen, const QString& fingerprint, bool mayAsk)
{
    const SyncSignIn::TrustDecision decision = SyncSignIn::decideTrust(m_server, seen, fingerprint);
    switch (decision.trust) {
    case SyncSignIn::Trust::System:
        m_pinnedPem.clear();
        m_pinnedFingerprint.clear();
        return;
    case SyncSignIn::Trust::Pin:
        pin(seen);
        return;
    case SyncSignIn::Trust::Refuse:
        throw CliError(CliError::Failure, decision.problem);
    case SyncSignIn::Trust::Ask:
        break;
    }
    if (!mayAsk || !PassphraseReader::hasTerminal())
        throw CliError(CliError::Failure,
            tr("This laptop does not know the certificate of %1. Its fingerprint is %2. If that is the one "
               "IT gave you, log in again with --fingerprint %2.")
                .arg(m_server.host(), seen.fingerprint));
    if (!askOnTerminal(seen.fingerprint))
        throw CliError(CliError::Failure, tr("The certificate was not trusted; nothing was stored."));
    pin(seen);
}

void ServerTrust::pin(const ServerCertificateProbe::Result& seen)
{
    m_pinnedPem = seen.certificate.toPem();
    m_pinnedFingerprint = seen.fingerprint;
}

bool ServerTrust::askOnTerminal(const QString& fingerprint) const
{
    m_session.err()
        << tr("This laptop does not know the certificate of %1. Its fingerprint is:").arg(m_server.host())
        << Qt::endl
        << QStringLiteral("  ") << fingerprint << Qt::endl
        << tr("Compare it with the one IT gave you. Type yes to trust it: ");
    m_session.err().flush();
    char line[64] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return false;
    return QString::fromLocal8Bit(line).trimmed().toLower() == QLatin1String("yes");
}
