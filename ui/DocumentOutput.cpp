#include "DocumentOutput.h"

#include "report/DocumentPrinter.h"
#include "report/ReportDocument.h"

#include <QDir>
#include <QFileDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QStandardPaths>

#include <optional>

namespace {
std::optional<QString> nextPdfPath;
} // namespace

bool DocumentOutput::previewAndPrint(
    const ReportDocument& document, Store& store, const QString& title, QWidget* parent)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(DocumentPrinter::a4Layout());
    printer.setDocName(document.jobName());
    QPrintPreviewDialog dialog(&printer, parent);
    dialog.setWindowTitle(title);
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog,
        [&document](QPrinter* target) { DocumentPrinter::paint(document, target); });
    if (dialog.exec() != QDialog::Accepted)
        return false;
    DocumentPrinter::recordAudit(document, DocumentPrinter::Output::Print, store);
    return true;
}

QString DocumentOutput::choosePdfPath(const QString& suggestedName, const QString& title, QWidget* parent)
{
    QString path;
    if (nextPdfPath) {
        path = *nextPdfPath;
        nextPdfPath.reset();
    } else {
        const QDir folder(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
        path = QFileDialog::getSaveFileName(
            parent, title, folder.filePath(suggestedName), tr("PDF files (*.pdf)"));
    }
    if (!path.isEmpty() && !path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    return path;
}

void DocumentOutput::setNextPdfPathForTesting(const QString& path)
{
    nextPdfPath = path;
}
