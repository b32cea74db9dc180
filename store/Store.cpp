#include "Store.h"

#include "AuditLog.h"
#include "KdfParamsFile.h"
#include "KeyDerivation.h"
#include "Migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace {
const char* trContext = "Store";

QString tr(const char* text)
{
    return QCoreApplication::translate(trContext, text);
}
} // namespace

Store::Store(
    QString path, std::unique_ptr<Database> db, KdfParams params, QString actor, SecureBuffer keyLiteral)
    : m_path(std::move(path))
    , m_db(std::move(db))
    , m_params(std::move(params))
    , m_keyLiteral(std::move(keyLiteral))
    , m_actor(std::move(actor))
{ }

Store::~Store() = default;

std::unique_ptr<Store> Store::create(
    const QString& path, const QByteArray& passphrase, const KdfParams& params, const QString& actor)
{
    if (QFileInfo::exists(path) || QFileInfo::exists(KdfParamsFile::pathFor(path)))
        throw StoreError(StoreError::Code::AlreadyExists,
            tr("%1 already exists; choose another location or open it instead.").arg(path));
    if (!params.meetsMinimum())
        throw StoreError(StoreError::Code::Invalid,
            tr("Key derivation settings below the minimum (19 MiB, 2 passes) are not allowed."));
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        throw StoreError(StoreError::Code::ReadOnly, tr("Could not create the folder for %1.").arg(path));
    const SecureBuffer key = KeyDerivation::deriveKey(passphrase, params);
    try {
        KdfParamsFile::write(path, params);
        SecureBuffer literal = KeyDerivation::sqlcipherKeyLiteral(key);
        auto db = std::make_unique<Database>(path, literal, true);
        Migrations::migrate(*db);
        std::unique_ptr<Store> store(new Store(path, std::move(db), params, actor, std::move(literal)));
        store->write([&] {
            store->setMeta(QStringLiteral("store_id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
            store->setMeta(QStringLiteral("created_at"), store->now().toString(Qt::ISODateWithMs));
            AuditLog(*store).append(
                QStringLiteral("create"), QStringLiteral("store"), QString(), QString(), QString());
        });
        return store;
    } catch (...) {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        QFile::remove(KdfParamsFile::pathFor(path));
        throw;
    }
}

void Store::refuseNonStore(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        throw StoreError(
            StoreError::Code::NotFound, tr("There is no store at %1. Create one with \"init\".").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError(StoreError::Code::ReadOnly, tr("The store file %1 cannot be read.").arg(path));
    const QByteArray head = file.read(16);
    if (head.startsWith("SQLite format 3"))
        throw StoreError(StoreError::Code::PlaintextDatabase,
            tr("%1 is an unencrypted SQLite database, not a Pivot Casebook store; it will not be "
               "opened.")
                .arg(path));
    if (file.size() < 4096 || file.size() % 4096 != 0)
        throw StoreError(StoreError::Code::NotAStore, tr("%1 is not a Pivot Casebook store.").arg(path));
}

std::unique_ptr<Store> Store::open(const QString& path, const QByteArray& passphrase, const QString& actor)
{
    refuseNonStore(path);
    const KdfParams params = KdfParamsFile::read(path);
    const SecureBuffer key = KeyDerivation::deriveKey(passphrase, params);
    SecureBuffer literal = KeyDerivation::sqlcipherKeyLiteral(key);
    auto db = std::make_unique<Database>(path, literal, false);
    Migrations::migrate(*db);
    std::unique_ptr<Store> store(new Store(path, std::move(db), params, actor, std::move(literal)));
    store->write([&] {
        AuditLog(*store).append(
            QStringLiteral("unlock"), QStringLiteral("store"), QString(), QString(), QString());
    });
    return store;
}

std::unique_ptr<Store> Store::openReader()
{
    if (m_keyLiteral.isEmpty())
        throw StoreError(StoreError::Code::Failed, tr("A reader cannot open further readers."));
    return std::unique_ptr<Store>(
        new Store(m_path, Database::openReadOnly(m_path, m_keyLiteral), m_params, m_actor, SecureBuffer()));
}

std::unique_ptr<Store> Store::openWriter()
{
    if (m_keyLiteral.isEmpty())
        throw StoreError(
            StoreError::Code::Failed, tr("A second connection cannot open further connections."));
    return std::unique_ptr<Store>(new Store(
        m_path, std::make_unique<Database>(m_path, m_keyLiteral, false), m_params, m_actor, SecureBuffer()));
}

QString Store::storeId()
{
    return meta(QStringLiteral("store_id"));
}

void Store::changePassphrase(const QByteArray& newPassphrase)
{
    const SecureBuffer key = KeyDerivation::deriveKey(newPassphrase, m_params);
    write([&] {
        AuditLog(*this).append(
            QStringLiteral("rekey"), QStringLiteral("store"), QString(), QString(), QString());
    });
    SecureBuffer literal = KeyDerivation::sqlcipherKeyLiteral(key);
    m_db->rekey(literal);
    m_keyLiteral = std::move(literal);
    // The rekey rewrote every page into the -wal; until they reach the store file it is
    // still under the old key there, and opening proves a key on the store file first.
    m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Store::begin()
{
    if (m_depth++ == 0)
        m_db->exec("BEGIN IMMEDIATE");
}

void Store::commit()
{
    if (--m_depth == 0)
        m_db->exec("COMMIT");
}

void Store::rollback()
{
    if (--m_depth == 0) {
        try {
            m_db->exec("ROLLBACK");
        } catch (const StoreError&) {
            // SQLite may already have rolled back (disk full, I/O error); nothing is left to undo.
        }
    }
}

void Store::endSnapshot()
{
    try {
        m_db->exec("ROLLBACK");
    } catch (const StoreError&) {
        // An interrupted read may have ended the transaction already.
    }
}

QString Store::meta(const QString& key)
{
    Statement st = m_db->prepare("SELECT value FROM meta WHERE key = ?1");
    st.bind(1, key);
    return st.next() ? st.text(0) : QString();
}

void Store::setMeta(const QString& key, const QString& value)
{
    Statement st = m_db->prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    st.bind(1, key).bind(2, value).run();
}

QDateTime Store::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}
