#include "ProtocolSamples.h"
#include "protocol/ProtocolCodec.h"

#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace ProtocolSamples;

namespace {

// Decodes a body; when it is accepted, also re-encodes the value and decodes that, which
// must give the same value: whatever the codec accepts, it can say again.
struct Decoder
{
    QString name;
    QByteArray valid;
    std::function<bool(const QByteArray&, QString& problem)> decode;
};

template<typename T>
Decoder decoder(const QString& name, const T& sample, Result<T> (*decode)(const QByteArray&))
{
    return {name, ProtocolCodec::encode(sample), [decode](const QByteArray& body, QString& problem) {
                const Result<T> first = decode(body);
                if (!first.ok()) {
                    if (first.error().message.isEmpty())
                        problem = QStringLiteral("an error without a message");
                    return false;
                }
                const Result<T> again = decode(ProtocolCodec::encode(first.value()));
                if (!again.ok())
                    problem = QStringLiteral("accepted, but its re-encoding is refused: ")
                        + again.error().message;
                else if (!(again.value() == first.value()))
                    problem = QStringLiteral("accepted, but its re-encoding decodes to something else");
                return true;
            }};
}

QList<Decoder> decoders()
{
    return {decoder<PushRequest>(QStringLiteral("push"), pushRequest(), &ProtocolCodec::decodePushRequest),
        decoder<Change>(QStringLiteral("change"), caseUpdate(), &ProtocolCodec::decodeChange),
        decoder<PushResponse>(
            QStringLiteral("push response"), pushResponse(), &ProtocolCodec::decodePushResponse),
        decoder<PullResponse>(
            QStringLiteral("pull response"), pullResponse(), &ProtocolCodec::decodePullResponse),
        decoder<LoginRequest>(QStringLiteral("login"), loginRequest(), &ProtocolCodec::decodeLoginRequest),
        decoder<LoginResponse>(QStringLiteral("token"), loginResponse(), &ProtocolCodec::decodeLoginResponse),
        decoder<ErrorBody>(QStringLiteral("error"), errorBody(), &ProtocolCodec::decodeErrorBody)};
}

} // namespace

// Damaged bodies: every decoder returns (accepted or refused with a message) for every
// truncation and every single-bit flip of a valid body, and for random multi-byte damage.
// A crash or an assertion fails the whole suite; a wrong answer fails the test.
class TestProtocolRobustness : public QObject
{
    Q_OBJECT

private slots:
    void validBodiesAreAccepted();
    void truncated();
    void everyBitFlipped();
    void randomDamage();
    void randomPullQueries();
};

void TestProtocolRobustness::validBodiesAreAccepted()
{
    for (const Decoder& d : decoders()) {
        QString problem;
        QVERIFY2(d.decode(d.valid, problem), qPrintable(d.name));
        QVERIFY2(problem.isEmpty(), qPrintable(d.name + QStringLiteral(": ") + problem));
    }
}

void TestProtocolRobustness::truncated()
{
    for (const Decoder& d : decoders()) {
        for (qsizetype length = 0; length < d.valid.size(); ++length) {
            QString problem;
            // No proper prefix of an object is a complete object.
            QVERIFY2(!d.decode(d.valid.left(length), problem), qPrintable(d.name));
            QVERIFY2(problem.isEmpty(), qPrintable(d.name + QStringLiteral(": ") + problem));
        }
    }
}

void TestProtocolRobustness::everyBitFlipped()
{
    int accepted = 0;
    int refused = 0;
    for (const Decoder& d : decoders()) {
        for (qsizetype at = 0; at < d.valid.size(); ++at) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray body = d.valid;
                body[at] = char(body.at(at) ^ (1 << bit));
                QString problem;
                (d.decode(body, problem) ? accepted : refused)++;
                QVERIFY2(problem.isEmpty(), qPrintable(d.name + QStringLiteral(": ") + problem));
            }
        }
    }
    // Both outcomes happen (a flip inside free text is still a valid body), so the loop
    // really exercised the decoders.
    QVERIFY(accepted > 0);
    QVERIFY(refused > accepted);
}

void TestProtocolRobustness::randomDamage()
{
    QRandomGenerator random(20260314); // fixed: a failure reproduces
    const QList<Decoder> all = decoders();
    const char interesting[] = {'{', '}', '[', ']', '"', '\\', ':', ',', '0', '-', 'e', '.', '\0', '\xff'};
    for (int round = 0; round < 20000; ++round) {
        const Decoder& d = all.at(round % all.size());
        QByteArray body = d.valid;
        const int edits = 1 + int(random.bounded(8));
        for (int i = 0; i < edits && !body.isEmpty(); ++i) {
            const qsizetype at = random.bounded(int(body.size()));
            switch (random.bounded(4)) {
            case 0:
                body[at] = interesting[random.bounded(int(sizeof(interesting)))];
                break;
            case 1:
                body.insert(at, interesting[random.bounded(int(sizeof(interesting)))]);
                break;
            case 2:
                body.remove(at, 1 + random.bounded(8));
                break;
            default:
                body.insert(at, body.mid(random.bounded(int(body.size())), 1 + random.bounded(40)));
                break;
            }
        }
        QString problem;
        d.decode(body, problem);
        QVERIFY2(problem.isEmpty(),
            qPrintable(d.name + QStringLiteral(": ") + problem + QStringLiteral("\n")
                + QString::fromUtf8(body.toPercentEncoding("{}[]\":,"))));
    }
}

void TestProtocolRobustness::randomPullQueries()
{
    QRandomGenerator random(7);
    const QString alphabet = QStringLiteral("sincelimt=&0123456789-+ %");
    for (int round = 0; round < 20000; ++round) {
        QString query;
        const int length = int(random.bounded(40));
        for (int i = 0; i < length; ++i)
            query += alphabet.at(random.bounded(int(alphabet.size())));
        const Result<PullRequest> result = ProtocolCodec::decodePullQuery(query);
        if (result.ok()) {
            QVERIFY(result.value().since >= 0);
            QVERIFY(result.value().limit >= 1 && result.value().limit <= 1000);
            QCOMPARE(ProtocolCodec::decodePullQuery(ProtocolCodec::encodePullQuery(result.value())).value(),
                result.value());
        } else {
            QVERIFY(!result.error().message.isEmpty());
        }
    }
}

QTEST_GUILESS_MAIN(TestProtocolRobustness)
#include "TestProtocolRobustness.moc"
