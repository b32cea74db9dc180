#include "DocumentPrinter.h"

#include "ReportDocument.h"
#include "store/AuditLog.h"
#include "store/Store.h"

#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>

#include <cmath>
#include <memory>

namespace {

// Layout units: 96 per inch, whatever the device. Fonts in the furniture are pixel-sized in
// these units so the painter's scale to the device applies to them like to everything else.
constexpr qreal layoutDpi = 96.0;
constexpr qreal headerHeight = 58.0;
constexpr qreal footerHeight = 40.0;

// The device every body is laid out against: a fixed 96 dpi, so the layout (and so the page
// breaks) does not depend on the screen, the printer or the PDF's resolution.
QPaintDevice* layoutDevice()
{
    static QImage device = [] {
        QImage image(1, 1, QImage::Format_RGB32);
        const int dotsPerMetre = qRound(layoutDpi / 0.0254);
        image.setDotsPerMeterX(dotsPerMetre);
        image.setDotsPerMeterY(dotsPerMetre);
        return image;
    }();
    return &device;
}

QFont furnitureFont(int pixelSize, bool bold)
{
    QFont font(QStringLiteral("Sans Serif"));
    font.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping); // no ligatures, as in the body
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

// Space a heading needs below it on the same page: a heading is never left alone at the
// foot of a page, away from what it introduces. QTextDocument has no "keep with next", so a
// heading that would end up there starts the next page instead. A section heading (h1, h2)
// keeps a caption and a few table rows with it, a note's heading (h3) two lines of the note.
qreal keepWithHeading(int level)
{
    return level <= 2 ? 96.0 : 40.0;
}

void keepHeadingsWithText(QTextDocument& body)
{
    const qreal pageHeight = body.pageSize().height();
    QAbstractTextDocumentLayout* layout = body.documentLayout();
    for (QTextBlock block = body.begin(); block.isValid(); block = block.next()) {
        const int level = block.blockFormat().headingLevel();
        if (level == 0)
            continue;
        const QRectF rect = layout->blockBoundingRect(block);
        const qreal pageTop = std::floor(rect.top() / pageHeight) * pageHeight;
        if (rect.top() <= pageTop + 1 || rect.bottom() + keepWithHeading(level) <= pageTop + pageHeight)
            continue;
        QTextBlockFormat format = block.blockFormat();
        format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(block).setBlockFormat(format);
        // A small change only shifts what follows without paginating it again; marking the
        // rest changed makes the layout break its pages afresh (lazily, as it is asked for).
        body.markContentsDirty(block.position(), body.characterCount() - block.position());
    }
}

// The printable area of a page in layout units.
QSizeF pageSize(const QPageLayout& layout)
{
    return layout.paintRect(QPageLayout::Point).size() * (layoutDpi / 72.0);
}

QSizeF bodySize(const QSizeF& page)
{
    return {page.width(), page.height() - headerHeight - footerHeight};
}

// A copy of the body laid out for pages of `body` size, so the caller's document is left as
// it was (a preview can ask for another page size at any time).
std::unique_ptr<QTextDocument> laidOut(const ReportDocument& document, const QSizeF& body)
{
    std::unique_ptr<QTextDocument> copy(document.body().clone());
    copy->setDocumentMargin(0);
    copy->setUseDesignMetrics(true);
    copy->documentLayout()->setPaintDevice(layoutDevice());
    copy->setPageSize(body);
    keepHeadingsWithText(*copy);
    return copy;
}

QString printedLine(const ReportDocument::Furniture& f)
{
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    return DocumentPrinter::tr("Printed by %1 on %2 at %3")
        .arg(f.printedBy, uk.toString(f.printedAt.date(), QStringLiteral("dd/MM/yyyy")),
            uk.toString(f.printedAt.time(), QStringLiteral("HH:mm")));
}

void drawFurniture(
    QPainter& painter, const ReportDocument::Furniture& f, const QSizeF& page, int pageNumber, int pages)
{
    const qreal w = page.width();
    painter.setPen(Qt::black);
    painter.setFont(furnitureFont(15, true));
    painter.drawText(QRectF(0, 0, w, 20), Qt::AlignHCenter | Qt::AlignTop, f.marking);
    painter.setFont(furnitureFont(12, true));
    const QRectF titleRect(0, 26, w * 0.58, 18);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop,
        QFontMetricsF(painter.font()).elidedText(f.title, Qt::ElideRight, titleRect.width()));
    painter.setFont(furnitureFont(11, false));
    painter.drawText(QRectF(w * 0.58, 27, w * 0.42, 18), Qt::AlignRight | Qt::AlignTop, printedLine(f));
    painter.drawLine(QPointF(0, headerHeight - 10), QPointF(w, headerHeight - 10));

    const qreal footerTop = page.height() - footerHeight;
    painter.drawLine(QPointF(0, footerTop + 8), QPointF(w, footerTop + 8));
    painter.setFont(furnitureFont(15, true));
    painter.drawText(QRectF(0, footerTop + 16, w, 20), Qt::AlignHCenter | Qt::AlignTop, f.marking);
    painter.setFont(furnitureFont(11, false));
    painter.drawText(QRectF(0, footerTop + 18, w, 18), Qt::AlignRight | Qt::AlignTop,
        DocumentPrinter::tr("Page %1 of %2").arg(pageNumber).arg(pages));
}

void drawBodyPage(QPainter& painter, QTextDocument& body, int pageIndex)
{
    const QSizeF size = body.pageSize();
    const QRectF clip(0, pageIndex * size.height(), size.width(), size.height());
    painter.translate(0, headerHeight - clip.top());
    painter.setClipRect(clip);
    QAbstractTextDocumentLayout::PaintContext context;
    // Lines that only touch the page's edges belong to the neighbouring pages: drawn here
    // they would be clipped from sight but still be in the PDF's text.
    context.clip = clip.adjusted(0, 0.5, 0, -0.5);
    context.palette.setColor(QPalette::Text, Qt::black);
    body.documentLayout()->draw(&painter, context);
}

struct PdfNotCommitted
{
};

} // namespace

QPageLayout DocumentPrinter::a4Layout()
{
    return QPageLayout(
        QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
}

int DocumentPrinter::paint(const ReportDocument& document, QPagedPaintDevice* device)
{
    // Fonts need a QGuiApplication; under a QCoreApplication QPainter would abort the process.
    QPainter painter;
    if (!device || !qobject_cast<QGuiApplication*>(QCoreApplication::instance()) || !painter.begin(device))
        return 0;
    // The page in layout units comes from the page layout, not the device's pixels (rounded
    // to its resolution), so every device with that page breaks in the same places.
    const QSizeF page = pageSize(device->pageLayout());
    const qreal scaleX = device->width() / page.width();
    const qreal scaleY = device->height() / page.height();
    const auto body = laidOut(document, bodySize(page));
    const int pages = body->pageCount();
    for (int index = 0; index < pages; ++index) {
        if (index > 0 && !device->newPage())
            return 0;
        painter.save();
        // Charts stay sharp: without this hint the PDF engine stores images as JPEG.
        painter.setRenderHint(QPainter::LosslessImageRendering);
        painter.scale(scaleX, scaleY);
        drawFurniture(painter, document.furniture(), page, index + 1, pages);
        drawBodyPage(painter, *body, index);
        painter.restore();
    }
    return painter.end() ? pages : 0;
}

int DocumentPrinter::pageCount(const ReportDocument& document, const QPageLayout& layout)
{
    return laidOut(document, bodySize(pageSize(layout)))->pageCount();
}

int DocumentPrinter::print(const ReportDocument& document, QPagedPaintDevice* printer, Store& store)
{
    const int pages = paint(document, printer);
    if (pages > 0)
        recordAudit(document, Output::Print, store);
    return pages;
}

QString DocumentPrinter::writePdf(const ReportDocument& document, const QString& path, Store& store)
{
    // QSaveFile writes beside the target and renames on commit(); when anything fails the
    // temporary file is removed and the target never holds half a document.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Could not write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
    int pages = 0;
    {
        QPdfWriter writer(&file);
        writer.setPageLayout(a4Layout());
        writer.setResolution(600);
        writer.setTitle(document.jobName());
        writer.setCreator(QStringLiteral("Pivot Casebook"));
        pages = paint(document, &writer);
    }
    if (pages == 0) // the QSaveFile's destructor removes its temporary file
        return tr("Could not write %1: the PDF could not be drawn.").arg(QFileInfo(path).absoluteFilePath());
    bool committed = false;
    try {
        store.write([&] {
            recordAudit(document, Output::Export, store);
            committed = file.commit();
            if (!committed)
                throw PdfNotCommitted();
        });
    } catch (const PdfNotCommitted&) {
        return tr("Could not write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
    } catch (...) {
        // The audit could not be kept: the PDF must not exist without it. (`committed` is set
        // inside the lambda above.)
        // cppcheck-suppress knownConditionTrueFalse
        if (committed)
            QFile::remove(path);
        throw;
    }
    return QString();
}

void DocumentPrinter::recordAudit(const ReportDocument& document, Output output, Store& store)
{
    const ReportDocument::AuditSubject& a = document.audit();
    const QString action = output == Output::Print ? QStringLiteral("print") : QStringLiteral("export");
    store.write([&] { AuditLog(store).append(action, a.entity, a.entityId, a.caseReference, a.detail); });
}
