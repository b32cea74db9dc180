#include "RequestTarget.h"

#include <QByteArray>
#include <QStringDecoder>

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isPrintableAscii(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return false;
    }
    return true;
}

} // namespace

bool RequestTarget::split(std::string_view target, QString* path, QString* query)
{
    if (target.empty() || target.front() != '/' || !isPrintableAscii(target))
        return false;
    const std::size_t mark = target.find('?');
    const std::string_view rawPath = target.substr(0, mark);
    const std::string_view rawQuery
        = mark == std::string_view::npos ? std::string_view() : target.substr(mark + 1);
    QByteArray decoded;
    if (!percentDecode(rawPath, &decoded) || decoded.contains('\0'))
        return false;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decodedPath = utf8.decode(decoded);
    if (utf8.hasError())
        return false;
    *path = decodedPath;
    *query = QString::fromLatin1(rawQuery.data(), static_cast<qsizetype>(rawQuery.size()));
    return true;
}

bool RequestTarget::percentDecode(std::string_view encoded, QByteArray* decoded)
{
    decoded->reserve(static_cast<qsizetype>(encoded.size()));
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') {
            decoded->append(encoded[i]);
            continue;
        }
        if (i + 2 >= encoded.size())
            return false;
        const int high = hexValue(encoded[i + 1]);
        const int low = hexValue(encoded[i + 2]);
        if (high < 0 || low < 0)
            return false;
        decoded->append(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return true;
}
