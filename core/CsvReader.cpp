#include "CsvReader.h"

static const QChar quote = QLatin1Char('"');
static const QChar comma = QLatin1Char(',');

CsvReader::Result CsvReader::parse(const QString& text)
{
    Result result;
    // A UTF-8 byte order mark survives decoding as U+FEFF and would join the first header.
    qsizetype pos = text.startsWith(QChar(0xFEFF)) ? 1 : 0;
    int line = 1;
    while (pos < text.size()) {
        if (isLineEnd(text.at(pos))) {
            skipLineEnd(text, pos, line);
            continue;
        }
        CsvRecord record;
        if (!readRecord(text, pos, line, record, result)) {
            result.records.clear();
            return result;
        }
        result.records << record;
    }
    return result;
}

void CsvReader::skipLineEnd(const QString& text, qsizetype& pos, int& line)
{
    if (text.at(pos) == QLatin1Char('\r') && pos + 1 < text.size() && text.at(pos + 1) == QLatin1Char('\n'))
        ++pos;
    ++pos;
    ++line;
}

// Reads fields up to and including the line end (or the end of the text).
bool CsvReader::readRecord(const QString& text, qsizetype& pos, int& line, CsvRecord& record, Result& result)
{
    record.line = line;
    while (true) {
        QString field;
        const bool ok = pos < text.size() && text.at(pos) == quote
            ? readQuoted(text, pos, line, field, result)
            : readUnquoted(text, pos, line, field, result);
        if (!ok)
            return false;
        record.fields << field;
        if (pos >= text.size())
            return true;
        if (isLineEnd(text.at(pos))) {
            skipLineEnd(text, pos, line);
            return true;
        }
        ++pos; // the comma: another field follows, even if it is empty
    }
}

bool CsvReader::readQuoted(const QString& text, qsizetype& pos, int& line, QString& field, Result& result)
{
    const int startLine = line;
    ++pos; // opening quote
    while (pos < text.size()) {
        const QChar c = text.at(pos);
        if (c == quote && pos + 1 < text.size() && text.at(pos + 1) == quote) {
            field.append(quote);
            pos += 2;
        } else if (c == quote) {
            ++pos;
            if (pos < text.size() && text.at(pos) != comma && !isLineEnd(text.at(pos))) {
                result.error
                    = tr("There is text after the closing quote of a field; put the whole field in quotes "
                         "and write each quote mark inside it twice");
                result.errorLine = line;
                return false;
            }
            return true;
        } else if (isLineEnd(c)) {
            field.append(QLatin1Char('\n'));
            skipLineEnd(text, pos, line);
        } else {
            field.append(c);
            ++pos;
        }
    }
    result.error = tr("A quoted field starting on line %1 has no closing quote").arg(startLine);
    result.errorLine = startLine;
    return false;
}

bool CsvReader::readUnquoted(const QString& text, qsizetype& pos, int line, QString& field, Result& result)
{
    const qsizetype start = pos;
    while (pos < text.size() && text.at(pos) != comma && !isLineEnd(text.at(pos))) {
        if (text.at(pos) == quote) {
            result.error
                = tr("A quote mark is in the middle of a field; put the whole field in quotes and write "
                     "each quote mark inside it twice");
            result.errorLine = line;
            return false;
        }
        ++pos;
    }
    field = text.mid(start, pos - start);
    return true;
}
