#include "DeviceToken.h"

#include <sodium.h>

namespace {
constexpr int tokenBytes = 32;
constexpr int encodedLength = 43; // base64url of 32 bytes without padding
} // namespace

QByteArray DeviceToken::generate()
{
    if (sodium_init() < 0)
        qFatal("libsodium could not be initialised");
    unsigned char raw[tokenBytes];
    randombytes_buf(raw, sizeof raw);
    const QByteArray token = QByteArray(reinterpret_cast<const char*>(raw), tokenBytes)
                                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw, sizeof raw);
    return token;
}

QByteArray DeviceToken::hash(const QByteArray& token)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), crypto_generichash_BYTES,
        reinterpret_cast<const unsigned char*>(token.constData()),
        static_cast<unsigned long long>(token.size()), nullptr, 0);
    return out;
}

QByteArray DeviceToken::fromAuthorization(const QByteArray& header)
{
    static const QByteArray scheme("bearer ");
    if (header.size() != scheme.size() + encodedLength || header.left(scheme.size()).toLower() != scheme)
        return {};
    const QByteArray token = header.mid(scheme.size());
    for (const char c : token) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
        if (!allowed)
            return {};
    }
    return token;
}
