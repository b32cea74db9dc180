#include "Laptop.h"

#include "ServerProcess.h"

#include <QProcess>

Laptop::Laptop(const QString& dir, const QString& username)
    : CliHarness(dir)
    , m_username(username)
{ }

CliResult Laptop::runWithInput(const QStringList& arguments, const QByteArray& input) const
{
    CliResult result;
    QProcess process;
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("CASEBOOK_USER"), m_username);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(dir());
    process.start(QStringLiteral(CASEBOOK_CLI_PATH),
        QStringList {
            QStringLiteral("--store"), storePath(), QStringLiteral("--passphrase-file"), passphraseFile()}
            + arguments);
    if (!process.waitForStarted(60000)) {
        result.err = process.errorString();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = QStringLiteral("timed out: ") + arguments.join(QLatin1Char(' '));
        return result;
    }
    result.finished = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
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
