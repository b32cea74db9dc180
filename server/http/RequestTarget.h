#pragma once

#include <QString>

#include <string_view>

// Splits an HTTP request target ("/v1/pull?since=0") into the percent-decoded path and the
// raw query. Only origin-form targets are accepted: a path starting with '/', valid %XX
// escapes, UTF-8 once decoded, no NUL. Anything else is a bad request.
class RequestTarget
{
public:
    static bool split(std::string_view target, QString* path, QString* query);

private:
    static bool percentDecode(std::string_view encoded, QByteArray* decoded);
};
