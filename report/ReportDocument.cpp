#include "ReportDocument.h"

#include <QTextOption>

ReportDocument::ReportDocument(Furniture furniture, AuditSubject audit)
    : m_body(std::make_unique<QTextDocument>())
    , m_furniture(std::move(furniture))
    , m_audit(std::move(audit))
{
    // A long unbroken word (a web address in a note) must wrap, never run off the page.
    QTextOption option = m_body->defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_body->setDefaultTextOption(option);
    m_body->setDefaultFont(documentFont());
}

QFont ReportDocument::documentFont()
{
    // No ligatures: with them "fi" in "significant" becomes one glyph and the PDF's text no
    // longer reads (or searches, or reaches a screen reader) as the word itself.
    QFont font(QStringLiteral("Sans Serif"), 10);
    font.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping);
    return font;
}

ReportDocument::ReportDocument(ReportDocument&&) noexcept = default;
ReportDocument& ReportDocument::operator=(ReportDocument&&) noexcept = default;
ReportDocument::~ReportDocument() = default;
