#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QThread>

namespace {
constexpr int timeoutMs = 60000;

QString serverPath()
{
    return QStringLiteral(CASEBOOK_SERVER_PATH);
}
} // namespace

QByteArray ServerRun::describe() const
{
    return QStringLiteral("exit %1; stdout: %2; stderr: %3").arg(exitCode).arg(out, err).toUtf8();
}

ServerProcess::ServerProcess(const QString& dataDir)
    : m_dataDir(dataDir)
{ }

ServerProcess::~ServerProcess()
{
    stop();
}

ServerRun ServerProcess::admin(const QStringList& arguments, const QByteArray& input) const
{
    ServerRun run;
    QProcess process;
    process.start(serverPath(), arguments);
    if (!process.waitForStarted(timeoutMs)) {
        run.err = process.errorString();
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.finished = process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

bool ServerProcess::init()
{
    const ServerRun run = admin({QStringLiteral("init"), QStringLiteral("--data"), m_dataDir,
        QStringLiteral("--hostname"), QStringLiteral("127.0.0.1")});
    static const QRegularExpression fingerprint(QStringLiteral("(SHA256:[0-9A-F:]{95})"));
    const auto match = fingerprint.match(run.out);
    if (run.exitCode != 0 || !match.hasMatch()) {
        qWarning("init: %s", run.describe().constData());
        return false;
    }
    m_fingerprint = match.captured(1);
    return true;
}

bool ServerProcess::addTeam(const QString& name)
{
    const ServerRun run = admin({QStringLiteral("team"), QStringLiteral("add"), QStringLiteral("--data"),
        m_dataDir, QStringLiteral("--name"), name});
    if (run.exitCode != 0)
        qWarning("team add: %s", run.describe().constData());
    return run.exitCode == 0;
}

QString ServerProcess::addAgency(const QString& name, const QString& kind)
{
    const ServerRun run = admin({QStringLiteral("agency"), QStringLiteral("add"), QStringLiteral("--data"),
        m_dataDir, QStringLiteral("--name"), name, QStringLiteral("--kind"), kind});
    static const QRegularExpression uuid(
        QStringLiteral("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"));
    const auto match = uuid.match(run.out);
    if (run.exitCode != 0 || !match.hasMatch()) {
        qWarning("agency add: %s", run.describe().constData());
        return QString();
    }
    return match.captured(1);
}

bool ServerProcess::addUser(
    const QString& username, const QString& team, const QString& role, const QString& agencyId)
{
    QStringList arguments {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--data"), m_dataDir,
        QStringLiteral("--username"), username, QStringLiteral("--display-name"), username,
        QStringLiteral("--team"), team, QStringLiteral("--role"), role, QStringLiteral("--password-stdin")};
    if (!agencyId.isEmpty())
        arguments << QStringLiteral("--agency") << agencyId;
    const ServerRun run = admin(arguments, QByteArray(password) + '\n');
    if (run.exitCode != 0)
        qWarning("user add: %s", run.describe().constData());
    return run.exitCode == 0;
}

bool ServerProcess::start()
{
    m_serveOutput.clear();
    m_serve.setProcessChannelMode(QProcess::MergedChannels);
    m_serve.start(serverPath(),
        {QStringLiteral("serve"), QStringLiteral("--data"), m_dataDir, QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:%1").arg(m_port)});
    if (!m_serve.waitForStarted(timeoutMs))
        return false;
    static const QRegularExpression listening(QStringLiteral("Listening on https://127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && m_serve.state() == QProcess::Running) {
        m_serve.waitForReadyRead(200);
        m_serveOutput += QString::fromUtf8(m_serve.readAll());
        const auto match = listening.match(m_serveOutput);
        if (match.hasMatch()) {
            m_port = static_cast<quint16>(match.captured(1).toUInt());
            return true;
        }
    }
    qWarning("serve did not start: %s", qPrintable(m_serveOutput));
    return false;
}

int ServerProcess::stop()
{
    if (m_serve.state() == QProcess::NotRunning)
        return m_serve.exitStatus() == QProcess::NormalExit ? m_serve.exitCode() : -1;
    m_serve.terminate();
    if (!m_serve.waitForFinished(timeoutMs)) {
        m_serve.kill();
        m_serve.waitForFinished(5000);
        return -1;
    }
    m_serveOutput += QString::fromUtf8(m_serve.readAll());
    return m_serve.exitStatus() == QProcess::NormalExit ? m_serve.exitCode() : -1;
}
