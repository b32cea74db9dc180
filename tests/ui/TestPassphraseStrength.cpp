#include "ui/PassphraseStrength.h"

#include <QTest>

class TestPassphraseStrength : public QObject
{
    Q_OBJECT

private slots:
    void weakIsRefused_data();
    void weakIsRefused();
    void strongIsAccepted_data();
    void strongIsAccepted();
    void shortIsRefusedWhateverItsScore();
    void scoreThresholds();
    void verdicts();
};

void TestPassphraseStrength::weakIsRefused_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::newRow("common word and digits") << QStringLiteral("password123");
    QTest::newRow("town and year") << QStringLiteral("Chorley2024");
    QTest::newRow("keyboard row") << QStringLiteral("qwertyuiop12");
    QTest::newRow("season, year, symbol") << QStringLiteral("Summer2024!!");
    QTest::newRow("repeated") << QStringLiteral("aaaaaaaaaaaaaaaa");
    QTest::newRow("app name twice") << QStringLiteral("CasebookCasebook");
    QTest::newRow("three very common words") << QStringLiteral("red car house");
}

void TestPassphraseStrength::weakIsRefused()
{
    QFETCH(QString, passphrase);
    QVERIFY2(PassphraseStrength::score(passphrase) < PassphraseStrength::MinimumScore,
        qPrintable(QString::number(PassphraseStrength::entropyBits(passphrase))));
    QVERIFY(!PassphraseStrength::refusal(passphrase).isEmpty());
}

void TestPassphraseStrength::strongIsAccepted_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::newRow("four words") << QStringLiteral("correct horse battery staple");
    QTest::newRow("four other words") << QStringLiteral("kettle orbit lantern mushroom");
    QTest::newRow("three unrelated words") << QStringLiteral("walnut trumpet glacier");
    QTest::newRow("non-ASCII") << QStringLiteral("blåbær søndag trompet");
}

void TestPassphraseStrength::strongIsAccepted()
{
    QFETCH(QString, passphrase);
    QVERIFY2(PassphraseStrength::score(passphrase) >= PassphraseStrength::MinimumScore,
        qPrintable(QString::number(PassphraseStrength::entropyBits(passphrase))));
    QCOMPARE(PassphraseStrength::refusal(passphrase), QString());
}

void TestPassphraseStrength::shortIsRefusedWhateverItsScore()
{
    const QString passphrase = QStringLiteral("Tr0ub4dor&3"); // 11 characters, ~47 bits
    QVERIFY(PassphraseStrength::score(passphrase) >= PassphraseStrength::MinimumScore);
    QVERIFY(PassphraseStrength::refusal(passphrase).contains(QStringLiteral("longer")));
    QVERIFY(!PassphraseStrength::refusal(QString()).isEmpty());
    QCOMPARE(PassphraseStrength::entropyBits(QString()), 0.0);
}

void TestPassphraseStrength::scoreThresholds()
{
    QCOMPARE(PassphraseStrength::scoreForBits(0.0), 0);
    QCOMPARE(PassphraseStrength::scoreForBits(19.9), 0);
    QCOMPARE(PassphraseStrength::scoreForBits(20.0), 1);
    QCOMPARE(PassphraseStrength::scoreForBits(30.0), 2);
    QCOMPARE(PassphraseStrength::scoreForBits(44.9), 2);
    QCOMPARE(PassphraseStrength::scoreForBits(45.0), 3);
    QCOMPARE(PassphraseStrength::scoreForBits(60.0), 4);
    QCOMPARE(PassphraseStrength::scoreForBits(500.0), 4);
}

void TestPassphraseStrength::verdicts()
{
    QStringList seen;
    for (int score = 0; score <= PassphraseStrength::MaximumScore; ++score) {
        const QString verdict = PassphraseStrength::verdict(score);
        QVERIFY(!verdict.isEmpty());
        QVERIFY(!seen.contains(verdict));
        seen << verdict;
    }
    QCOMPARE(PassphraseStrength::verdict(0), QStringLiteral("Very weak"));
    QCOMPARE(PassphraseStrength::verdict(4), QStringLiteral("Very strong"));
}

QTEST_GUILESS_MAIN(TestPassphraseStrength)
#include "TestPassphraseStrength.moc"
