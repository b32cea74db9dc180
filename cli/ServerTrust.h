#pragma once

#include "sync/ServerCertificateProbe.h"
#include "sync/TransportError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

class CliSession;

// Which certificate login trusts for a server: the one pinned for it before, the system's
// CAs when they vouch for it, or (first contact) the one whose fingerprint the worker
// confirms, by --fingerprint or by typing "yes" at a terminal. Hosts names are always
// checked, so a certificate made out for another name is refused even when confirmed.
class ServerTrust
{
    Q_DECLARE_TR_FUNCTIONS(ServerTrust)

public:
    // The server as "https://host[:port]"; throws CliError for anything else.
    static QUrl serverUrl(const QString& text);
    // "SHA256:" and 32 hex pairs, upper-cased; empty when text is; throws CliError otherwise.
    static QString checkedFingerprint(const QString& text);
    static QByteArray promptPassword(const QString& question);
    static QString loginFailure(const TransportError& error);

    ServerTrust(CliSession& session, QUrl server, QByteArray pinnedPem, QString pinnedFingerprint);

    // Settles the certificate to trust or throws CliError (nothing is stored either way).
    // fingerprint: --fingerprint, or empty; mayAsk: a terminal may be asked to confirm.
    void establish(const QString& fingerprint, bool mayAsk);

    QList<QSslCertificate> certificates() const;
    const QByteArray& pinnedPem() const { return m_pinnedPem; }
    const QString& pinnedFingerprint() const { return m_pinnedFingerprint; }

private:
    ServerCertificateProbe::Result probe() const;
    void trustFirstContact(const QString& fingerprint, bool mayAsk);
    void confirm(const ServerCertificateProbe::Result& seen, const QString& fingerprint, bool mayAsk);
    void pin(const ServerCertificateProbe::Result& seen);
    bool askOnTerminal(const QString& fingerprint) const;

    CliSession& m_session;
    QUrl m_server;
    QByteArray m_pinnedPem;
    QString m_pinnedFingerprint;
};
