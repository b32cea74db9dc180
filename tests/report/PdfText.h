#pragma once

// The text of a PDF as poppler's pdftotext reads it, for the report/ suites and tests/cli's
// document tests.

#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

namespace PdfText {

// pdftotext -layout FILE -: pages end with a form feed. Empty with *problem set when the
// tool is missing or fails (callers QFAIL with it: a document test must not pass unread).
inline QString read(const QString& pdfPath, QString* problem)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty()) {
        *problem = QStringLiteral("pdftotext not found: install poppler-utils (scripts/bootstrap)");
        return QString();
    }
    QProcess process;
    process.start(tool,
        {QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdfPath,
            QStringLiteral("-")});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *problem = QStringLiteral("pdftotext failed: ") + QString::fromUtf8(process.readAllStandardError());
        return QString();
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

// The text of each page (pdftotext ends every page with a form feed).
inline QStringList pages(const QString& text)
{
    QStringList result = text.split(QLatin1Char('\f'));
    if (!result.isEmpty() && result.last().trimmed().isEmpty())
        result.removeLast();
    return result;
}

} // namespace PdfText
