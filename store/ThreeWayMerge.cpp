#include "ThreeWayMerge.h"

bool ThreeWayMerge::same(const QJsonValue& a, const QJsonValue& b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    const auto absent = [](const QJsonValue& v) { return v.isNull() || v.isUndefined(); };
    if (absent(a) || absent(b))
        return absent(a) && absent(b);
    return a == b;
}

ThreeWayMerge::Outcome ThreeWayMerge::merge(const QStringList& fields, const QJsonObject& base, bool hasBase,
    const QJsonObject& local, const QJsonObject& server)
{
    Outcome out;
    for (const QString& field : fields) {
        const QJsonValue localValue = local.value(field);
        const QJsonValue baseValue = hasBase ? base.value(field) : QJsonValue(QJsonValue::Undefined);
        // A server row without an optional field did not change it.
        const QJsonValue serverValue = server.contains(field) ? server.value(field)
            : (hasBase && base.contains(field))               ? baseValue
                                                              : localValue;
        const bool localChanged = !hasBase || !same(localValue, baseValue);
        const bool serverChanged = !hasBase || !same(serverValue, baseValue);
        if (localChanged && !serverChanged) {
            out.merged.insert(field, localValue);
            out.localOnly.insert(field, localValue);
            continue;
        }
        out.merged.insert(field, serverValue);
        if (localChanged && !same(localValue, serverValue))
            out.conflictLocal.insert(field, localValue);
    }
    return out;
}
