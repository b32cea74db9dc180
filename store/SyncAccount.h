#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

class Store;

// The laptop's sync account, kept as named values in the local-only sync_state table (inside
// the encrypted store, never in QSettings): which server, the certificate pinned for it, who
// is logged in with which device token, and how the last sync went. Keys are "account.*" so
// the sync engine's own bookkeeping (the pull cursor) lives beside them without clashing.
// An empty value is stored as no row at all, so "not set" and "empty" read the same.
class SyncAccount
{
public:
    // Who the server says is logged in on this laptop, as login and whoami answer.
    struct Login
    {
        QString username;
        QString displayName;
        QString role;
        QString agencyId;
        QString team;
        QString deviceId;
        QString token;
        QDateTime tokenExpiresAt; // UTC

        friend bool operator==(const Login&, const Login&) = default;
    };

    explicit SyncAccount(Store& store);

    // The server's base URL, "https://host:port".
    QString serverUrl();
    void setServerUrl(const QString& url);

    // The server certificate trusted for this server beside the system's CAs (PEM), and its
    // fingerprint "SHA256:AB:CD:..." as shown at first connection. Both empty when the
    // system's CAs vouch for the server.
    QByteArray pinnedCertificatePem();
    QString pinnedFingerprint();
    void setPinnedCertificate(const QByteArray& pem, const QString& fingerprint);

    QString username();
    QString displayName();
    QString role();
    QString agencyId();
    QString team();
    QString deviceId();
    QString token();
    QDateTime tokenExpiresAt();
    bool isLoggedIn() { return !token().isEmpty(); }

    Login login();
    // Writes every field of login in one transaction (empty fields are cleared).
    void setLogin(const Login& login);
    void setUsername(const QString& value);
    void setDisplayName(const QString& value);
    void setRole(const QString& value);
    void setAgencyId(const QString& value);
    void setTeam(const QString& value);
    void setDeviceId(const QString& value);
    void setToken(const QString& value);
    void setTokenExpiresAt(const QDateTime& value);

    QDateTime lastSuccessAt();
    QDateTime lastFailureAt();
    QString lastFailureReason(); // a plain sentence for the worker, never a token
    void setLastSuccessAt(const QDateTime& at);
    void setLastFailure(const QDateTime& at, const QString& reason);

    // Forgets the token and who was logged in; keeps the server, its pinned certificate and
    // the last outcomes.
    void clearLogin();
    // Forgets everything above, the server and its certificate included.
    void forgetServer();

private:
    QString value(const char* key);
    void setValue(const char* key, const QString& value);
    QDateTime timestamp(const char* key);
    void setTimestamp(const char* key, const QDateTime& at);
    void remove(const char* const* keys, int count);

    Store& m_store;
};
