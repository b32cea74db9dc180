#pragma once

// The real casebook-server, run as a separate process on 127.0.0.1 with a port the system
// picks, over a data directory made by `casebook-server init` in a temporary directory. The
// integration suites drive it with real casebook-cli clients (CliHarness).

#include <QProcess>
#include <QString>
#include <QStringList>

struct ServerRun
{
    int exitCode = -1;
    QString out;
    QString err;
    bool finished = false;
    QByteArray describe() const;
};

class ServerProcess
{
public:
    static constexpr auto password = "a long enough test password";

    explicit ServerProcess(const QString& dataDir);
    ~ServerProcess(); // SIGTERM, then waits

    // casebook-server with exactly these arguments; stdin is `input`.
    ServerRun admin(const QStringList& arguments, const QByteArray& input = QByteArray()) const;
    // init --hostname 127.0.0.1 and the fingerprint it printed; false on failure.
    bool init();
    bool addTeam(const QString& name);
    // The new agency's id, or empty on failure.
    QString addAgency(const QString& name, const QString& kind);
    bool addUser(const QString& username, const QString& team, const QString& role,
        const QString& agencyId = QString());

    // serve --listen 127.0.0.1:PORT, on the port of the last start (so laptops signed in to it
    // still reach it after a restart) or one the system picks the first time; waits for the
    // "Listening on" line. false when it did not start.
    bool start();
    // SIGTERM and wait; the exit code (0 for a clean stop), -1 when it had to be killed.
    int stop();
    bool running() const { return m_serve.state() == QProcess::Running; }

    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }
    const QString& fingerprint() const { return m_fingerprint; }
    const QString& dataDir() const { return m_dataDir; }
    QString serveOutput() const { return m_serveOutput; }

private:
    QString m_dataDir;
    QString m_fingerprint;
    QProcess m_serve;
    QString m_serveOutput;
    quint16 m_port = 0;
};
