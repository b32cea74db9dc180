#include "Laptop.h"

#include "ServerProcess.h"

Laptop::Laptop(const QString& dir, const QString& username)
    : CliHarness(dir)
    , m_username(username)
{ }

CliResult Laptop::runWithInput(const QStringList& arguments, const QByteArray& input) const
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("CASEBOOK_USER"), m_username);
    return runRaw(QStringList {QStringLiteral("--store"), storePath(), QStringLiteral("--passphrase-file"),
                      passphraseFile()}
            + arguments,
        env, input);
}

CliResult Laptop::initAndLogin(const ServerProcess& server) const
{
    const CliResult made
        = runWithInput({QStringLiteral("init"), QStringLiteral("--kdf-memory-mib"), QStringLiteral("19"),
                           QStringLiteral("--kdf-ops"), QStringLiteral("2")},
            QByteArray());
    if (made.exitCode != 0)
        return made;
    return runWithInput({QStringLiteral("login"), QStringLiteral("--server"), server.url(),
                            QStringLiteral("--user"), m_username, QStringLiteral("--fingerprint"),
                            server.fingerprint(), QStringLiteral("--password-stdin")},
        QByteArray(ServerProcess::password) + '\n');
}

CliResult Laptop::sync() const
{
    return runWithInput({QStringLiteral("sync"), QStringLiteral("--json")}, QByteArray());
}

QString Laptop::addCase(const QString& reason) const
{
    const CliResult made = runWithInput(
        {QStringLiteral("case"), QStringLiteral("add"), QStringLiteral("--reason"), reason,
            QStringLiteral("--given-name"), QStringLiteral("Alex"), QStringLiteral("--family-name"),
            QStringLiteral("Example"), QStringLiteral("--referring-agency"), QStringLiteral("Police")},
        QByteArray());
    if (made.exitCode != 0) {
        qWarning("case add: %s", made.describe().constData());
        return QString();
    }
    return made.out.trimmed();
}
