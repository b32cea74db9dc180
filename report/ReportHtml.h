#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

// The small HTML vocabulary both documents are written in (the subset QTextDocument renders):
// headings, bordered tables with a header row that repeats on every page, label/value
// tables and paragraphs. Functions taking `text` escape it; those taking `html` expect
// markup made with these functions (so personal data is always escaped exactly once).
class ReportHtml
{
public:
    static QString text(const QString& text); // escaped, line breaks kept
    static QString bold(const QString& text);
    static QString small(const QString& text);
    static QString heading1(const QString& text);
    static QString heading2(const QString& text);
    static QString paragraph(const QString& html);
    // A bordered table; headers are text, cells html. widths: percentages, or empty.
    static QString table(
        const QStringList& headers, const QList<QStringList>& rows, const QList<int>& widths = {});
    // Two columns: label (text) and value (text); rows whose value is empty are left out.
    static QString fields(const QList<QPair<QString, QString>>& rows);
    static QString image(const QString& name, int width, int height);
    static QString stylesheet();
    static QString date(const QDate& date); // dd/MM/yyyy, empty when invalid
    static QString money(qint64 pence); // £1,234.56
};
