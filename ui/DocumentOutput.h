#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;
class ReportDocument;
class Store;

// Print preview and Save as PDF for a report/ document, as the case summary and the board
// report share them: A4 first, the preview's Print audited as a print, the PDF audited as an
// export (report/DocumentPrinter), and no file written but the PDF the worker names.
class DocumentOutput
{
    Q_DECLARE_TR_FUNCTIONS(DocumentOutput)

public:
    // Shows the preview; true when the worker printed from it (then it is audited).
    static bool previewAndPrint(
        const ReportDocument& document, Store& store, const QString& title, QWidget* parent);
    // Where to save: asks, starting in Documents with suggestedName; empty when cancelled.
    // Adds ".pdf" when the worker left it off.
    static QString choosePdfPath(const QString& suggestedName, const QString& title, QWidget* parent);
    // The next choosePdfPath answers path without asking (tests; empty is a cancel).
    static void setNextPdfPathForTesting(const QString& path);
};
