#pragma once

#include <QString>

// Why a body was refused: a code a program can act on, where in the body (a path such as
// "changes[3].fields.text"; empty for the whole body) and a plain sentence. The message
// names fields, never their values, so it is safe to log and to send back.
struct ProtocolError
{
    enum class Code {
        BodyTooLarge,
        InvalidJson,
        NotAnObject,
        TooDeep,
        UnknownField,
        MissingField,
        WrongType,
        UnknownEntity,
        FieldNotAllowed,
        UnknownOp,
        ImmutableEntity,
        BadUuid,
        BadDate,
        BadTimestamp,
        OutOfRange,
        StringTooLong,
        EmptyString,
        TooManyItems,
        DuplicateChange,
        BadValue,
    };

    Code code = Code::BadValue;
    QString path;
    QString message;

    // The code as sent in an error body: "body_too_large", "invalid_json", ...
    static QString codeName(Code code);

    friend bool operator==(const ProtocolError&, const ProtocolError&) = default;
};
