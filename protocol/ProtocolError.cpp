#include "ProtocolError.h"

QString ProtocolError::codeName(Code code)
{
    switch (code) {
    case Code::BodyTooLarge:
        return QStringLiteral("body_too_large");
    case Code::InvalidJson:
        return QStringLiteral("invalid_json");
    case Code::NotAnObject:
        return QStringLiteral("not_an_object");
    case Code::TooDeep:
        return QStringLiteral("too_deep");
    case Code::UnknownField:
        return QStringLiteral("unknown_field");
    case Code::MissingField:
        return QStringLiteral("missing_field");
    case Code::WrongType:
        return QStringLiteral("wrong_type");
    case Code::UnknownEntity:
        return QStringLiteral("unknown_entity");
    case Code::FieldNotAllowed:
        return QStringLiteral("field_not_allowed");
    case Code::UnknownOp:
        return QStringLiteral("unknown_op");
    case Code::ImmutableEntity:
        return QStringLiteral("immutable_entity");
    case Code::BadUuid:
        return QStringLiteral("bad_uuid");
    case Code::BadDate:
        return QStringLiteral("bad_date");
    case Code::BadTimestamp:
        return QStringLiteral("bad_timestamp");
    case Code::OutOfRange:
        return QStringLiteral("out_of_range");
    case Code::StringTooLong:
        return QStringLiteral("string_too_long");
    case Code::EmptyString:
        return QStringLiteral("empty_string");
    case Code::TooManyItems:
        return QStringLiteral("too_many_items");
    case Code::DuplicateChange:
        return QStringLiteral("duplicate_change");
    case Code::BadValue:
        return QStringLiteral("bad_value");
    }
    return QStringLiteral("bad_value");
}
