#include "CliSession.h"

#include "CliError.h"
#include "PassphraseReader.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cstdio>

namespace {
constexpr int minimumPassphraseLength = 12;
}

CliSession::CliSession()
    : m_out(stdout)
    , m_err(stderr)
{ }

QString CliSession::defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/casebook.store");
}

QString CliSession::actor() const
{
    if (!user.isEmpty())
        return user;
    QString fromEnv = qEnvironmentVariable("CASEBOOK_USER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString login = qEnvironmentVariable("USER");
    return login.isEmpty() ? QStringLiteral("worker") : login;
}

QByteArray CliSession::passphrase(const QString& question, bool confirm)
{
    if (!passphraseFile.isEmpty())
        return PassphraseReader::fromFile(passphraseFile);
    QByteArray fromEnv = PassphraseReader::fromEnvironment();
    if (!fromEnv.isEmpty())
        return fromEnv;
    QByteArray first = PassphraseReader::prompt(question);
    if (confirm && PassphraseReader::prompt(tr("Type it again: ")) != first)
        throw CliError(CliError::Usage, tr("The two passphrases do not match; nothing was changed."));
    return first;
}

Store& CliSession::store()
{
    if (!m_store) {
        const QString path = storePath.isEmpty() ? defaultStorePath() : storePath;
        m_store = Store::open(path, passphrase(tr("Passphrase for %1: ").arg(path), false), actor());
    }
    return *m_store;
}

Store& CliSession::createStore(const KdfParams& params)
{
    const QString path = storePath.isEmpty() ? defaultStorePath() : storePath;
    const QByteArray secret = passphrase(tr("New passphrase for %1: ").arg(path), true);
    checkNewPassphrase(secret);
    m_store = Store::create(path, secret, params, actor());
    return *m_store;
}

void CliSession::checkNewPassphrase(const QByteArray& secret)
{
    if (QString::fromUtf8(secret).size() < minimumPassphraseLength)
        throw CliError(CliError::InvalidInput,
            tr("The passphrase must be at least %1 characters long; a short sentence works well.")
                .arg(minimumPassphraseLength));
}

void CliSession::printJson(const QJsonValue& value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    m_out.flush();
}
