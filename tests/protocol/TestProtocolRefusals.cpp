#include "ProtocolSamples.h"
#include "protocol/ProtocolCodec.h"
#include "protocol/ProtocolLimits.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace ProtocolSamples;
using Code = ProtocolError::Code;

Q_DECLARE_METATYPE(ProtocolError::Code)

namespace {

QByteArray bytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QJsonValue absent(QJsonValue::Undefined);

// Sets (or with `absent` removes) one key of an object.
QJsonObject with(QJsonObject object, const QString& key, const QJsonValue& value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

// The sample push with one edit to changes[index].
QByteArray pushWithChange(int index, const std::function<QJsonObject(QJsonObject)>& edit)
{
    QJsonObject push = ProtocolCodec::toJson(pushRequest());
    QJsonArray changes = push.value(QStringLiteral("changes")).toArray();
    changes.replace(index, edit(changes.at(index).toObject()));
    push.insert(QStringLiteral("changes"), changes);
    return bytes(push);
}

QByteArray pushWithKey(int index, const QString& key, const QJsonValue& value)
{
    return pushWithChange(index, [&](QJsonObject change) { return with(change, key, value); });
}

QByteArray pushWithField(int index, const QString& key, const QJsonValue& value)
{
    return pushWithChange(index, [&](QJsonObject change) {
        return with(change, QStringLiteral("fields"),
            with(change.value(QStringLiteral("fields")).toObject(), key, value));
    });
}

QByteArray pushResponseWithResult(int index, const QString& key, const QJsonValue& value)
{
    QJsonObject response = ProtocolCodec::toJson(pushResponse());
    QJsonArray results = response.value(QStringLiteral("results")).toArray();
    results.replace(index, with(results.at(index).toObject(), key, value));
    return bytes(with(response, QStringLiteral("results"), results));
}

QByteArray pullWithChange(int index, const QString& key, const QJsonValue& value)
{
    QJsonObject page = ProtocolCodec::toJson(pullResponse());
    QJsonArray changes = page.value(QStringLiteral("changes")).toArray();
    changes.replace(index, with(changes.at(index).toObject(), key, value));
    return bytes(with(page, QStringLiteral("changes"), changes));
}

QJsonArray copies(const QJsonObject& object, int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(object);
    return array;
}

// The error a decoder gives, or nullopt when it accepts the body.
std::optional<ProtocolError> refusal(const QString& decoder, const QByteArray& body)
{
    const auto error = [](const auto& result) -> std::optional<ProtocolError> {
        if (result.ok())
            return std::nullopt;
        return result.error();
    };
    if (decoder == QLatin1String("push"))
        return error(ProtocolCodec::decodePushRequest(body));
    if (decoder == QLatin1String("change"))
        return error(ProtocolCodec::decodeChange(body));
    if (decoder == QLatin1String("pushResponse"))
        return error(ProtocolCodec::decodePushResponse(body));
    if (decoder == QLatin1String("pull"))
        return error(ProtocolCodec::decodePullResponse(body));
    if (decoder == QLatin1String("query"))
        return error(ProtocolCodec::decodePullQuery(QString::fromUtf8(body)));
    if (decoder == QLatin1String("loginRequest"))
        return error(ProtocolCodec::decodeLoginRequest(body));
    if (decoder == QLatin1String("loginResponse"))
        return error(ProtocolCodec::decodeLoginResponse(body));
    if (decoder == QLatin1String("error"))
        return error(ProtocolCodec::decodeErrorBody(body));
    return ProtocolError {Code::BadValue, QStringLiteral("no such decoder in the test"), QString()};
}

} // namespace

// Each rule of docs/SYNC.md's validation, one body at a time: the exact code and path.
class TestProtocolRefusals : public QObject
{
    Q_OBJECT

private slots:
    void refused_data();
    void refused();
    void limitsAreInclusive();
    void messagesNeverCarryValues();
};

void TestProtocolRefusals::refused_data()
{
    QTest::addColumn<QString>("decoder");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Code>("code");
    QTest::addColumn<QString>("path");

    const QString fields = QStringLiteral("fields");
    const QJsonObject note = ProtocolCodec::toJson(noteCreate());
    const QString p = QStringLiteral("push");

    // The body as a whole.
    QTest::newRow("empty body") << p << QByteArray() << Code::InvalidJson << QString();
    QTest::newRow("invalid JSON") << p << QByteArrayLiteral(R"({"device_id": )") << Code::InvalidJson
                                  << QString();
    QTest::newRow("trailing garbage")
        << p << (bytes(ProtocolCodec::toJson(pushRequest())) + "x") << Code::InvalidJson << QString();
    QTest::newRow("array body") << p << QByteArrayLiteral("[]") << Code::NotAnObject << QString();
    QTest::newRow("over 8 MiB") << p << QByteArray(ProtocolLimits::maxBodyBytes + 1, ' ')
                                << Code::BodyTooLarge << QString();
    QTest::newRow("nested too deep") << p << QByteArrayLiteral(R"({"changes":[{"fields":{"text":[[]]}}]})")
                                     << Code::TooDeep << QString();
    QTest::newRow("deep nesting of 100k") << p << QByteArray(100000, '[') << Code::TooDeep << QString();
    QTest::newRow("brackets in strings do not count")
        << p << QByteArrayLiteral(R"({"device_id":"[[[[[[[[","changes":[]})") << Code::BadUuid
        << QStringLiteral("device_id");

    // The push envelope.
    QJsonObject push = ProtocolCodec::toJson(pushRequest());
    QTest::newRow("unknown top-level key") << p << bytes(with(push, QStringLiteral("since"), 1))
                                           << Code::UnknownField << QStringLiteral("since");
    QTest::newRow("missing device_id") << p << bytes(with(push, QStringLiteral("device_id"), absent))
                                       << Code::MissingField << QStringLiteral("device_id");
    QTest::newRow("device_id not a UUID")
        << p << bytes(with(push, QStringLiteral("device_id"), QStringLiteral("laptop"))) << Code::BadUuid
        << QStringLiteral("device_id");
    QTest::newRow("device_id in braces") << p
                                         << bytes(with(push, QStringLiteral("device_id"),
                                                QString(QLatin1Char('{') + uuid(1) + QLatin1Char('}'))))
                                         << Code::BadUuid << QStringLiteral("device_id");
    QTest::newRow("nil UUID") << p
                              << bytes(with(push, QStringLiteral("device_id"),
                                     QStringLiteral("00000000-0000-0000-0000-000000000000")))
                              << Code::BadUuid << QStringLiteral("device_id");
    QTest::newRow("device_id a number") << p << bytes(with(push, QStringLiteral("device_id"), 12))
                                        << Code::WrongType << QStringLiteral("device_id");
    QTest::newRow("changes an object") << p << bytes(with(push, QStringLiteral("changes"), QJsonObject()))
                                       << Code::WrongType << QStringLiteral("changes");
    QTest::newRow("a change that is a string")
        << p << bytes(with(push, QStringLiteral("changes"), QJsonArray {QStringLiteral("x")}))
        << Code::WrongType << QStringLiteral("changes[0]");
    QTest::newRow("501 changes") << p
                                 << bytes(with(push, QStringLiteral("changes"),
                                        copies(note, ProtocolLimits::maxChangesPerPush + 1)))
                                 << Code::TooManyItems << QStringLiteral("changes");
    QTest::newRow("one change id twice") << p << pushWithKey(1, QStringLiteral("change_id"), uuid(1))
                                         << Code::DuplicateChange << QStringLiteral("changes[1].change_id");

    // A change's own keys.
    QTest::newRow("unknown change key") << p << pushWithKey(0, QStringLiteral("payload"), QJsonObject())
                                        << Code::UnknownField << QStringLiteral("changes[0].payload");
    QTest::newRow("missing fields") << p << pushWithKey(0, fields, absent) << Code::MissingField
                                    << QStringLiteral("changes[0].fields");
    QTest::newRow("fields an array") << p << pushWithKey(0, fields, QJsonArray()) << Code::WrongType
                                     << QStringLiteral("changes[0].fields");
    QTest::newRow("unknown entity") << p
                                    << pushWithKey(0, QStringLiteral("entity"), QStringLiteral("setting"))
                                    << Code::UnknownEntity << QStringLiteral("changes[0].entity");
    QTest::newRow("table name is not an entity")
        << p << pushWithKey(0, QStringLiteral("entity"), QStringLiteral("notes")) << Code::UnknownEntity
        << QStringLiteral("changes[0].entity");
    QTest::newRow("entity a number") << p << pushWithKey(0, QStringLiteral("entity"), 3) << Code::WrongType
                                     << QStringLiteral("changes[0].entity");
    QTest::newRow("row_id not a UUID") << p << pushWithKey(0, QStringLiteral("row_id"), QStringLiteral("42"))
                                       << Code::BadUuid << QStringLiteral("changes[0].row_id");
    QTest::newRow("row_id in upper case")
        << p
        << pushWithKey(0, QStringLiteral("row_id"), QStringLiteral("4F0E2A9C-7D2B-4A8E-B1F3-2C9D8E7F6A51"))
        << Code::BadUuid << QStringLiteral("changes[0].row_id");
    QTest::newRow("negative base_rev") << p << pushWithKey(1, QStringLiteral("base_rev"), -1)
                                       << Code::OutOfRange << QStringLiteral("changes[1].base_rev");
    QTest::newRow("fractional base_rev") << p << pushWithKey(1, QStringLiteral("base_rev"), 1.5)
                                         << Code::WrongType << QStringLiteral("changes[1].base_rev");
    QTest::newRow("base_rev as text") << p << pushWithKey(1, QStringLiteral("base_rev"), QStringLiteral("7"))
                                      << Code::WrongType << QStringLiteral("changes[1].base_rev");
    QTest::newRow("base_rev past 2^53") << p << pushWithKey(1, QStringLiteral("base_rev"), 1e16)
                                        << Code::OutOfRange << QStringLiteral("changes[1].base_rev");
    QTest::newRow("create based on a rev") << p << pushWithKey(0, QStringLiteral("base_rev"), 3)
                                           << Code::OutOfRange << QStringLiteral("changes[0].base_rev");
    QTest::newRow("unknown op") << p << pushWithKey(1, QStringLiteral("op"), QStringLiteral("delete"))
                                << Code::UnknownOp << QStringLiteral("changes[1].op");
    QTest::newRow("op in capitals") << p << pushWithKey(1, QStringLiteral("op"), QStringLiteral("UPDATE"))
                                    << Code::UnknownOp << QStringLiteral("changes[1].op");
    QTest::newRow("note update") << p << pushWithChange(0, [](QJsonObject c) {
        c.insert(QStringLiteral("op"), QStringLiteral("update"));
        c.insert(QStringLiteral("base_rev"), 4);
        return c;
    }) << Code::ImmutableEntity << QStringLiteral("changes[0].op");
    QTest::newRow("assessment update") << p << pushWithChange(0, [](QJsonObject c) {
        c.insert(QStringLiteral("entity"), QStringLiteral("assessment"));
        c.insert(QStringLiteral("op"), QStringLiteral("update"));
        return c;
    }) << Code::ImmutableEntity << QStringLiteral("changes[0].op");

    // The fields of a change, against the entity's schema.
    QTest::newRow("field of another entity")
        << p << pushWithField(0, QStringLiteral("risk"), QStringLiteral("high")) << Code::FieldNotAllowed
        << QStringLiteral("changes[0].fields.risk");
    QTest::newRow("row stamp in a change")
        << p << pushWithField(0, QStringLiteral("created_at"), QStringLiteral("2026-03-14T10:15:00.123Z"))
        << Code::FieldNotAllowed << QStringLiteral("changes[0].fields.created_at");
    QTest::newRow("rev is not a field") << p << pushWithField(1, QStringLiteral("rev"), 3)
                                        << Code::FieldNotAllowed << QStringLiteral("changes[1].fields.rev");
    QTest::newRow("text a number") << p << pushWithField(0, QStringLiteral("text"), 5) << Code::WrongType
                                   << QStringLiteral("changes[0].fields.text");
    QTest::newRow("text null") << p << pushWithField(0, QStringLiteral("text"), QJsonValue::Null)
                               << Code::WrongType << QStringLiteral("changes[0].fields.text");
    QTest::newRow("flag as true") << p << pushWithField(0, QStringLiteral("significant"), true)
                                  << Code::WrongType << QStringLiteral("changes[0].fields.significant");
    QTest::newRow("flag 2") << p << pushWithField(0, QStringLiteral("agency_only"), 2) << Code::WrongType
                            << QStringLiteral("changes[0].fields.agency_only");
    QTest::newRow("missing text on create") << p << pushWithField(0, QStringLiteral("text"), absent)
                                            << Code::MissingField << QStringLiteral("changes[0].fields.text");
    QTest::newRow("missing updated_by")
        << p << pushWithField(1, QStringLiteral("updated_by"), absent) << Code::MissingField
        << QStringLiteral("changes[1].fields.updated_by");
    QTest::newRow("update changing nothing") << p << pushWithChange(1, [](QJsonObject c) {
        QJsonObject f = c.value(QStringLiteral("fields")).toObject();
        f.remove(QStringLiteral("risk"));
        f.remove(QStringLiteral("review_date"));
        c.insert(QStringLiteral("fields"), f);
        return c;
    }) << Code::MissingField << QStringLiteral("changes[1].fields");
    QTest::newRow("case_id not a UUID")
        << p << pushWithField(0, QStringLiteral("case_id"), QStringLiteral("PVT-2026-0001")) << Code::BadUuid
        << QStringLiteral("changes[0].fields.case_id");
    QTest::newRow("30 February") << p
                                 << pushWithField(
                                        0, QStringLiteral("occurred_on"), QStringLiteral("2026-02-30"))
                                 << Code::BadDate << QStringLiteral("changes[0].fields.occurred_on");
    QTest::newRow("UK date order") << p
                                   << pushWithField(
                                          0, QStringLiteral("occurred_on"), QStringLiteral("14/03/2026"))
                                   << Code::BadDate << QStringLiteral("changes[0].fields.occurred_on");
    QTest::newRow("date with a time")
        << p << pushWithField(0, QStringLiteral("occurred_on"), QStringLiteral("2026-03-14T00:00:00.000Z"))
        << Code::BadDate << QStringLiteral("changes[0].fields.occurred_on");
    QTest::newRow("timestamp without ms")
        << p << pushWithField(0, QStringLiteral("updated_at"), QStringLiteral("2026-03-14T10:15:00Z"))
        << Code::BadTimestamp << QStringLiteral("changes[0].fields.updated_at");
    QTest::newRow("timestamp with an offset")
        << p
        << pushWithField(0, QStringLiteral("updated_at"), QStringLiteral("2026-03-14T10:15:00.000+01:00"))
        << Code::BadTimestamp << QStringLiteral("changes[0].fields.updated_at");
    QTest::newRow("timestamp hour 25")
        << p << pushWithField(0, QStringLiteral("updated_at"), QStringLiteral("2026-03-14T25:15:00.000Z"))
        << Code::BadTimestamp << QStringLiteral("changes[0].fields.updated_at");
    QTest::newRow("timestamp at 24:00")
        << p << pushWithField(0, QStringLiteral("updated_at"), QStringLiteral("2026-03-14T24:00:00.000Z"))
        << Code::BadTimestamp << QStringLiteral("changes[0].fields.updated_at");
    QTest::newRow("date without zero padding")
        << p << pushWithField(0, QStringLiteral("occurred_on"), QStringLiteral("2026-3-4")) << Code::BadDate
        << QStringLiteral("changes[0].fields.occurred_on");
    QTest::newRow("note text over 100,000")
        << p
        << pushWithField(
               0, QStringLiteral("text"), QString(ProtocolLimits::maxLongText + 1, QLatin1Char('a')))
        << Code::StringTooLong << QStringLiteral("changes[0].fields.text");
    QTest::newRow("author over 1,000") << p
                                       << pushWithField(0, QStringLiteral("author"),
                                              QString(ProtocolLimits::maxShortText + 1, QLatin1Char('a')))
                                       << Code::StringTooLong << QStringLiteral("changes[0].fields.author");
    QTest::newRow("long unknown key is cut in the path")
        << p << pushWithField(0, QString(5000, QLatin1Char('k')), 1) << Code::FieldNotAllowed
        << QStringLiteral("changes[0].fields.") + QString(64, QLatin1Char('k')) + QStringLiteral("...");

    // A single change body: a field value that is an object (the push above would be too deep).
    QTest::newRow("field value an object")
        << QStringLiteral("change")
        << bytes(with(note, fields, with(noteFields(), QStringLiteral("text"), QJsonObject())))
        << Code::WrongType << QStringLiteral("fields.text");
    QTest::newRow("field value an array")
        << QStringLiteral("change")
        << bytes(with(note, fields, with(noteFields(), QStringLiteral("kind"), QJsonArray())))
        << Code::WrongType << QStringLiteral("fields.kind");

    // Push responses.
    const QString pr = QStringLiteral("pushResponse");
    QTest::newRow("unknown status") << pr
                                    << pushResponseWithResult(
                                           0, QStringLiteral("status"), QStringLiteral("ok"))
                                    << Code::BadValue << QStringLiteral("results[0].status");
    QTest::newRow("applied with fields") << pr << pushResponseWithResult(0, fields, QJsonObject())
                                         << Code::UnknownField << QStringLiteral("results[0].fields");
    QTest::newRow("applied at rev 0") << pr << pushResponseWithResult(0, QStringLiteral("rev"), 0)
                                      << Code::OutOfRange << QStringLiteral("results[0].rev");
    QTest::newRow("duplicate without rev") << pr << pushResponseWithResult(1, QStringLiteral("rev"), absent)
                                           << Code::MissingField << QStringLiteral("results[1].rev");
    QTest::newRow("conflict without the row") << pr << pushResponseWithResult(2, fields, absent)
                                              << Code::MissingField << QStringLiteral("results[2].fields");
    QTest::newRow("conflict row without created_at")
        << pr << pushResponseWithResult(2, fields, with(caseRow(), QStringLiteral("created_at"), absent))
        << Code::MissingField << QStringLiteral("results[2].fields.created_at");
    QTest::newRow("conflict row without a required column")
        << pr << pushResponseWithResult(2, fields, with(caseRow(), QStringLiteral("status"), absent))
        << Code::MissingField << QStringLiteral("results[2].fields.status");
    QTest::newRow("conflict of unknown entity")
        << pr << pushResponseWithResult(2, QStringLiteral("entity"), QStringLiteral("cases"))
        << Code::UnknownEntity << QStringLiteral("results[2].entity");
    QTest::newRow("rejection reason not a code")
        << pr << pushResponseWithResult(3, QStringLiteral("reason"), QStringLiteral("Not allowed!"))
        << Code::BadValue << QStringLiteral("results[3].reason");
    QTest::newRow("rejection without a reason")
        << pr << pushResponseWithResult(3, QStringLiteral("reason"), absent) << Code::MissingField
        << QStringLiteral("results[3].reason");

    // Pull responses.
    const QString pl = QStringLiteral("pull");
    const QJsonObject page = ProtocolCodec::toJson(pullResponse());
    QTest::newRow("negative cursor") << pl << bytes(with(page, QStringLiteral("next"), -1))
                                     << Code::OutOfRange << QStringLiteral("next");
    QTest::newRow("has_more as text")
        << pl << bytes(with(page, QStringLiteral("has_more"), QStringLiteral("yes"))) << Code::WrongType
        << QStringLiteral("has_more");
    QTest::newRow("missing has_more") << pl << bytes(with(page, QStringLiteral("has_more"), absent))
                                      << Code::MissingField << QStringLiteral("has_more");
    QTest::newRow("1,001 pulled changes")
        << pl
        << bytes(with(page, QStringLiteral("changes"),
               copies(ProtocolCodec::toJson(pullResponse().changes.at(1)), ProtocolLimits::maxPullLimit + 1)))
        << Code::TooManyItems << QStringLiteral("changes");
    QTest::newRow("seq 0") << pl << pullWithChange(0, QStringLiteral("seq"), 0) << Code::OutOfRange
                           << QStringLiteral("changes[0].seq");
    QTest::newRow("negative rev") << pl << pullWithChange(0, QStringLiteral("rev"), -5) << Code::OutOfRange
                                  << QStringLiteral("changes[0].rev");
    QTest::newRow("deleted as 0") << pl << pullWithChange(1, QStringLiteral("deleted"), 0) << Code::WrongType
                                  << QStringLiteral("changes[1].deleted");
    QTest::newRow("live row missing a column")
        << pl << pullWithChange(0, fields, with(caseRow(), QStringLiteral("reference"), absent))
        << Code::MissingField << QStringLiteral("changes[0].fields.reference");
    QTest::newRow("pulled field of another entity")
        << pl << pullWithChange(1, fields, QJsonObject {{QStringLiteral("text"), QStringLiteral("x")}})
        << Code::FieldNotAllowed << QStringLiteral("changes[1].fields.text");

    // The pull query.
    const QString q = QStringLiteral("query");
    QTest::newRow("query without limit")
        << q << QByteArrayLiteral("since=0") << Code::MissingField << QStringLiteral("limit");
    QTest::newRow("query without since")
        << q << QByteArrayLiteral("limit=10") << Code::MissingField << QStringLiteral("since");
    QTest::newRow("limit over 1,000")
        << q << QByteArrayLiteral("since=0&limit=1001") << Code::OutOfRange << QStringLiteral("limit");
    QTest::newRow("limit 0") << q << QByteArrayLiteral("since=0&limit=0") << Code::OutOfRange
                             << QStringLiteral("limit");
    QTest::newRow("negative since") << q << QByteArrayLiteral("since=-1&limit=10") << Code::OutOfRange
                                    << QStringLiteral("since");
    QTest::newRow("since not a number")
        << q << QByteArrayLiteral("since=abc&limit=10") << Code::WrongType << QStringLiteral("since");
    QTest::newRow("since with a plus")
        << q << QByteArrayLiteral("since=+1&limit=10") << Code::WrongType << QStringLiteral("since");
    QTest::newRow("unknown query key") << q << QByteArrayLiteral("since=1&limit=10&entity=note")
                                       << Code::UnknownField << QStringLiteral("entity");
    QTest::newRow("since twice") << q << QByteArrayLiteral("since=1&since=2&limit=10") << Code::BadValue
                                 << QStringLiteral("since");
    QTest::newRow("long query") << q << QByteArray("since=") + QByteArray(100, '1') + "&limit=1"
                                << Code::BodyTooLarge << QString();

    // Login.
    const QJsonObject login = ProtocolCodec::toJson(loginRequest());
    const QString lr = QStringLiteral("loginRequest");
    QTest::newRow("login without password") << lr << bytes(with(login, QStringLiteral("password"), absent))
                                            << Code::MissingField << QStringLiteral("password");
    QTest::newRow("empty username") << lr << bytes(with(login, QStringLiteral("username"), QString()))
                                    << Code::EmptyString << QStringLiteral("username");
    QTest::newRow("password over 1,000")
        << lr << bytes(with(login, QStringLiteral("password"), QString(1001, QLatin1Char('p'))))
        << Code::StringTooLong << QStringLiteral("password");
    QTest::newRow("username a number") << lr << bytes(with(login, QStringLiteral("username"), 7))
                                       << Code::WrongType << QStringLiteral("username");
    QTest::newRow("login with a team")
        << lr << bytes(with(login, QStringLiteral("team"), QStringLiteral("north"))) << Code::UnknownField
        << QStringLiteral("team");
    const QJsonObject token = ProtocolCodec::toJson(loginResponse());
    const QString ls = QStringLiteral("loginResponse");
    QTest::newRow("expiry in local time")
        << ls << bytes(with(token, QStringLiteral("expires_at"), QStringLiteral("2026-03-15T21:00:00.000")))
        << Code::BadTimestamp << QStringLiteral("expires_at");
    QTest::newRow("empty agency id") << ls << bytes(with(token, QStringLiteral("agency_id"), QString()))
                                     << Code::BadUuid << QStringLiteral("agency_id");
    QTest::newRow("empty token") << ls << bytes(with(token, QStringLiteral("token"), QString()))
                                 << Code::EmptyString << QStringLiteral("token");

    // Error bodies.
    const QString e = QStringLiteral("error");
    QTest::newRow("error as text") << e << QByteArrayLiteral(R"({"error":"x"})") << Code::WrongType
                                   << QStringLiteral("error");
    QTest::newRow("error without message") << e << QByteArrayLiteral(R"({"error":{"code":"x"}})")
                                           << Code::MissingField << QStringLiteral("error.message");
    QTest::newRow("error with extra key")
        << e << QByteArrayLiteral(R"({"error":{"code":"x","message":"m","at":1}})") << Code::UnknownField
        << QStringLiteral("error.at");
}

void TestProtocolRefusals::refused()
{
    QFETCH(QString, decoder);
    QFETCH(QByteArray, body);
    QFETCH(Code, code);
    QFETCH(QString, path);
    const std::optional<ProtocolError> error = refusal(decoder, body);
    QVERIFY2(error.has_value(), "the body was accepted");
    QCOMPARE(ProtocolError::codeName(error->code), ProtocolError::codeName(code));
    QCOMPARE(error->path, path);
    QVERIFY(!error->message.isEmpty());
}

void TestProtocolRefusals::limitsAreInclusive()
{
    // Exactly at each limit is still accepted.
    const QString p = QStringLiteral("push");
    QVERIFY(!refusal(
        p, pushWithField(0, QStringLiteral("text"), QString(ProtocolLimits::maxLongText, QLatin1Char('a')))));
    QVERIFY(!refusal(p,
        pushWithField(0, QStringLiteral("author"), QString(ProtocolLimits::maxShortText, QLatin1Char('a')))));
    QJsonArray many;
    for (int i = 0; i < ProtocolLimits::maxChangesPerPush; ++i) {
        Change change = noteCreate();
        change.changeId = uuid(1000 + i);
        many.append(ProtocolCodec::toJson(change));
    }
    QVERIFY(!refusal(p, bytes(with(ProtocolCodec::toJson(pushRequest()), QStringLiteral("changes"), many))));
    QVERIFY(!refusal(QStringLiteral("query"), QByteArrayLiteral("since=0&limit=1000")));
    QVERIFY(!refusal(QStringLiteral("query"), QByteArrayLiteral("limit=1&since=9007199254740991")));
    // A 2-byte character counts as one.
    QVERIFY(!refusal(
        p, pushWithField(0, QStringLiteral("author"), QString(ProtocolLimits::maxShortText, QChar(0x00e9)))));
}

void TestProtocolRefusals::messagesNeverCarryValues()
{
    // A refused value (which may be personal data) is never echoed back in the message.
    const QString secret = QStringLiteral("Jane Doe lives at 1 High St");
    for (const QByteArray& body :
        {pushWithField(0, QStringLiteral("occurred_on"), secret),
            pushWithField(0, QStringLiteral("agency_id"), secret),
            pushWithField(0, QStringLiteral("significant"), secret),
            pushWithKey(0, QStringLiteral("entity"), secret), pushWithKey(0, QStringLiteral("op"), secret)}) {
        const std::optional<ProtocolError> error = refusal(QStringLiteral("push"), body);
        QVERIFY(error.has_value());
        QVERIFY2(!error->message.contains(QStringLiteral("Jane")), qPrintable(error->message));
    }
}

QTEST_GUILESS_MAIN(TestProtocolRefusals)
#include "TestProtocolRefusals.moc"
