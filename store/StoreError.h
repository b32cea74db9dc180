#pragma once

#include <QString>

#include <exception>

// Why a store operation failed. The message is a plain sentence fit for a worker; it never
// holds personal data or SQL, so it can be shown and logged.
class StoreError : public std::exception
{
public:
    enum class Code {
        Failed,
        WrongPassphrase,
        NotAStore,
        PlaintextDatabase,
        NotFound,
        AlreadyExists,
        Invalid,
        Busy,
        ReadOnly,
        Corrupt,
        NewerSchema,
    };

    StoreError(Code code, QString message);

    Code code() const { return m_code; }
    const QString& message() const { return m_message; }
    const char* what() const noexcept override { return m_utf8.constData(); }

private:
    Code m_code;
    QString m_message;
    QByteArray m_utf8;
};
