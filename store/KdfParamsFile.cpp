#include "KdfParamsFile.h"

#include "StoreError.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {
const char* trContext = "KdfParamsFile";
const auto formatName = QStringLiteral("pivot-casebook-kdf");
constexpr qint64 maxFileSize = 4096;

StoreError notAStore(const QString& storePath)
{
    return StoreError(StoreError::Code::NotAStore,
        QCoreApplication::translate(trContext,
            "%1 is not a Pivot Casebook store (its key file %2 is "
            "missing or damaged).")
            .arg(storePath, KdfParamsFile::pathFor(storePath)));
}
} // namespace

QString KdfParamsFile::pathFor(const QString& storePath)
{
    return storePath + QStringLiteral(".kdf");
}

KdfParams KdfParamsFile::read(const QString& storePath)
{
    QFile file(pathFor(storePath));
    if (!file.open(QIODevice::ReadOnly) || file.size() > maxFileSize)
        throw notAStore(storePath);
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(QStringLiteral("format")).toString() != formatName
        || json.value(QStringLiteral("version")).toInt() != 1)
        throw notAStore(storePath);
    KdfParams params;
    params.algorithm = json.value(QStringLiteral("algorithm")).toString();
    params.opsLimit = static_cast<quint64>(json.value(QStringLiteral("opslimit")).toDouble());
    params.memLimit = static_cast<quint64>(json.value(QStringLiteral("memlimit")).toDouble());
    params.salt = QByteArray::fromBase64(json.value(QStringLiteral("salt")).toString().toLatin1());
    if (params.algorithm != QLatin1String("argon2id13") || params.salt.size() != KdfParams::SaltBytes
        || !params.meetsMinimum())
        throw notAStore(storePath);
    return params;
}

void KdfParamsFile::write(const QString& storePath, const KdfParams& params)
{
    QJsonObject json;
    json.insert(QStringLiteral("format"), formatName);
    json.insert(QStringLiteral("version"), 1);
    json.insert(QStringLiteral("algorithm"), params.algorithm);
    json.insert(QStringLiteral("opslimit"), static_cast<double>(params.opsLimit));
    json.insert(QStringLiteral("memlimit"), static_cast<double>(params.memLimit));
    json.insert(QStringLiteral("salt"), QString::fromLatin1(params.salt.toBase64()));
    QSaveFile file(pathFor(storePath));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 || !file.commit())
        throw StoreError(StoreError::Code::Failed,
            QCoreApplication::translate(trContext, "Could not write the key file %1: %2")
                .arg(pathFor(storePath), file.errorString()));
}
