#pragma once

#include "report/CaseSummarySections.h"
#include "report/ReportDocument.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPrinter;
class QPushButton;
class QSpinBox;
class Store;

// Print or save as PDF the summary of one case for a multi-agency meeting or a home visit:
// the worker ticks the sections to include (remembered for next time) and how many recent
// notes, then previews and prints, or saves a PDF. Every print and every PDF is audited
// (report/DocumentPrinter); no file is written except the PDF the worker names.
class PrintSummaryDialog : public QDialog
{
    Q_OBJECT

public:
    PrintSummaryDialog(Store& store, const QString& caseReference, QWidget* parent = nullptr);

    CaseSummarySections chosenSections() const;
    void setChosenSections(const CaseSummarySections& sections);
    QCheckBox* sectionBox(CaseSummarySections::Section section) const { return m_boxes.value(section); }
    QPushButton* previewButton() const { return m_preview; }
    QPushButton* saveButton() const { return m_save; }
    QString problem() const;

    // Prints the summary as chosen onto printer and audits it; what the preview's Print does.
    // Returns the number of pages (0: nothing printed, problem() says why).
    int printTo(QPrinter* printer);
    // Writes the PDF (audited); false with problem() set when it could not.
    bool savePdf(const QString& path);

private:
    QGroupBox* buildSections();
    void updateButtons();
    void preview();
    void saveAs();
    void remember() const;
    std::optional<ReportDocument> document();
    void showProblem(const QString& text);

    Store& m_store;
    QString m_reference;
    QMap<CaseSummarySections::Section, QCheckBox*> m_boxes;
    QSpinBox* m_noteLimit = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_preview = nullptr;
    QPushButton* m_save = nullptr;
};
