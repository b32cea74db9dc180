#include "store/ThreeWayMerge.h"

#include <QTest>

// The merge rule on its own: one field at a time, every combination of who changed it.
class TestThreeWayMerge : public QObject
{
    Q_OBJECT

private slots:
    void oneField_data();
    void oneField();
};

void TestThreeWayMerge::oneField_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("hasBase");
    QTest::addColumn<QString>("merged");
    QTest::addColumn<bool>("queued");
    QTest::addColumn<bool>("conflict");
    QTest::newRow("nobody") << "a"
                            << "a"
                            << "a" << true << "a" << false << false;
    QTest::newRow("only local") << "a"
                                << "b"
                                << "a" << true << "b" << true << false;
    QTest::newRow("only server") << "a"
                                 << "a"
                                 << "c" << true << "c" << false << false;
    QTest::newRow("both, same value") << "a"
                                      << "b"
                                      << "b" << true << "b" << false << false;
    QTest::newRow("both, different") << "a"
                                     << "b"
                                     << "c" << true << "c" << false << true;
    QTest::newRow("no base, same") << ""
                                   << "b"
                                   << "b" << false << "b" << false << false;
    QTest::newRow("no base, different") << ""
                                        << "b"
                                        << "c" << false << "c" << false << true;
}

void TestThreeWayMerge::oneField()
{
    QFETCH(QString, base);
    QFETCH(QString, local);
    QFETCH(QString, server);
    QFETCH(bool, hasBase);
    QFETCH(QString, merged);
    QFETCH(bool, queued);
    QFETCH(bool, conflict);
    const QString f = QStringLiteral("risk");
    const auto out = ThreeWayMerge::merge(
        {f}, QJsonObject {{f, base}}, hasBase, QJsonObject {{f, local}}, QJsonObject {{f, server}});
    QCOMPARE(out.merged.value(f).toString(), merged);
    QCOMPARE(out.localOnly.contains(f), queued);
    QCOMPARE(out.conflictLocal.contains(f), conflict);
    if (conflict)
        QCOMPARE(out.conflictLocal.value(f).toString(), local);
}

QTEST_GUILESS_MAIN(TestThreeWayMerge)
#include "TestThreeWayMerge.moc"
