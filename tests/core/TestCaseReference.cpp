#include "core/CaseReference.h"

#include <QTest>

class TestCaseReference : public QObject
{
    Q_OBJECT

private slots:
    void format();
    void parse_data();
    void parse();
    void next_data();
    void next();
};

void TestCaseReference::format()
{
    QCOMPARE(CaseReference::format(2025, 42), QStringLiteral("PVT-2025-0042"));
    QCOMPARE(CaseReference::format(2025, 1), QStringLiteral("PVT-2025-0001"));
    QCOMPARE(CaseReference::format(2025, 9999), QStringLiteral("PVT-2025-9999"));
    QCOMPARE(CaseReference::format(2025, 10000), QStringLiteral("PVT-2025-10000"));
}

void TestCaseReference::parse_data()
{
    QTest::addColumn<QString>("ref");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("number");
    QTest::newRow("plain") << "PVT-2025-0042" << true << 2025 << 42;
    QTest::newRow("five digits") << "PVT-2025-10000" << true << 2025 << 10000;
    QTest::newRow("lower case") << "pvt-2025-0042" << false << 0 << 0;
    QTest::newRow("three digits") << "PVT-2025-042" << false << 0 << 0;
    QTest::newRow("extra zero") << "PVT-2025-00042" << false << 0 << 0;
    QTest::newRow("zero") << "PVT-2025-0000" << false << 0 << 0;
    QTest::newRow("two-digit year") << "PVT-25-0042" << false << 0 << 0;
    QTest::newRow("other prefix") << "PIV-2025-0042" << false << 0 << 0;
    QTest::newRow("spaces") << " PVT-2025-0042" << false << 0 << 0;
    QTest::newRow("empty") << "" << false << 0 << 0;
}

void TestCaseReference::parse()
{
    QFETCH(QString, ref);
    QFETCH(bool, ok);
    QFETCH(int, year);
    QFETCH(int, number);
    int y = 0;
    int n = 0;
    QCOMPARE(CaseReference::parse(ref, &y, &n), ok);
    QCOMPARE(y, year);
    QCOMPARE(n, number);
    QCOMPARE(CaseReference::parse(ref, nullptr, nullptr), ok);
}

void TestCaseReference::next_data()
{
    QTest::addColumn<QString>("existing"); // comma-separated
    QTest::addColumn<QString>("expected");
    QTest::newRow("first of year") << ""
                                   << "PVT-2025-0001";
    QTest::newRow("after last") << "PVT-2025-0001,PVT-2025-0002"
                                << "PVT-2025-0003";
    QTest::newRow("gaps not filled") << "PVT-2025-0001,PVT-2025-0007"
                                     << "PVT-2025-0008";
    QTest::newRow("order does not matter") << "PVT-2025-0012,PVT-2025-0003"
                                           << "PVT-2025-0013";
    QTest::newRow("other years ignored") << "PVT-2024-0055,PVT-2026-0003"
                                         << "PVT-2025-0001";
    QTest::newRow("malformed ignored") << "PVT-2025-0002,pvt-2025-0090,PVT-2025-90,junk"
                                       << "PVT-2025-0003";
    QTest::newRow("9999 -> 10000") << "PVT-2025-9999"
                                   << "PVT-2025-10000";
    QTest::newRow("beyond 10000") << "PVT-2025-10000,PVT-2025-9999"
                                  << "PVT-2025-10001";
}

void TestCaseReference::next()
{
    QFETCH(QString, existing);
    QFETCH(QString, expected);
    const QStringList refs = existing.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QCOMPARE(CaseReference::next(2025, refs), expected);
}

QTEST_GUILESS_MAIN(TestCaseReference)
#include "TestCaseReference.moc"
