#pragma once

// Valid bodies of every protocol type, shared by the protocol suites: the refusal and
// robustness suites start from these and break one thing at a time.

#include "protocol/ProtocolCodec.h"

#include <QJsonArray>

namespace ProtocolSamples {

inline QString uuid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

// A note as NoteRepository writes it, with the stamps RecordWriter adds.
inline QJsonObject noteFields()
{
    return {{QStringLiteral("case_id"), uuid(10)},
        {QStringLiteral("occurred_on"), QStringLiteral("2026-03-14")},
        {QStringLiteral("author"), QStringLiteral("Sam Worker")},
        {QStringLiteral("agency_id"), QJsonValue::Null}, {QStringLiteral("kind"), QStringLiteral("visit")},
        {QStringLiteral("text"), QStringLiteral("Home visit.")}, {QStringLiteral("significant"), 1},
        {QStringLiteral("agency_only"), 0}, {QStringLiteral("corrects_note_id"), QJsonValue::Null},
        {QStringLiteral("updated_at"), QStringLiteral("2026-03-14T10:15:00.123Z")},
        {QStringLiteral("updated_by"), QStringLiteral("sam")}};
}

inline Change noteCreate()
{
    return {uuid(1), QStringLiteral("note"), uuid(2), 0, QStringLiteral("create"), noteFields()};
}

inline Change caseUpdate()
{
    return {uuid(3), QStringLiteral("case"), uuid(10), 7, QStringLiteral("update"),
        {{QStringLiteral("risk"), QStringLiteral("high")}, {QStringLiteral("review_date"), QJsonValue::Null},
            {QStringLiteral("updated_at"), QStringLiteral("2026-03-15T09:00:00.000Z")},
            {QStringLiteral("updated_by"), QStringLiteral("sam")}}};
}

inline PushRequest pushRequest()
{
    return {uuid(99), {noteCreate(), caseUpdate()}};
}

// The server's whole row of a case.
inline QJsonObject caseRow()
{
    return {{QStringLiteral("reference"), QStringLiteral("PVT-2026-0001")},
        {QStringLiteral("status"), QStringLiteral("open")},
        {QStringLiteral("referral_date"), QStringLiteral("2026-01-05")},
        {QStringLiteral("consent"), QStringLiteral("given")},
        {QStringLiteral("risk"), QStringLiteral("medium")},
        {QStringLiteral("reason"), QStringLiteral("Hoarding")},
        {QStringLiteral("created_at"), QStringLiteral("2026-01-05T08:00:00.000Z")},
        {QStringLiteral("created_by"), QStringLiteral("ali")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-03-15T08:30:00.000Z")},
        {QStringLiteral("updated_by"), QStringLiteral("kim")}};
}

inline PushResponse pushResponse()
{
    PushResult applied;
    applied.changeId = uuid(1);
    applied.status = PushResult::Status::Applied;
    applied.rev = 41;
    PushResult duplicate;
    duplicate.changeId = uuid(4);
    duplicate.status = PushResult::Status::Duplicate;
    duplicate.rev = 12;
    PushResult conflict;
    conflict.changeId = uuid(3);
    conflict.status = PushResult::Status::Conflict;
    conflict.rev = 9;
    conflict.entity = QStringLiteral("case");
    conflict.rowId = uuid(10);
    conflict.fields = caseRow();
    PushResult rejected;
    rejected.changeId = uuid(5);
    rejected.status = PushResult::Status::Rejected;
    rejected.reason = QStringLiteral("forbidden");
    rejected.message = QStringLiteral("Partner users cannot change cases.");
    return {{applied, duplicate, conflict, rejected}};
}

inline PullResponse pullResponse()
{
    PulledChange row {42, QStringLiteral("case"), uuid(10), 9, false, caseRow()};
    PulledChange tombstone {43, QStringLiteral("need"), uuid(11), 3, true, {}};
    return {{row, tombstone}, 43, true};
}

inline LoginRequest loginRequest()
{
    return {
        QStringLiteral("sam"), QStringLiteral("correct horse battery staple"), QStringLiteral("Laptop 14")};
}

inline LoginResponse loginResponse()
{
    return {QStringLiteral("q8V2oZ_token"), QDateTime(QDate(2026, 3, 15), QTime(21, 0, 0, 500), Qt::UTC),
        QStringLiteral("Sam Worker"), uuid(20), QStringLiteral("worker")};
}

inline ErrorBody errorBody()
{
    return {QStringLiteral("missing_field"), QStringLiteral("changes[0].fields.text is missing.")};
}

} // namespace ProtocolSamples
