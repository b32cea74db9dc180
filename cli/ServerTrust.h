#pragma once

#include "sync/ServerCertificateProbe.h"
#include "sync/TransportError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

class CliSession;

// How `casebook-cli login` asks the worker about the server's certificate: by --fingerprint,
// or by typing "yes" at a terminal. The rules themselves (what may be pinned, when the system's
// CAs suffice, what a fingerprint looks like) are sync/SyncSignIn's, shared with the desktop.
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

    const QByteArray& pinnedPem() const { return m_pinnedPem; }
    const QString& pinnedFingerprint() const { return m_pinnedFingerprint; }

private:
    void settle(const ServerCertificateProbe::Result& seen, const QString& fingerprint, bool mayAsk);
    void pin(const ServerCertificateProbe::Result& seen);
    bool askOnTerminal(const QString& fingerprint) const;

    CliSession& m_session;
    QUrl m_server;
    QByteArray m_pinnedPem;
    QString m_pinnedFingerprint;
};
