#include "ReportHtml.h"

#include <QLocale>

QString ReportHtml::text(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
}

QString ReportHtml::bold(const QString& text)
{
    return QStringLiteral("<b>%1</b>").arg(ReportHtml::text(text));
}

QString ReportHtml::small(const QString& text)
{
    return QStringLiteral("<span class=\"small\">%1</span>").arg(ReportHtml::text(text));
}

QString ReportHtml::heading1(const QString& text)
{
    return QStringLiteral("<h1>%1</h1>").arg(ReportHtml::text(text));
}

QString ReportHtml::heading2(const QString& text)
{
    // The spacer keeps a heading clear of a table above it (QTextDocument drops the top
    // margin of a block that follows a table).
    return QStringLiteral("<p class=\"gap\">&nbsp;</p><h2>%1</h2>").arg(ReportHtml::text(text));
}

QString ReportHtml::paragraph(const QString& html)
{
    return QStringLiteral("<p>%1</p>").arg(html);
}

QString ReportHtml::table(
    const QStringList& headers, const QList<QStringList>& rows, const QList<int>& widths)
{
    // <thead> makes QTextDocument repeat the header row on every page the table spans.
    QString html = QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
    if (!headers.isEmpty())
        html += QStringLiteral("<thead><tr>");
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QString width
            = i < widths.size() ? QStringLiteral(" width=\"%1%\"").arg(widths.at(i)) : QString();
        html += QStringLiteral("<th align=\"left\" bgcolor=\"#e6e6e6\"%1>%2</th>")
                    .arg(width, text(headers.at(i)));
    }
    if (!headers.isEmpty())
        html += QStringLiteral("</tr></thead>");
    html += QStringLiteral("<tbody>");
    for (const QStringList& row : rows) {
        html += QStringLiteral("<tr>");
        for (const QString& cell : row)
            html += QStringLiteral("<td>%1</td>").arg(cell);
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</tbody></table>");
}

QString ReportHtml::fields(const QList<QPair<QString, QString>>& rows)
{
    QString html = QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
    for (const auto& row : rows) {
        if (row.second.trimmed().isEmpty())
            continue;
        html += QStringLiteral("<tr><td width=\"28%\" bgcolor=\"#f0f0f0\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(text(row.first), text(row.second));
    }
    return html + QStringLiteral("</table>");
}

QString ReportHtml::image(const QString& name, int width, int height)
{
    return QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"/></p>")
        .arg(name)
        .arg(width)
        .arg(height);
}

QString ReportHtml::stylesheet()
{
    // Greys and black only: the documents are read on a black-and-white printer as often as
    // on a screen. Table borders collapse to single lines.
    return QStringLiteral("body { font-family: sans-serif; font-size: 10pt; color: #000000; }"
                          "h1 { font-size: 16pt; margin-bottom: 4px; }"
                          "h2 { font-size: 13pt; margin-top: 6px; margin-bottom: 6px; }"
                          "table { border-collapse: collapse; border-color: #606060; margin-bottom: 6px; }"
                          "th { font-weight: bold; }"
                          ".small { font-size: 8pt; color: #404040; }"
                          ".gap { font-size: 4pt; margin: 0px; }"
                          "h3 { font-size: 10pt; margin-top: 10px; margin-bottom: 2px; }"
                          ".note { margin-top: 0px; margin-bottom: 4px; }"
                          ".figure { font-size: 20pt; font-weight: bold; }");
}

QString ReportHtml::date(const QDate& date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

QString ReportHtml::money(qint64 pence)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom)
        .toCurrencyString(double(pence) / 100.0, QStringLiteral("£"), 2);
}
