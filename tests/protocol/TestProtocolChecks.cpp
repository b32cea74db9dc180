#include "protocol/Api.h"
#include "protocol/ProtocolCodec.h"
#include "protocol/RowDigest.h"

#include <QTest>

// whoami, health and the consistency digest: round trips, strict refusals, and a digest
// that does not depend on the order rows are added in.
class TestProtocolChecks : public QObject
{
    Q_OBJECT

private slots:
    void paths();
    void whoamiRoundTrip();
    void healthRoundTrip();
    void digestRoundTrip();
    void digestRefusals_data();
    void digestRefusals();
    void rowDigestIgnoresOrder();
    void rowDigestSeesEveryPart_data();
    void rowDigestSeesEveryPart();
};

void TestProtocolChecks::paths()
{
    QCOMPARE(Api::digestPath(), QStringLiteral("/v1/digest"));
    QCOMPARE(Api::whoamiPath(), QStringLiteral("/v1/whoami"));
}

void TestProtocolChecks::whoamiRoundTrip()
{
    WhoamiResponse who {QStringLiteral("sam"), QStringLiteral("Sam Worker"), QStringLiteral("worker"),
        QStringLiteral("0d6b1f2e-3a4c-4b5d-8e6f-7a8b9c0d1e2f"), QStringLiteral("North"),
        QStringLiteral("5d1c2b3a-4c1a-4d7e-9a51-0c7f3e2d1a10"),
        QDateTime(QDate(2026, 11, 23), QTime(21, 0, 0, 500), Qt::UTC)};
    const auto decoded = ProtocolCodec::decodeWhoamiResponse(ProtocolCodec::encode(who));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), who);

    who.agencyId.clear();
    const auto noAgency = ProtocolCodec::decodeWhoamiResponse(ProtocolCodec::encode(who));
    QVERIFY(noAgency.ok());
    QVERIFY(noAgency.value().agencyId.isEmpty());

    const auto missingTeam = ProtocolCodec::decodeWhoamiResponse(
        R"({"username":"sam","display_name":"","role":"worker","agency_id":null,
            "device_id":"5d1c2b3a-4c1a-4d7e-9a51-0c7f3e2d1a10","expires_at":"2026-11-23T21:00:00.500Z"})");
    QVERIFY(!missingTeam.ok());
    QCOMPARE(missingTeam.error().code, ProtocolError::Code::MissingField);
    QCOMPARE(missingTeam.error().path, QStringLiteral("team"));
}

void TestProtocolChecks::healthRoundTrip()
{
    const HealthResponse health {QStringLiteral("ok"), QStringLiteral("v1")};
    const auto decoded = ProtocolCodec::decodeHealthResponse(ProtocolCodec::encode(health));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), health);
    QVERIFY(!ProtocolCodec::decodeHealthResponse(R"({"status":"ok"})").ok());
}

void TestProtocolChecks::digestRoundTrip()
{
    RowDigest rows;
    rows.add(QStringLiteral("case"), QStringLiteral("0d6b1f2e-3a4c-4b5d-8e6f-7a8b9c0d1e2f"), 7);
    const DigestRequest request {rows.hex(), rows.rows(), 42};
    const auto decoded = ProtocolCodec::decodeDigestRequest(ProtocolCodec::encode(request));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), request);

    const DigestResponse response {false, 12, 99};
    const auto answer = ProtocolCodec::decodeDigestResponse(ProtocolCodec::encode(response));
    QVERIFY(answer.ok());
    QCOMPARE(answer.value(), response);
}

void TestProtocolChecks::digestRefusals_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    const QByteArray good(64, 'a');
    QTest::newRow("upper-case hex") << QByteArray(R"({"digest":")" + QByteArray(64, 'A') + R"(","rows":1,"cursor":0})")
                                    << int(ProtocolError::Code::BadValue);
    QTest::newRow("short digest") << QByteArray(R"({"digest":"abc","rows":1,"cursor":0})")
                                  << int(ProtocolError::Code::BadValue);
    QTest::newRow("negative rows") << QByteArray(R"({"digest":")" + good + R"(","rows":-1,"cursor":0})")
                                   << int(ProtocolError::Code::OutOfRange);
    QTest::newRow("no cursor") << QByteArray(R"({"digest":")" + good + R"(","rows":1})")
                               << int(ProtocolError::Code::MissingField);
    QTest::newRow("extra key") << QByteArray(R"({"digest":")" + good + R"(","rows":1,"cursor":0,"x":1})")
                               << int(ProtocolError::Code::UnknownField);
    QTest::newRow("string rows") << QByteArray(R"({"digest":")" + good + R"(","rows":"1","cursor":0})")
                                 << int(ProtocolError::Code::WrongType);
}

void TestProtocolChecks::digestRefusals()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    const auto decoded = ProtocolCodec::decodeDigestRequest(body);
    QVERIFY(!decoded.ok());
    QCOMPARE(int(decoded.error().code), code);
}

void TestProtocolChecks::rowDigestIgnoresOrder()
{
    RowDigest a;
    a.add(QStringLiteral("note"), QStringLiteral("b"), 2);
    a.add(QStringLiteral("case"), QStringLiteral("a"), 1);
    a.add(QStringLiteral("case_agency"), QStringLiteral("c"), 3);
    RowDigest b;
    b.add(QStringLiteral("case_agency"), QStringLiteral("c"), 3);
    b.add(QStringLiteral("case"), QStringLiteral("a"), 1);
    b.add(QStringLiteral("note"), QStringLiteral("b"), 2);
    QCOMPARE(a.hex(), b.hex());
    QCOMPARE(a.rows(), 3);
    QCOMPARE(a.hex().size(), 64);
    QCOMPARE(RowDigest().hex(), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestProtocolChecks::rowDigestSeesEveryPart_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("rowId");
    QTest::addColumn<qint64>("rev");
    QTest::newRow("entity") << QStringLiteral("need") << QStringLiteral("a") << qint64(1);
    QTest::newRow("row") << QStringLiteral("case") << QStringLiteral("b") << qint64(1);
    QTest::newRow("rev") << QStringLiteral("case") << QStringLiteral("a") << qint64(2);
}

void TestProtocolChecks::rowDigestSeesEveryPart()
{
    QFETCH(QString, entity);
    QFETCH(QString, rowId);
    QFETCH(qint64, rev);
    RowDigest base;
    base.add(QStringLiteral("case"), QStringLiteral("a"), 1);
    RowDigest other;
    other.add(entity, rowId, rev);
    QVERIFY(base.hex() != other.hex());
}

QTEST_GUILESS_MAIN(TestProtocolChecks)
#include "TestProtocolChecks.moc"
