#include "ProtocolSamples.h"
#include "protocol/Api.h"
#include "protocol/EntitySchema.h"
#include "protocol/ProtocolCodec.h"

#include <QJsonDocument>
#include <QTest>

using namespace ProtocolSamples;

// Every type encodes and decodes back to an equal value, and the wire names are the ones
// docs/SYNC.md shows.
class TestProtocolCodec : public QObject
{
    Q_OBJECT

private slots:
    void paths();
    void changeRoundTrip();
    void pushRequestRoundTrip();
    void pushResultRoundTrip_data();
    void pushResultRoundTrip();
    void pushResponseRoundTrip();
    void pulledChangeRoundTrip();
    void pullResponseRoundTrip();
    void pullQueryRoundTrip();
    void loginRoundTrip();
    void errorBodyRoundTrip();
    void errorBodyForProtocolError();
    void wireNames();
    void emptyBatchesAreValid();
    void everyEntityAcceptsACreateOfItsRequiredFields_data();
    void everyEntityAcceptsACreateOfItsRequiredFields();
    void schemaTables();
};

void TestProtocolCodec::paths()
{
    QCOMPARE(Api::version(), QStringLiteral("v1"));
    QCOMPARE(Api::loginPath(), QStringLiteral("/v1/login"));
    QCOMPARE(Api::pushPath(), QStringLiteral("/v1/push"));
    QCOMPARE(Api::pullPath(), QStringLiteral("/v1/pull"));
    QCOMPARE(Api::whoamiPath(), QStringLiteral("/v1/whoami"));
    QCOMPARE(Api::healthPath(), QStringLiteral("/v1/health"));
}

void TestProtocolCodec::changeRoundTrip()
{
    for (const Change& change : {noteCreate(), caseUpdate()}) {
        const Result<Change> decoded = ProtocolCodec::decodeChange(ProtocolCodec::encode(change));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        QCOMPARE(decoded.value(), change);
    }
}

void TestProtocolCodec::pushRequestRoundTrip()
{
    const Result<PushRequest> decoded
        = ProtocolCodec::decodePushRequest(ProtocolCodec::encode(pushRequest()));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), pushRequest());
    QCOMPARE(decoded.value().changes.size(), 2);
}

void TestProtocolCodec::pushResultRoundTrip_data()
{
    QTest::addColumn<int>("index");
    QTest::newRow("applied") << 0;
    QTest::newRow("duplicate") << 1;
    QTest::newRow("conflict") << 2;
    QTest::newRow("rejected") << 3;
}

void TestProtocolCodec::pushResultRoundTrip()
{
    QFETCH(int, index);
    const PushResult result = pushResponse().results.at(index);
    const Result<PushResult> decoded = ProtocolCodec::decodePushResult(ProtocolCodec::encode(result));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), result);
}

void TestProtocolCodec::pushResponseRoundTrip()
{
    const Result<PushResponse> decoded
        = ProtocolCodec::decodePushResponse(ProtocolCodec::encode(pushResponse()));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), pushResponse());
}

void TestProtocolCodec::pulledChangeRoundTrip()
{
    for (const PulledChange& change : pullResponse().changes) {
        const Result<PulledChange> decoded = ProtocolCodec::decodePulledChange(ProtocolCodec::encode(change));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        QCOMPARE(decoded.value(), change);
    }
}

void TestProtocolCodec::pullResponseRoundTrip()
{
    const Result<PullResponse> decoded
        = ProtocolCodec::decodePullResponse(ProtocolCodec::encode(pullResponse()));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), pullResponse());
    QCOMPARE(decoded.value().next, qint64(43));
    QVERIFY(decoded.value().hasMore);
}

void TestProtocolCodec::pullQueryRoundTrip()
{
    const PullRequest request {123456789, 1000};
    QCOMPARE(ProtocolCodec::encodePullQuery(request), QStringLiteral("since=123456789&limit=1000"));
    const Result<PullRequest> decoded
        = ProtocolCodec::decodePullQuery(ProtocolCodec::encodePullQuery(request));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), request);
}

void TestProtocolCodec::loginRoundTrip()
{
    const Result<LoginRequest> request
        = ProtocolCodec::decodeLoginRequest(ProtocolCodec::encode(loginRequest()));
    QVERIFY(request.ok());
    QCOMPARE(request.value(), loginRequest());
    const Result<LoginResponse> response
        = ProtocolCodec::decodeLoginResponse(ProtocolCodec::encode(loginResponse()));
    QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().message));
    QCOMPARE(response.value(), loginResponse());
    QCOMPARE(
        response.value().expiresAt.toString(Qt::ISODateWithMs), QStringLiteral("2026-03-15T21:00:00.500Z"));

    LoginResponse noAgency = loginResponse();
    noAgency.agencyId.clear();
    QVERIFY(ProtocolCodec::toJson(noAgency).value(QStringLiteral("agency_id")).isNull());
    const Result<LoginResponse> decoded = ProtocolCodec::decodeLoginResponse(ProtocolCodec::encode(noAgency));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), noAgency);
}

void TestProtocolCodec::errorBodyRoundTrip()
{
    QCOMPARE(ProtocolCodec::encode(errorBody()),
        QByteArrayLiteral(
            R"({"error":{"code":"missing_field","message":"changes[0].fields.text is missing."}})"));
    const Result<ErrorBody> decoded = ProtocolCodec::decodeErrorBody(ProtocolCodec::encode(errorBody()));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), errorBody());
}

void TestProtocolCodec::errorBodyForProtocolError()
{
    const Result<PushRequest> refused = ProtocolCodec::decodePushRequest(QByteArrayLiteral("[]"));
    QVERIFY(!refused.ok());
    const ErrorBody body = ProtocolCodec::errorBodyFor(refused.error());
    QCOMPARE(body.code, QStringLiteral("not_an_object"));
    QCOMPARE(body.message, refused.error().message);
}

void TestProtocolCodec::wireNames()
{
    // The exact JSON of a change: docs/SYNC.md shows this shape.
    const QJsonObject change = ProtocolCodec::toJson(caseUpdate());
    QCOMPARE(change.keys(),
        QStringList({QStringLiteral("base_rev"), QStringLiteral("change_id"), QStringLiteral("entity"),
            QStringLiteral("fields"), QStringLiteral("op"), QStringLiteral("row_id")}));
    QCOMPARE(change.value(QStringLiteral("base_rev")).toInteger(), qint64(7));
    const QJsonObject conflict = ProtocolCodec::toJson(pushResponse().results.at(2));
    QCOMPARE(conflict.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
    QCOMPARE(conflict.value(QStringLiteral("fields")).toObject(), caseRow());
    const QJsonObject rejected = ProtocolCodec::toJson(pushResponse().results.at(3));
    QCOMPARE(rejected.keys(),
        QStringList({QStringLiteral("change_id"), QStringLiteral("message"), QStringLiteral("reason"),
            QStringLiteral("status")}));
    const QJsonObject page = ProtocolCodec::toJson(pullResponse());
    QCOMPARE(page.keys(),
        QStringList({QStringLiteral("changes"), QStringLiteral("has_more"), QStringLiteral("next")}));
}

void TestProtocolCodec::emptyBatchesAreValid()
{
    // A device with nothing to push may still push; a caught-up pull returns an empty page.
    QVERIFY(ProtocolCodec::decodePushRequest(ProtocolCodec::encode(PushRequest {uuid(1), {}})).ok());
    QVERIFY(ProtocolCodec::decodePullResponse(ProtocolCodec::encode(PullResponse {{}, 0, false})).ok());
}

void TestProtocolCodec::everyEntityAcceptsACreateOfItsRequiredFields_data()
{
    QTest::addColumn<QString>("entity");
    for (const QString& entity : EntitySchema::entities())
        QTest::newRow(qPrintable(entity)) << entity;
}

void TestProtocolCodec::everyEntityAcceptsACreateOfItsRequiredFields()
{
    QFETCH(QString, entity);
    // A sample value of each type; only the required fields and the stamps, so a create
    // needs no more than the schema says.
    const auto sample = [](EntitySchema::Type type) -> QJsonValue {
        switch (type) {
        case EntitySchema::Type::Uuid:
            return uuid(77);
        case EntitySchema::Type::Date:
            return QStringLiteral("2026-02-28");
        case EntitySchema::Type::Timestamp:
            return QStringLiteral("2026-02-28T23:59:59.999Z");
        case EntitySchema::Type::Integer:
            return 3;
        case EntitySchema::Type::Number:
            return 7.45;
        case EntitySchema::Type::Flag:
            return 1;
        default:
            return QStringLiteral("x");
        }
    };
    QJsonObject fields;
    for (const EntitySchema::Field& field : EntitySchema::fields(entity) + EntitySchema::changeStamps()) {
        if (field.requiredOnCreate)
            fields.insert(field.name, sample(field.type));
    }
    const Change create {uuid(1), entity, uuid(2), 0, QStringLiteral("create"), fields};
    const Result<Change> decoded = ProtocolCodec::decodeChange(ProtocolCodec::encode(create));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));

    // Dropping any one required field is refused, naming that field.
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        Change missing = create;
        missing.fields.remove(it.key());
        const Result<Change> refused = ProtocolCodec::decodeChange(ProtocolCodec::encode(missing));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ProtocolError::Code::MissingField);
        QCOMPARE(refused.error().path, QStringLiteral("fields.") + it.key());
    }
}

void TestProtocolCodec::schemaTables()
{
    QCOMPARE(EntitySchema::entities().size(), 11);
    QCOMPARE(EntitySchema::table(QStringLiteral("case")), QStringLiteral("cases"));
    QCOMPARE(EntitySchema::table(QStringLiteral("case_person")), QStringLiteral("case_people"));
    QCOMPARE(EntitySchema::table(QStringLiteral("need")), QStringLiteral("case_needs"));
    QCOMPARE(EntitySchema::table(QStringLiteral("reference_norm")), QStringLiteral("reference_norms"));
    QVERIFY(EntitySchema::table(QStringLiteral("setting")).isEmpty());
    QVERIFY(EntitySchema::isImmutable(QStringLiteral("note")));
    QVERIFY(EntitySchema::isImmutable(QStringLiteral("assessment")));
    QVERIFY(!EntitySchema::isImmutable(QStringLiteral("case")));
}

QTEST_GUILESS_MAIN(TestProtocolCodec)
#include "TestProtocolCodec.moc"
