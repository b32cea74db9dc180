#include "core/CsvReader.h"

#include <QTest>

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void records_data();
    void records();
    void lineNumbersAfterQuotedNewlines();
    void errors_data();
    void errors();

private:
    static QString dump(const CsvReader::Result& result);
};

// One record per line as "line:field|field", so a whole parse compares as one string.
QString TestCsvReader::dump(const CsvReader::Result& result)
{
    QStringList lines;
    for (const CsvRecord& r : result.records)
        lines << QString::number(r.line) + QLatin1Char(':') + r.fields.join(QLatin1Char('|'));
    return lines.join(QLatin1Char('\n'));
}

void TestCsvReader::records_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty text") << ""
                                << "";
    QTest::newRow("one field") << "a"
                               << "1:a";
    QTest::newRow("LF with trailing newline") << "a,b\nc,d\n"
                                              << "1:a|b\n2:c|d";
    QTest::newRow("no trailing newline") << "a,b\nc,d"
                                         << "1:a|b\n2:c|d";
    QTest::newRow("CRLF") << "a,b\r\nc,d\r\n"
                          << "1:a|b\n2:c|d";
    QTest::newRow("lone CR") << "a,b\rc,d"
                             << "1:a|b\n2:c|d";
    QTest::newRow("BOM stripped") << "\xEF\xBB\xBFname,age\n"
                                  << "1:name|age";
    QTest::newRow("quoted comma") << "\"Smith, John\",x"
                                  << "1:Smith, John|x";
    QTest::newRow("doubled quotes") << "\"He said \"\"no\"\"\",x"
                                    << "1:He said \"no\"|x";
    QTest::newRow("quoted empty") << "\"\",x"
                                  << "1:|x";
    QTest::newRow("empty fields") << ",,\n"
                                  << "1:||";
    QTest::newRow("empty last field") << "a,\n"
                                      << "1:a|";
    QTest::newRow("empty last field at end") << "a,"
                                             << "1:a|";
    QTest::newRow("blank lines skipped") << "a\n\n\r\n\nb\n\n"
                                         << "1:a\n5:b";
    QTest::newRow("spaces kept") << " a , b "
                                 << "1: a | b ";
    QTest::newRow("embedded LF") << "\"one\ntwo\",x\ny"
                                 << "1:one\ntwo|x\n3:y";
    QTest::newRow("embedded CRLF becomes LF") << "\"one\r\ntwo\",x\r\ny"
                                              << "1:one\ntwo|x\n3:y";
    QTest::newRow("UTF-8 text") << "Siân,Zoë\n"
                                << "1:Siân|Zoë";
}

void TestCsvReader::records()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const CsvReader::Result result = CsvReader::parse(text);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.errorLine, 0);
    QVERIFY(result.ok());
    QCOMPARE(dump(result), expected);
}

void TestCsvReader::lineNumbersAfterQuotedNewlines()
{
    const QString text = QStringLiteral("h1,h2\r\n"
                                        "\"a\r\nb\r\nc\",1\r\n"
                                        "\r\n"
                                        "d,\"e\n\nf\"\n"
                                        "g,2\n");
    const CsvReader::Result result = CsvReader::parse(text);
    QVERIFY(result.ok());
    QCOMPARE(result.records.size(), 4);
    QCOMPARE(result.records.at(0).line, 1);
    QCOMPARE(result.records.at(1).line, 2);
    QCOMPARE(result.records.at(1).fields, QStringList({QStringLiteral("a\nb\nc"), QStringLiteral("1")}));
    QCOMPARE(result.records.at(2).line, 6);
    QCOMPARE(result.records.at(2).fields, QStringList({QStringLiteral("d"), QStringLiteral("e\n\nf")}));
    QCOMPARE(result.records.at(3).line, 9);
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("error");
    const QString unterminated = QStringLiteral("A quoted field starting on line %1 has no closing quote");
    const QString stray
        = QStringLiteral("A quote mark is in the middle of a field; put the whole field in quotes and "
                         "write each quote mark inside it twice");
    const QString after
        = QStringLiteral("There is text after the closing quote of a field; put the whole field in "
                         "quotes and write each quote mark inside it twice");
    QTest::newRow("unterminated") << "a,b\nc,\"open\nmore\n" << 2 << unterminated.arg(2);
    QTest::newRow("unterminated at end") << "\"" << 1 << unterminated.arg(1);
    QTest::newRow("stray quote") << "a,b\nc,d\"e\n" << 2 << stray;
    QTest::newRow("text after closing quote") << "a\n\"b\nc\"d,e\n" << 3 << after;
    QTest::newRow("space before quote") << "a, \"b\"\n" << 1 << stray;
}

void TestCsvReader::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, error);
    const CsvReader::Result result = CsvReader::parse(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, error);
    QCOMPARE(result.errorLine, line);
    QVERIFY(result.records.isEmpty());
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
