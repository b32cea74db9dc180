#pragma once

#include <QString>
#include <QStringList>

// Builds RFC 4180 text: fields with commas, quotes or line breaks are quoted, quotes
// doubled, records end with CRLF. The counterpart of CsvReader.
class CsvWriter
{
public:
    void addRecord(const QStringList& fields);
    const QString& text() const { return m_text; }

    static QString quote(const QString& field);

private:
    QString m_text;
};
