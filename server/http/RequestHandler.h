#pragma once

#include "ServerRequest.h"
#include "ServerResponse.h"

// The seam between the HTTP/TLS transport (server/http/) and what the server does with a
// request (server/). handle() is called on the transport's pool threads, several at once,
// so an implementation must be thread-safe. It must not throw: every refusal is a response.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual ServerResponse handle(const ServerRequest& request) = 0;
};
