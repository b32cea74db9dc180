#include "PrintSummaryDialog.h"

#include "DocumentOutput.h"
#include "report/CaseSummaryDocument.h"
#include "report/DocumentPrinter.h"
#include "store/StoreError.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPrinter>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
const QString sectionsKey = QStringLiteral("print/summarySections");
const QString noteLimitKey = QStringLiteral("print/summaryNoteLimit");
} // namespace

PrintSummaryDialog::PrintSummaryDialog(Store& store, const QString& caseReference, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_reference(caseReference)
{
    setWindowTitle(tr("Print case summary %1").arg(caseReference));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The summary is marked OFFICIAL-SENSITIVE on every page. Notes written for "
                                "another agency only are never included. Printing and saving are recorded "
                                "in the case history."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(buildSections());

    auto* form = new QFormLayout;
    m_noteLimit = new QSpinBox(this);
    m_noteLimit->setRange(0, 10000);
    m_noteLimit->setSpecialValueText(tr("All notes"));
    m_noteLimit->setAccessibleName(tr("How many recent notes to include"));
    m_noteLimit->setAccessibleDescription(tr("The newest notes are printed; All notes prints every one."));
    m_noteLimit->setValue(QSettings().value(noteLimitKey, 20).toInt());
    form->addRow(tr("Recent &notes to include:"), m_noteLimit);
    layout->addLayout(form);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Printing message"));
    layout->addWidget(m_message);

    auto* buttons = new QDialogButtonBox(this);
    m_preview = buttons->addButton(tr("&Preview and print..."), QDialogButtonBox::ActionRole);
    m_save = buttons->addButton(tr("&Save as PDF..."), QDialogButtonBox::ActionRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    m_preview->setAccessibleDescription(tr("Shows the pages as they will print, then prints them"));
    m_save->setAccessibleDescription(tr("Writes the summary to a PDF file you choose"));
    connect(m_preview, &QPushButton::clicked, this, &PrintSummaryDialog::preview);
    connect(m_save, &QPushButton::clicked, this, &PrintSummaryDialog::saveAs);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_preview->setDefault(true);
    setMinimumWidth(440);
    updateButtons();
}

QGroupBox* PrintSummaryDialog::buildSections()
{
    auto* group = new QGroupBox(tr("Sections to print"), this);
    auto* column = new QVBoxLayout;
    CaseSummarySections remembered = CaseSummarySections::all();
    const QString saved = QSettings().value(sectionsKey).toString();
    if (!saved.isEmpty() && !CaseSummarySections::parse(saved, &remembered, nullptr))
        remembered = CaseSummarySections::all(); // a key from another version: start afresh
    for (CaseSummarySections::Section section : CaseSummarySections::order()) {
        auto* box = new QCheckBox(CaseSummarySections::label(section), group);
        box->setChecked(remembered.contains(section));
        box->setAccessibleName(tr("Include %1").arg(CaseSummarySections::label(section)));
        connect(box, &QCheckBox::toggled, this, &PrintSummaryDialog::updateButtons);
        column->addWidget(box);
        m_boxes.insert(section, box);
    }
    group->setLayout(column);
    return group;
}

CaseSummarySections PrintSummaryDialog::chosenSections() const
{
    CaseSummarySections chosen;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        if (it.value()->isChecked())
            chosen.add(it.key());
    }
    return chosen;
}

void PrintSummaryDialog::setChosenSections(const CaseSummarySections& sections)
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        it.value()->setChecked(sections.contains(it.key()));
}

QString PrintSummaryDialog::problem() const
{
    return m_message->text();
}

void PrintSummaryDialog::updateButtons()
{
    const bool any = !chosenSections().isEmpty();
    m_preview->setEnabled(any);
    m_save->setEnabled(any);
    m_message->setText(any ? QString() : tr("Choose at least one section to print."));
}

void PrintSummaryDialog::showProblem(const QString& text)
{
    m_message->setText(text);
}

void PrintSummaryDialog::remember() const
{
    QSettings settings;
    settings.setValue(sectionsKey, chosenSections().chosenKeys().join(QLatin1Char(',')));
    settings.setValue(noteLimitKey, m_noteLimit->value());
}

std::optional<ReportDocument> PrintSummaryDialog::document()
{
    CaseSummaryDocument::Options options;
    options.sections = chosenSections();
    options.noteLimit = m_noteLimit->value();
    try {
        std::optional<ReportDocument> built = CaseSummaryDocument::build(m_store, m_reference, options);
        if (!built)
            showProblem(tr("Case %1 is no longer on this laptop.").arg(m_reference));
        return built;
    } catch (const StoreError& error) {
        showProblem(tr("The case could not be read: %1").arg(error.message()));
        return std::nullopt;
    }
}

int PrintSummaryDialog::printTo(QPrinter* printer)
{
    std::optional<ReportDocument> built = document();
    if (!built)
        return 0;
    remember();
    const int pages = DocumentPrinter::print(*built, printer, m_store);
    if (pages == 0)
        showProblem(tr("The printer refused the job; nothing was printed."));
    return pages;
}

bool PrintSummaryDialog::savePdf(const QString& path)
{
    std::optional<ReportDocument> built = document();
    if (!built)
        return false;
    remember();
    const QString failure = DocumentPrinter::writePdf(*built, path, m_store);
    if (!failure.isEmpty()) {
        showProblem(failure);
        return false;
    }
    m_message->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void PrintSummaryDialog::preview()
{
    std::optional<ReportDocument> built = document();
    if (!built)
        return;
    remember();
    if (DocumentOutput::previewAndPrint(
            *built, m_store, tr("Print preview: case summary %1").arg(m_reference), this))
        m_message->setText(tr("Sent to the printer."));
}

void PrintSummaryDialog::saveAs()
{
    const QString path = DocumentOutput::choosePdfPath(
        tr("%1 case summary.pdf").arg(m_reference), tr("Save case summary as PDF"), this);
    if (!path.isEmpty())
        savePdf(path);
}
