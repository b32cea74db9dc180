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

// The rules of signing in to the sync server, shared by the desktop's sign-in dialog and
// `casebook-cli login` (which add only how they ask the worker): an https address with no
// path; a server pinned before keeps its certificate; first contact probes the certificate
// and pins it only when the worker confirms its fingerprint (a server the system's CAs vouch
// for is not pinned; a wrong name or an expired certificate cannot be pinned away); login and
// whoami; the account written in one transaction. probe() and login() block (a network round
// trip): call them off the GUI thread.
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

    // What to trust after probing the server: its certificate as the system's CAs vouch for it
    // (nothing pinned), the certificate seen (pinned: the worker confirmed its fingerprint),
    // nothing yet (ask the worker to compare the fingerprint), or nothing at all (problem says
    // why). confirmed is the fingerprint the worker gave (as typed), or empty.
    enum class Trust { System, Pin, Ask, Refuse };
    struct TrustDecision
    {
        Trust trust = Trust::Refuse;
        QString problem;
    };
    static TrustDecision decideTrust(
        const QUrl& server, const ServerCertificateProbe::Result& seen, const QString& confirmed);

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
        std::optional<TransportError> error; // the login's refusal, when that is the problem
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
    // The changes waiting to be sent and their cases, whoever signs in.
    static LeftBehind waitingChanges(Store& store);
};
