#pragma once

#include <QJsonObject>
#include <QStringList>

// The client's merge of a row changed both here and on the server (docs/SYNC.md): a field
// changed only here keeps the local value (and stays queued), changed only on the server
// takes the server's, changed on both to different values takes the server's and the
// local value becomes a conflict for a worker. Pure: no store, no SQL.
class ThreeWayMerge
{
public:
    struct Outcome
    {
        QJsonObject merged; // every field's value for the record
        QJsonObject localOnly; // fields to push again on the server's rev
        QJsonObject conflictLocal; // field -> the local value the server's replaced
    };

    // hasBase false (a row never synced, or pushed while its answer was lost) treats every
    // field as changed on both sides: equal values agree, different ones conflict.
    static Outcome merge(const QStringList& fields, const QJsonObject& base, bool hasBase,
        const QJsonObject& local, const QJsonObject& server);
    // Numbers compare by value (1 and 1.0 are the same), everything else exactly.
    static bool same(const QJsonValue& a, const QJsonValue& b);
};
