#include "Api.h"

QString Api::version()
{
    return QStringLiteral("v1");
}

QString Api::loginPath()
{
    return QStringLiteral("/v1/login");
}

QString Api::pushPath()
{
    return QStringLiteral("/v1/push");
}

QString Api::pullPath()
{
    return QStringLiteral("/v1/pull");
}

QString Api::whoamiPath()
{
    return QStringLiteral("/v1/whoami");
}

QString Api::healthPath()
{
    return QStringLiteral("/v1/health");
}

QString Api::digestPath()
{
    return QStringLiteral("/v1/digest");
}
