#pragma once

#include <QByteArray>

// Device tokens: 256 random bits sent as base64url (43 characters, no padding). The server
// keeps only their BLAKE2b-256 hash (crypto_generichash), so a copy of the store does not
// let anyone sign in; hashing before lookup also means no comparison runs on the secret.
class DeviceToken
{
public:
    static QByteArray generate();
    static QByteArray hash(const QByteArray& token); // 32 bytes
    // The token from "Bearer <token>", or empty when the header is not that shape.
    static QByteArray fromAuthorization(const QByteArray& header);
};
