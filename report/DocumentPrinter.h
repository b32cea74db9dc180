#pragma once

#include <QCoreApplication>
#include <QPageLayout>
#include <QString>

class QPagedPaintDevice;
class ReportDocument;
class Store;

// Prints a ReportDocument onto any paged device (QPrinter, QPdfWriter) with the page
// furniture: the protective marking at the top and bottom of every page, the title, who
// printed it and when, and "Page X of Y". The body is laid out once per page size in
// device-independent units (96 per inch, design metrics), so a printer and a PDF of the
// same page size break pages in the same places.
//
// Desktop print preview:
//   QPrinter printer(QPrinter::HighResolution);
//   printer.setPageLayout(DocumentPrinter::a4Layout());
//   QPrintPreviewDialog preview(&printer, this);
//   connect(&preview, &QPrintPreviewDialog::paintRequested,
//           [&](QPrinter* p) { DocumentPrinter::paint(document, p); });
//   if (preview.exec() == QDialog::Accepted)
//       DocumentPrinter::recordAudit(document, DocumentPrinter::Output::Print, store);
// Save as PDF: DocumentPrinter::writePdf(document, path, store) (audited itself).
class DocumentPrinter
{
    Q_DECLARE_TR_FUNCTIONS(DocumentPrinter)

public:
    enum class Output { Print, Export }; // audited as "print" and "export"

    // A4 portrait with 15 mm margins: what PDFs use and what the desktop should offer first.
    static QPageLayout a4Layout();

    // Lays the document out for the device's page and paints every page. Not audited (a
    // preview repaints often). Returns the number of pages, 0 when the device refused.
    static int paint(const ReportDocument& document, QPagedPaintDevice* device);
    // The number of pages paint() would produce on a page of that layout.
    static int pageCount(const ReportDocument& document, const QPageLayout& layout);

    // paint() and then one "print" audit entry. Returns the number of pages (0: nothing
    // printed, nothing audited).
    static int print(const ReportDocument& document, QPagedPaintDevice* printer, Store& store);

    // Writes an A4 PDF straight to path (a temporary file in the same folder, renamed when
    // complete) and audits the export in the same step. Returns an empty string on success,
    // otherwise one sentence saying what went wrong; then nothing is left at path (an
    // existing file there is untouched) and nothing is audited. Store errors propagate.
    static QString writePdf(const ReportDocument& document, const QString& path, Store& store);

    // The audit entry alone, for a caller that painted through paint().
    static void recordAudit(const ReportDocument& document, Output output, Store& store);
};
