#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

// First contact with a server: one TLS handshake to read its certificate so the worker can
// compare its fingerprint with the one IT gave them before trusting it. Nothing is sent
// over the connection (it is closed during the handshake when the certificate is not
// trusted, after it when it is).
class ServerCertificateProbe
{
    Q_DECLARE_TR_FUNCTIONS(ServerCertificateProbe)

public:
    struct Result
    {
        bool connected = false; // a certificate was received
        QString problem; // why not, in plain words, when !connected
        QSslCertificate certificate; // the server's leaf certificate
        QString fingerprint; // fingerprint(certificate)
        bool trustedBySystem = false; // the system's CAs vouch for it and the name matches
        // Only "not trusted" errors: pinning this certificate would make it trusted. False
        // when the certificate is for another name, expired or not yet valid: pinning
        // cannot fix that (host names stay checked).
        bool pinnable = false;
        QList<QSslError> errors;
    };

    // serverUrl: "https://host:port".
    static Result probe(const QUrl& serverUrl, int timeoutMs = 30000);

    // "SHA256:AB:CD:..." over the certificate's DER: upper-case hex pairs joined by ':', as
    // the server's TlsCertificate::sha256Fingerprint prints it.
    static QString fingerprint(const QSslCertificate& certificate);
};
