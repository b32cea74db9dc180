#include "StoreSession.h"

#include "ModelsLog.h"
#include "store/AuditLog.h"
#include "store/StoreError.h"

#include <QFileInfo>

#include <utility>

StoreSession::StoreSession(QObject* parent)
    : QObject(parent)
{ }

StoreSession::~StoreSession() = default;

void StoreSession::setStorePath(const QString& path)
{
    m_path = path;
}

bool StoreSession::storeExists() const
{
    return !m_path.isEmpty() && QFileInfo::exists(m_path);
}

QString StoreSession::create(const QByteArray& passphrase, const KdfParams& params, const QString& actor)
{
    if (isUnlocked())
        lock();
    try {
        return opened(Store::create(m_path, passphrase, params, actor));
    } catch (const StoreError& e) {
        return e.message();
    } catch (const std::exception&) {
        // Only allocation failures get here (key derivation asks for hundreds of MiB).
        return tr("The store could not be created: the computer ran out of memory.");
    }
}

QString StoreSession::unlock(const QByteArray& passphrase, const QString& actor)
{
    if (isUnlocked())
        lock();
    try {
        return opened(Store::open(m_path, passphrase, actor));
    } catch (const StoreError& e) {
        if (e.code() == StoreError::Code::WrongPassphrase)
            m_failedAt << QDateTime::currentDateTimeUtc();
        return e.message();
    } catch (const std::exception&) {
        return tr("The store could not be opened: the computer ran out of memory.");
    }
}

QString StoreSession::opened(std::unique_ptr<Store> store)
{
    if (!m_failedAt.isEmpty()) {
        try {
            store->write([&] {
                AuditLog log(*store);
                for (const QDateTime& at : std::as_const(m_failedAt))
                    log.append(QStringLiteral("failed-unlock"), QStringLiteral("store"), QString(), QString(),
                        QStringLiteral("attempted at %1").arg(at.toString(Qt::ISODateWithMs)));
            });
        } catch (const StoreError& e) {
            // Without the audit entries the attempts would go unrecorded: refuse to unlock and
            // keep counting, rather than open a store whose log is incomplete.
            qCWarning(lcModels) << "failed unlocks could not be audited:" << e.message();
            return e.message();
        }
        m_failedAt.clear();
    }
    m_store = std::move(store);
    emit unlocked();
    return QString();
}

void StoreSession::lock()
{
    if (!m_store)
        return;
    // Listeners still see the open store here, so editors can save or park their drafts.
    emit aboutToLock();
    m_store.reset(); // closes the connection; the key lives only in its secure buffer
    emit locked();
}

void StoreSession::notifyCaseChanged(const QString& caseId)
{
    emit caseChanged(caseId);
}

void StoreSession::notifyCaseAdded(const QString& caseId)
{
    emit caseAdded(caseId);
}
