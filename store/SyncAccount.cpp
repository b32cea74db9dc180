#include "SyncAccount.h"

#include "Store.h"
#include "SyncRepository.h"

#include <iterator>

namespace {
constexpr const char* serverUrlKey = "account.server_url";
constexpr const char* pinnedPemKey = "account.pinned_certificate_pem";
constexpr const char* pinnedFingerprintKey = "account.pinned_certificate_fingerprint";
constexpr const char* usernameKey = "account.username";
constexpr const char* displayNameKey = "account.display_name";
constexpr const char* roleKey = "account.role";
constexpr const char* agencyIdKey = "account.agency_id";
constexpr const char* teamKey = "account.team";
constexpr const char* deviceIdKey = "account.device_id";
constexpr const char* tokenKey = "account.token";
constexpr const char* tokenExpiresAtKey = "account.token_expires_at";
constexpr const char* lastSuccessAtKey = "last_success_at"; // written by the sync engine too
constexpr const char* lastFailureAtKey = "last_failure_at";
constexpr const char* lastFailureReasonKey = "last_failure_reason";

constexpr const char* loginKeys[]
    = {usernameKey, displayNameKey, roleKey, agencyIdKey, teamKey, deviceIdKey, tokenKey, tokenExpiresAtKey};
constexpr const char* serverKeys[] = {serverUrlKey, pinnedPemKey, pinnedFingerprintKey};
constexpr const char* outcomeKeys[] = {lastSuccessAtKey, lastFailureAtKey, lastFailureReasonKey};
} // namespace

SyncAccount::SyncAccount(Store& store)
    : m_store(store)
{ }

QString SyncAccount::value(const char* key)
{
    Statement st = m_store.db().prepare("SELECT value FROM sync_state WHERE key = ?1");
    st.bind(1, QLatin1String(key));
    return st.next() ? st.text(0) : QString();
}

void SyncAccount::setValue(const char* key, const QString& value)
{
    if (value.isEmpty()) {
        m_store.db().prepare("DELETE FROM sync_state WHERE key = ?1").bind(1, QLatin1String(key)).run();
        return;
    }
    m_store.db()
        .prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)")
        .bindAll({QLatin1String(key), value})
        .run();
}

QDateTime SyncAccount::timestamp(const char* key)
{
    const QString text = value(key);
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

void SyncAccount::setTimestamp(const char* key, const QDateTime& at)
{
    setValue(key, at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString());
}

void SyncAccount::remove(const char* const* keys, int count)
{
    m_store.write([&] {
        for (int i = 0; i < count; ++i)
            setValue(keys[i], QString());
    });
}

QString SyncAccount::serverUrl()
{
    return value(serverUrlKey);
}

void SyncAccount::setServerUrl(const QString& url)
{
    const QString previous = serverUrl();
    m_store.write([&] {
        setValue(serverUrlKey, url);
        // Another server's cursor and revisions mean nothing here: pull everything from the
        // new one, and what it does not share (and nothing waits to send) leaves the laptop.
        if (!previous.isEmpty() && previous != url)
            SyncRepository(m_store).startFullRepull();
    });
}

QByteArray SyncAccount::pinnedCertificatePem()
{
    return value(pinnedPemKey).toLatin1();
}

QString SyncAccount::pinnedFingerprint()
{
    return value(pinnedFingerprintKey);
}

void SyncAccount::setPinnedCertificate(const QByteArray& pem, const QString& fingerprint)
{
    m_store.write([&] {
        setValue(pinnedPemKey, QString::fromLatin1(pem));
        setValue(pinnedFingerprintKey, fingerprint);
    });
}

QString SyncAccount::username()
{
    return value(usernameKey);
}

QString SyncAccount::displayName()
{
    return value(displayNameKey);
}

QString SyncAccount::role()
{
    return value(roleKey);
}

QString SyncAccount::agencyId()
{
    return value(agencyIdKey);
}

QString SyncAccount::team()
{
    return value(teamKey);
}

QString SyncAccount::deviceId()
{
    return value(deviceIdKey);
}

QString SyncAccount::token()
{
    return value(tokenKey);
}

QDateTime SyncAccount::tokenExpiresAt()
{
    return timestamp(tokenExpiresAtKey);
}

SyncAccount::Login SyncAccount::login()
{
    // Plain reads, not a snapshot: this may run inside the caller's write transaction.
    return Login {
        username(), displayName(), role(), agencyId(), team(), deviceId(), token(), tokenExpiresAt()};
}

void SyncAccount::setLogin(const Login& login)
{
    m_store.write([&] {
        setUsername(login.username);
        setDisplayName(login.displayName);
        setRole(login.role);
        setAgencyId(login.agencyId);
        setTeam(login.team);
        setDeviceId(login.deviceId);
        setToken(login.token);
        setTokenExpiresAt(login.tokenExpiresAt);
    });
}

void SyncAccount::setUsername(const QString& value)
{
    setValue(usernameKey, value);
}

void SyncAccount::setDisplayName(const QString& value)
{
    setValue(displayNameKey, value);
}

void SyncAccount::setRole(const QString& value)
{
    setValue(roleKey, value);
}

void SyncAccount::setAgencyId(const QString& value)
{
    setValue(agencyIdKey, value);
}

void SyncAccount::setTeam(const QString& value)
{
    setValue(teamKey, value);
}

void SyncAccount::setDeviceId(const QString& value)
{
    setValue(deviceIdKey, value);
}

void SyncAccount::setToken(const QString& value)
{
    setValue(tokenKey, value);
}

void SyncAccount::setTokenExpiresAt(const QDateTime& value)
{
    setTimestamp(tokenExpiresAtKey, value);
}

QDateTime SyncAccount::lastSuccessAt()
{
    return timestamp(lastSuccessAtKey);
}

QDateTime SyncAccount::lastFailureAt()
{
    return timestamp(lastFailureAtKey);
}

QString SyncAccount::lastFailureReason()
{
    return value(lastFailureReasonKey);
}

void SyncAccount::setLastSuccessAt(const QDateTime& at)
{
    setTimestamp(lastSuccessAtKey, at);
}

void SyncAccount::setLastFailure(const QDateTime& at, const QString& reason)
{
    m_store.write([&] {
        setTimestamp(lastFailureAtKey, at);
        setValue(lastFailureReasonKey, reason);
    });
}

void SyncAccount::clearLogin()
{
    remove(loginKeys, static_cast<int>(std::size(loginKeys)));
}

void SyncAccount::forgetServer()
{
    m_store.write([&] {
        clearLogin();
        remove(serverKeys, static_cast<int>(std::size(serverKeys)));
        remove(outcomeKeys, static_cast<int>(std::size(outcomeKeys)));
    });
}
