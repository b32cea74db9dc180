#pragma once

#include "ProtocolError.h"

#include <utility>
#include <variant>

// A decoded value or the reason it was refused. The project is C++20, so this stands in
// for std::expected; it never throws and never asserts: asking a failed result for its
// value is a programming error the caller avoids by checking ok() first.
template<typename T> class Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    { }
    Result(ProtocolError error)
        : m_state(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    const T& value() const { return std::get<T>(m_state); }
    const ProtocolError& error() const { return std::get<ProtocolError>(m_state); }

private:
    std::variant<T, ProtocolError> m_state;
};
