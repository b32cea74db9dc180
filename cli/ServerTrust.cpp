#include "ServerTrust.h"

#include "CliError.h"
#include "CliSession.h"
#include "PassphraseReader.h"

#include <QRegularExpression>

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
    const QUrl url(text, QUrl::StrictMode);
    const bool plain = url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty()
        && url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment()
        && (url.path().isEmpty() || url.path() == QLatin1String("/"));
    if (!plain)
        throw CliError(CliError::InvalidInput,
            tr("--server must be an https address such as https://casebook.example.gov.uk:8443 (no path), "
               "not \"%1\".")
                .arg(text));
    QUrl base;
    base.setScheme(QStringLiteral("https"));
    base.setHost(url.host());
    base.setPort(url.port());
    return base;
}

QString ServerTrust::checkedFingerprint(const QString& text)
{
    if (text.isEmpty())
        return {};
    static const QRegularExpression format(QStringLiteral("^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
    const QString upper = text.toUpper();
    if (!format.match(upper).hasMatch())
        throw CliError(CliError::InvalidInput,
            tr("--fingerprint must be \"SHA256:\" and 32 pairs of hex digits joined by colons, as IT gave "
               "it, not \"%1\".")
                .arg(text));
    return upper;
}

QByteArray ServerTrust::promptPassword(const QString& question)
{
    if (!PassphraseReader::hasTerminal())
        throw CliError(CliError::Usage, tr("No password given: use --password-stdin or run in a terminal."));
    return PassphraseReader::prompt(question);
}

QString ServerTrust::loginFailure(const TransportError& error)
{
    switch (error.kind) {
    case TransportError::Kind::Unauthorized:
        return tr("The server did not accept that username and password.");
    case TransportError::Kind::RateLimited:
        return tr("Too many login attempts: the server asks to wait %n second(s) before the next.", nullptr,
            qMax(1, error.retryAfterSeconds));
    case TransportError::Kind::TlsUntrusted:
        return tr("Login failed: %1 If IT has replaced the server's certificate, log in again with "
                  "--fingerprint and its new fingerprint.")
            .arg(error.message);
    default:
        return tr("Login failed: %1").arg(error.message);
    }
}

ServerCertificateProbe::Result ServerTrust::probe() const
{
    ServerCertificateProbe::Result seen = ServerCertificateProbe::probe(m_server);
    if (!seen.connected)
        throw CliError(CliError::Failure, seen.problem);
    return seen;
}

void ServerTrust::establish(const QString& fingerprint, bool mayAsk)
{
    if (m_pinnedPem.isEmpty()) {
        trustFirstContact(fingerprint, mayAsk);
        return;
    }
    if (fingerprint.isEmpty() || fingerprint == m_pinnedFingerprint)
        return;
    // A new fingerprint for a pinned server: IT has replaced its certificate.
    const ServerCertificateProbe::Result seen = probe();
    if (seen.fingerprint != fingerprint)
        throw CliError(CliError::Failure,
            tr("The fingerprint given is neither the one confirmed for %1 before nor the one it shows now "
               "(%2). Nothing was stored; check the fingerprint with IT.")
                .arg(m_server.host(), seen.fingerprint));
    pin(seen);
}

void ServerTrust::trustFirstContact(const QString& fingerprint, bool mayAsk)
{
    const ServerCertificateProbe::Result seen = probe();
    if (seen.trustedBySystem) {
        if (!fingerprint.isEmpty() && fingerprint != seen.fingerprint)
            throw CliError(CliError::Failure,
                tr("%1 shows the certificate fingerprint %2, not the one given. Nothing was stored; check "
                   "the fingerprint with IT.")
                    .arg(m_server.host(), seen.fingerprint));
        m_pinnedPem.clear();
        m_pinnedFingerprint.clear();
        return;
    }
    if (!seen.pinnable) {
        QStringList problems;
        for (const QSslError& e : seen.errors)
            problems << e.errorString();
        throw CliError(CliError::Failure,
            tr("The certificate of %1 cannot be trusted even if confirmed: %2. Ask IT.")
                .arg(m_server.host(), problems.join(QStringLiteral("; "))));
    }
    confirm(seen, fingerprint, mayAsk);
}

void ServerTrust::confirm(const ServerCertificateProbe::Result& seen, const QString& fingerprint, bool mayAsk)
{
    if (!fingerprint.isEmpty()) {
        if (fingerprint != seen.fingerprint)
            throw CliError(CliError::Failure,
                tr("%1 shows the certificate fingerprint %2, not the one given. Nothing was stored; check "
                   "the fingerprint with IT.")
                    .arg(m_server.host(), seen.fingerprint));
        pin(seen);
        return;
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

QList<QSslCertificate> ServerTrust::certificates() const
{
    return m_pinnedPem.isEmpty() ? QList<QSslCertificate>()
                                 : QSslCertificate::fromData(m_pinnedPem, QSsl::Pem);
}
