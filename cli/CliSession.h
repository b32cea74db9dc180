#pragma once

#include "store/Store.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <memory>

// What every command shares: the global options, the open store, today's date and the
// output streams. Commands ask it for the store; it is opened (and audited) on first use.
class CliSession
{
    Q_DECLARE_TR_FUNCTIONS(CliSession)

public:
    CliSession();

    QString storePath;
    QString passphraseFile;
    QString user;

    static QString defaultStorePath();

    Store& store();
    // Creates a new store with the passphrase from the usual sources (asked twice at a prompt).
    Store& createStore(const KdfParams& params);
    QByteArray passphrase(const QString& question, bool confirm);
    // Throws when a new passphrase is too weak to protect the store.
    static void checkNewPassphrase(const QByteArray& secret);
    QString actor() const;
    QDate today() const { return QDate::currentDate(); }

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    void printJson(const QJsonValue& value);

private:
    std::unique_ptr<Store> m_store;
    QTextStream m_out;
    QTextStream m_err;
};
