#pragma once

#include "AuthContext.h"
#include "SyncServiceOptions.h"
#include "http/RequestHandler.h"

#include <QString>

#include <memory>
#include <optional>
#include <variant>

class ServerStorage;

// What casebook-server does with a request (docs/SYNC.md): routes /v1/login, push, pull,
// digest, whoami and health, authenticates device tokens, and answers every refusal with a
// 4xx ErrorBody that changes nothing. Thread-safe: the transport calls handle() from its
// pool threads; the storage serializes writes.
class SyncService : public RequestHandler
{
public:
    explicit SyncService(std::shared_ptr<ServerStorage> storage, SyncServiceOptions options = {});
    // The serve command's constructor: the SQLCipher store in dataDir (made by init).
    // nullptr and a plain sentence in *error when the data directory is unusable.
    static std::unique_ptr<SyncService> open(
        const QString& dataDir, QString* error, SyncServiceOptions options = {});
    ~SyncService() override;

    ServerResponse handle(const ServerRequest& request) override;

    ServerStorage& storage() { return *m_storage; }

private:
    using AuthOutcome = std::variant<AuthContext, ServerResponse>;

    ServerResponse route(const ServerRequest& request);
    AuthOutcome authenticate(const ServerRequest& request);
    ServerResponse login(const ServerRequest& request);
    ServerResponse push(const ServerRequest& request, const AuthContext& auth);
    ServerResponse pull(const ServerRequest& request, const AuthContext& auth);
    ServerResponse digest(const ServerRequest& request, const AuthContext& auth);
    ServerResponse whoami(const AuthContext& auth);
    ServerResponse health();
    std::optional<ServerResponse> reserveAttempt(const ServerUser& user, const QDateTime& now);
    void audit(const QString& actor, const QString& action, const QString& subject);
    QDateTime now() const;

    std::shared_ptr<ServerStorage> m_storage;
    SyncServiceOptions m_options;
    QByteArray m_dummyHash;
};
