#pragma once

#include "ServerResponse.h"

// The JSON refusals the transport sends by itself, in the protocol's ErrorBody shape
// ({"error":{"code":"...","message":"..."}}). Messages are fixed sentences: nothing from the
// request, no paths, no library error text.
class ErrorResponse
{
public:
    static ServerResponse make(int status, const char* code, const char* message);

    static ServerResponse badRequest();
    static ServerResponse bodyTooLarge();
    static ServerResponse headerTooLarge();
    static ServerResponse internalError();
    static ServerResponse busy();
};
