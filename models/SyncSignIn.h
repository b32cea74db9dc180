#pragma once

#include "store/SyncAccount.h"
#include "sync/ServerCertificateProbe.h"
#include "sync/TransportError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <optional>

class Store;

// The steps of signing in to the sync server that do not need a window, under the same
// rules as `casebook-cli login` (cli/SyncCommands, cli/ServerTrust): an https address with
// no path; a server pinned before keeps its certificate; first contact probes the
// certificate and pins it only when the worker confirms its fingerprint (a server the
// system's CAs vouch for is not pinned; a wrong name or an expired certificate cannot be
// pinned away); login and whoami; the account written in one transaction. probe() and
// login() block (a network round trip): call them off the GUI thread.
class SyncSignIn
{
    Q_DECLARE_TR_FUNCTIONS(SyncSignIn)

public:
    // "https://host[:port]" or nothing (with why in *problem).
    static std::optional<QUrl> serverUrl(const QString& text, QString* problem);
    // "SHA256:" and 32 hex pairs, upper-cased; empty when text is not one.
    static QString normalizedFingerprint(const QString& text);
    // A login refusal in plain words.
    static QString loginFailure(const TransportError& error);
    // Why a certificate cannot be trusted even if confirmed.
    static QString unpinnableReason(const QUrl& server, const ServerCertificateProbe::Result& seen);

    struct Attempt
    {
        QUrl server;
        QByteArray pinnedPem; // trusted beside the system's CAs; empty when they vouch for it
        QString pinnedFingerprint;
        QString username;
        QByteArray password; // wiped by login()
        QString deviceName;
    };

    struct Outcome
    {
        bool ok = false;
        QString problem;
        SyncAccount::Login login;
    };

    static ServerCertificateProbe::Result probe(const QUrl& server);
    // Logs in and asks whoami for the team and device; blocking.
    static Outcome login(Attempt attempt);
    // Writes the server, its pin and the login in one transaction.
    static void store(Store& store, const Attempt& attempt, const SyncAccount::Login& login);

    // Who would be left behind by signing in as username at server: the changes waiting and
    // their cases. Empty when it is the same server and user, or nothing waits.
    struct LeftBehind
    {
        int waiting = 0;
        QStringList caseReferences;
    };
    static LeftBehind leftBehind(Store& store, const QUrl& server, const QString& username);
};
