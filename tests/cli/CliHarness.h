#pragma once

// Runs the built casebook-cli as a separate process, the way a script or a worker at a
// terminal would, against a store in a temporary directory. Shared by the tests/cli suites.

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    bool finished = false; // false when the process could not start or timed out

    // stderr split into lines, without the final empty one.
    QStringList errLines() const;
    // stdout parsed as JSON; an invalid document when it is not JSON.
    QJsonDocument json() const;
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    // A one-line summary for failure messages.
    QByteArray describe() const;
};

class CliHarness
{
public:
    static constexpr auto passphrase = "correct horse battery staple";

    // dir: a directory the harness may fill (a QTemporaryDir's path).
    explicit CliHarness(const QString& dir);

    const QString& dir() const { return m_dir; }
    QString path(const QString& name) const;
    QString storePath() const { return m_storePath; }
    QString kdfPath() const { return m_storePath + QStringLiteral(".kdf"); }
    QString passphraseFile() const { return m_passphraseFile; }
    void setStorePath(const QString& storePath) { m_storePath = storePath; }

    // The environment every run starts from: the caller's, without CASEBOOK_PASSPHRASE and
    // CASEBOOK_USER, with HOME and XDG_DATA_HOME inside dir (so the default store path can
    // never be a real one) and CASEBOOK_USER=tester.
    QProcessEnvironment environment() const;

    // casebook-cli with exactly these arguments.
    // input goes to stdin; with none, stdin is empty (a command that wanted a prompt fails).
    CliResult runRaw(const QStringList& arguments, const QProcessEnvironment& env,
        const QByteArray& input = QByteArray()) const;
    CliResult runRaw(const QStringList& arguments) const { return runRaw(arguments, environment()); }
    // casebook-cli --store STORE --passphrase-file FILE arguments...
    CliResult run(const QStringList& arguments) const;
    // init with fast key derivation (19 MiB, 2 passes).
    CliResult init() const;

    // Writes bytes to a file in dir and returns its path.
    QString writeFile(const QString& name, const QByteArray& bytes) const;
    static QByteArray readFile(const QString& path);

    // The audit log without the entries reading leaves behind (unlock and view), as
    // "action entity entity_id case detail" lines, oldest first: equal before and after a
    // command means the command wrote nothing.
    QStringList auditChanges() const;
    // `case show REF --json` output, the whole record as text.
    QString caseJson(const QString& reference) const;
    // `case list --json` output.
    QString caseListJson() const;

    static QDate today() { return QDate::currentDate(); }
    static QString iso(const QDate& date) { return date.toString(Qt::ISODate); }

private:
    QString m_dir;
    QString m_storePath;
    QString m_passphraseFile;
};

// Assertion helpers that print what the command said when they fail.
#define CLI_EXPECT(result, code)                                                                             \
    do {                                                                                                     \
        const CliResult& cliResult_ = (result);                                                              \
        QVERIFY2(cliResult_.finished&& cliResult_.exitCode == (code), cliResult_.describe().constData());    \
    } while (false)

#define CLI_OK(result) CLI_EXPECT(result, 0)

// Exit code, the exact stderr (message: every line, without the final newline) and nothing
// on stdout.
#define CLI_FAILS(result, code, message)                                                                     \
    do {                                                                                                     \
        const CliResult& cliFail_ = (result);                                                                \
        CLI_EXPECT(cliFail_, code);                                                                          \
        QCOMPARE(cliFail_.err, QString(message) + QLatin1Char('\n'));                                        \
        QCOMPARE(cliFail_.out, QString());                                                                   \
    } while (false)
