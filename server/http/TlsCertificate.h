#pragma once

#include <QString>

// Certificates for casebook-server (OpenSSL). A self-signed one is for trials; councils
// install their own (docs/INSTALL.md). The fingerprint is what an admin reads out to
// workers so the app can pin the server.
class TlsCertificate
{
public:
    // Writes a new EC P-256 key (file mode 0600) and a self-signed certificate valid for
    // 825 days with commonName and subjectAltName DNS:commonName (and IP:commonName when it
    // is an address). Refuses to overwrite existing files. false + *error on failure.
    static bool writeSelfSigned(const QString& certificatePath, const QString& privateKeyPath,
        const QString& commonName, QString* error);
    // "SHA256:AB:CD:..." over the DER of the first certificate in a PEM file; empty on error.
    static QString sha256Fingerprint(const QString& certificatePath);
};
