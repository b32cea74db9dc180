#include "../report/PdfText.h"
#include "UiTestSupport.h"
#include "cli/DemoCommand.h"
#include "models/StoreSession.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "ui/DocumentOutput.h"
#include "ui/PrintSummaryDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QPrinter>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

// Printing a case summary from the desktop: the sections ticked are the sections printed
// (and remembered), every print and PDF is audited, and a PDF that cannot be written says so
// and leaves nothing behind.
class TestPrintSummaryDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void savesTheChosenSectionsAsPdf();
    void noSectionMeansNothingToPrint();
    void unwritableFolderIsExplainedAndLeavesNothing();
    void printingIsAudited();
    void closedPreviewPrintsNothing();

private:
    Store& store() { return *m_session->store(); }
    int auditCount(const QString& action);
    QString pdfText(const QString& path);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
    QString m_reference;
};

void TestPrintSummaryDialog::init()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = UiTestSupport::unlockedDemoSession(m_dir->filePath(QStringLiteral("demo.store")), 4, 7);
    QVERIFY(m_session);
    m_reference = CaseRepository(store()).list(CaseFilter {}).first().reference;
}

void TestPrintSummaryDialog::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

int TestPrintSummaryDialog::auditCount(const QString& action)
{
    int n = 0;
    for (const AuditEntry& entry : AuditLog(store()).entries(m_reference))
        n += entry.action == action ? 1 : 0;
    return n;
}

QString TestPrintSummaryDialog::pdfText(const QString& path)
{
    QString problem;
    const QString text = PdfText::read(path, &problem);
    if (text.isEmpty())
        qWarning("%s", qPrintable(problem));
    return text;
}

void TestPrintSummaryDialog::savesTheChosenSectionsAsPdf()
{
    const QString pdf = m_dir->filePath(QStringLiteral("summary.pdf"));
    {
        PrintSummaryDialog dialog(store(), m_reference);
        CaseSummarySections chosen;
        chosen.add(CaseSummarySections::Subject);
        chosen.add(CaseSummarySections::Needs);
        dialog.setChosenSections(chosen);
        DocumentOutput::setNextPdfPathForTesting(pdf);
        dialog.saveButton()->click();
        QVERIFY2(QFile::exists(pdf), qPrintable(dialog.problem()));
        UiTestSupport::saveShot(dialog, QStringLiteral("print-summary-dialog"));
    }
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(QStringLiteral("OFFICIAL-SENSITIVE")));
    QVERIFY(text.contains(m_reference));
    QVERIFY(text.contains(CaseSummarySections::label(CaseSummarySections::Subject)));
    QVERIFY(text.contains(CaseSummarySections::label(CaseSummarySections::Needs)));
    QVERIFY(!text.contains(CaseSummarySections::label(CaseSummarySections::Chronology)));
    QVERIFY(!text.contains(CaseSummarySections::label(CaseSummarySections::Outcomes)));
    QCOMPARE(auditCount(QStringLiteral("export")), 1);

    // The next time, the same sections are ticked.
    PrintSummaryDialog again(store(), m_reference);
    QVERIFY(again.sectionBox(CaseSummarySections::Needs)->isChecked());
    QVERIFY(!again.sectionBox(CaseSummarySections::Chronology)->isChecked());
}

void TestPrintSummaryDialog::noSectionMeansNothingToPrint()
{
    PrintSummaryDialog dialog(store(), m_reference);
    dialog.setChosenSections(CaseSummarySections());
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(!dialog.previewButton()->isEnabled());
    QVERIFY(dialog.problem().contains(QStringLiteral("at least one section")));
    dialog.sectionBox(CaseSummarySections::Risk)->setChecked(true);
    QVERIFY(dialog.saveButton()->isEnabled());
    QVERIFY(dialog.problem().isEmpty());
}

void TestPrintSummaryDialog::unwritableFolderIsExplainedAndLeavesNothing()
{
    const QString missing = m_dir->filePath(QStringLiteral("no-such-folder/summary.pdf"));
    PrintSummaryDialog dialog(store(), m_reference);
    QVERIFY(!dialog.savePdf(missing));
    QVERIFY(!dialog.problem().isEmpty());
    QVERIFY(!QFile::exists(missing));
    QCOMPARE(auditCount(QStringLiteral("export")), 0);
}

// What the preview's Print button does: the pages go to the printer, and the print is audited.
void TestPrintSummaryDialog::printingIsAudited()
{
    const QString out = m_dir->filePath(QStringLiteral("printed.pdf"));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(out);
    PrintSummaryDialog dialog(store(), m_reference);
    QVERIFY(dialog.printTo(&printer) > 0);
    QCOMPARE(auditCount(QStringLiteral("print")), 1);
    QVERIFY(pdfText(out).contains(QStringLiteral("OFFICIAL-SENSITIVE")));
}

// The preview shows the pages; closing it without pressing Print prints and audits nothing.
void TestPrintSummaryDialog::closedPreviewPrintsNothing()
{
    PrintSummaryDialog dialog(store(), m_reference);
    bool shown = false;
    QTimer::singleShot(0, &dialog, [&shown] {
        QWidget* preview = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((preview = QApplication::activeModalWidget()) != nullptr, 10000);
        shown = preview->inherits("QPrintPreviewDialog");
        preview->resize(900, 700);
        QTest::qWait(300);
        UiTestSupport::saveShot(*preview, QStringLiteral("print-preview"));
        preview->close();
    });
    dialog.previewButton()->click();
    QVERIFY(shown);
    QCOMPARE(auditCount(QStringLiteral("print")), 0);
}

QTEST_MAIN(TestPrintSummaryDialog)
#include "TestPrintSummaryDialog.moc"
