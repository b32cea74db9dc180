#include "CliHarness.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace {
constexpr int timeoutMs = 120000;
}

QStringList CliResult::errLines() const
{
    QStringList lines = err.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QJsonDocument CliResult::json() const
{
    return QJsonDocument::fromJson(out.toUtf8());
}

QByteArray CliResult::describe() const
{
    const QString text = finished
        ? QStringLiteral("exit %1; stdout: %2; stderr: %3").arg(exitCode).arg(out.left(2000), err.left(2000))
        : QStringLiteral("did not finish; stderr: %1").arg(err);
    return text.toUtf8();
}

CliHarness::CliHarness(const QString& dir)
    : m_dir(dir)
    , m_storePath(dir + QStringLiteral("/team.store"))
    , m_passphraseFile(dir + QStringLiteral("/passphrase.txt"))
{
    writeFile(QStringLiteral("passphrase.txt"), QByteArray(passphrase) + '\n');
}

QString CliHarness::path(const QString& name) const
{
    return m_dir + QLatin1Char('/') + name;
}

QProcessEnvironment CliHarness::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CASEBOOK_PASSPHRASE"));
    env.insert(QStringLiteral("CASEBOOK_USER"), QStringLiteral("tester"));
    env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("home/.local/share")));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

CliResult CliHarness::runRaw(
    const QStringList& arguments, const QProcessEnvironment& env, const QByteArray& input) const
{
    CliResult result;
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_dir);
    // stdin is not a terminal: a command that wanted to prompt must fail, not wait.
    if (input.isEmpty())
        process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(CASEBOOK_CLI_PATH), arguments);
    if (!process.waitForStarted(timeoutMs)) {
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(timeoutMs)) {
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

CliResult CliHarness::run(const QStringList& arguments) const
{
    return runRaw(QStringList {QStringLiteral("--store"), m_storePath, QStringLiteral("--passphrase-file"),
                      m_passphraseFile}
        + arguments);
}

CliResult CliHarness::init() const
{
    return run({QStringLiteral("init"), QStringLiteral("--kdf-memory-mib"), QStringLiteral("19"),
        QStringLiteral("--kdf-ops"), QStringLiteral("2")});
}

QString CliHarness::writeFile(const QString& name, const QByteArray& bytes) const
{
    const QString filePath = path(name);
    QFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("Could not write a test file");
    return filePath;
}

QByteArray CliHarness::readFile(const QString& filePath)
{
    QFile file(filePath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList CliHarness::auditChanges() const
{
    const CliResult result = run({QStringLiteral("audit"), QStringLiteral("--limit"),
        QStringLiteral("1000000"), QStringLiteral("--json")});
    if (result.exitCode != 0)
        return {QStringLiteral("audit failed: ") + result.err};
    QStringList lines;
    const QJsonArray entries = result.array();
    for (qsizetype i = entries.size() - 1; i >= 0; --i) {
        const QJsonObject e = entries.at(i).toObject();
        const QString action = e.value(QStringLiteral("action")).toString();
        if (action == QLatin1String("unlock") || action == QLatin1String("view"))
            continue;
        lines << QStringList {action, e.value(QStringLiteral("entity")).toString(),
            e.value(QStringLiteral("entity_id")).toString(), e.value(QStringLiteral("case")).toString(),
            e.value(QStringLiteral("detail")).toString()}
                     .join(QLatin1Char(' '));
    }
    return lines;
}

QString CliHarness::caseJson(const QString& reference) const
{
    const CliResult result
        = run({QStringLiteral("case"), QStringLiteral("show"), reference, QStringLiteral("--json")});
    return result.exitCode == 0 ? result.out : QStringLiteral("case show failed: ") + result.err;
}

QString CliHarness::caseListJson() const
{
    const CliResult result = run({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--json")});
    return result.exitCode == 0 ? result.out : QStringLiteral("case list failed: ") + result.err;
}
