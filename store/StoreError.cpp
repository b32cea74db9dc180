#include "StoreError.h"

StoreError::StoreError(Code code, QString message)
    : m_code(code)
    , m_message(std::move(message))
    , m_utf8(m_message.toUtf8())
{ }
