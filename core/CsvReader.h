#pragma once

#include "CsvRecord.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// An RFC 4180 CSV parser over text already decoded. Qt has none, and Boost's tokenizer does
// not handle line breaks inside quoted fields, which spreadsheets write for multi-line cells.
// Accepts CRLF, LF (and a lone CR) line ends, a leading byte order mark, quoted fields with
// commas, doubled quotes and line breaks (kept as "\n"), and skips empty lines.
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    struct Result
    {
        QList<CsvRecord> records; // empty when error is set
        QString error;
        int errorLine = 0;

        bool ok() const { return error.isEmpty(); }
    };

    static Result parse(const QString& text);

private:
    static bool isLineEnd(QChar c) { return c == QLatin1Char('\n') || c == QLatin1Char('\r'); }
    static void skipLineEnd(const QString& text, qsizetype& pos, int& line);
    static bool readRecord(const QString& text, qsizetype& pos, int& line, CsvRecord& record, Result& result);
    static bool readQuoted(const QString& text, qsizetype& pos, int& line, QString& field, Result& result);
    static bool readUnquoted(const QString& text, qsizetype& pos, int line, QString& field, Result& result);
};
