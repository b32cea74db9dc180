#include "UiTestSupport.h"
#include "models/ReferralPreviewModel.h"
#include "models/StoreSession.h"
#include "store/AgencyRepository.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "store/ReferralImporter.h"
#include "store/Store.h"
#include "ui/ImportDialog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The desktop's CSV import: a file is previewed and checked before anything is written, and
// goes into the store whole or not at all. Every outcome is checked in the store itself.
class TestImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void goodFilePreviewsThenImportsEveryRow();
    void badLinesListedAndNothingImported();
    void reloadReadsTheFixedFile();
    void unreadableFilesExplained();
    void emptyAndHeaderOnlyFiles();
    void referenceAlreadyInStoreImportsNothing();
    void browseRemembersTheFolder();
    void lockingDropsThePreview();
    void everyControlNamedAndInReadingOrder();
    void fiveThousandRowFile();

private:
    QString writeFile(const QString& name, const QByteArray& bytes);
    Store& store() { return *m_session->store(); }
    qint64 caseCount() { return CaseRepository(store()).count(CaseFilter {}); }
    static QByteArray header();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<ImportDialog> m_dialog;
};

QByteArray TestImportDialog::header()
{
    return "reference,referral_date,referring_agency,given_name,family_name,date_of_birth,nhs_number,"
           "postcode,needs,reason,consent,risk,status,closed_date,closure_reason\n";
}

void TestImportDialog::init()
{
    UiTestSupport::useTemporarySettings(m_settingsDir);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(m_dir->filePath(QStringLiteral("import.store")));
    QCOMPARE(
        m_session->create(UiTestSupport::passphrase(), UiTestSupport::fastParams(), QStringLiteral("tester")),
        QString());
    m_dialog = std::make_unique<ImportDialog>(*m_session);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestImportDialog::cleanup()
{
    m_dialog.reset();
    m_session.reset();
    m_dir.reset();
}

QString TestImportDialog::writeFile(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write the test file");
    return path;
}

void TestImportDialog::goodFilePreviewsThenImportsEveryRow()
{
    // As a spreadsheet saves it: byte-order mark, CRLF, a quoted reason over two lines.
    const QString path = writeFile(QStringLiteral("referrals.csv"),
        "\xEF\xBB\xBF" + header()
            + "PVT-2024-0040,2024-03-04,Lancashire Police,Si\xC3\xA2n,Jones,1950-04-01,9434765919,pr7 1dp,"
              "hoarding;fire-risk,\"Neighbours report a smell,\r\nhallway blocked\",given,high,open,,\r\n"
              ",2024-04-10,Community Fire Safety,Zo\xC3\xAB,\xC3\x93 Briain,,,,loneliness,Lonely since "
              "her husband died,not-sought,low,closed,2024-09-30,outcomes-met\r\n"
              ",2024-05-20,Lancashire Police,,Kowalski,,,,debt,Rent arrears,refused,medium,referred,,\r\n");
    QSignalSpy added(m_session.get(), &StoreSession::caseAdded);
    QSignalSpy imported(m_dialog.get(), &ImportDialog::imported);

    QVERIFY(m_dialog->loadFile(path));
    QCOMPARE(m_dialog->previewModel()->rowCount(), 3);
    QCOMPARE(m_dialog->problems(), QStringList());
    QVERIFY(!m_dialog->problemList()->isVisible());
    QVERIFY(m_dialog->importButton()->isEnabled());
    QCOMPARE(m_dialog->summary(), QStringLiteral("3 referral(s) ready to import from referrals.csv."));
    QCOMPARE(caseCount(), 0); // the preview writes nothing
    QVERIFY(UiTestSupport::saveShot(*m_dialog, QStringLiteral("import-ready")));

    QTest::mouseClick(m_dialog->importButton(), Qt::LeftButton);
    const QStringList expected {
        QStringLiteral("PVT-2024-0040"), QStringLiteral("PVT-2024-0041"), QStringLiteral("PVT-2024-0042")};
    QCOMPARE(m_dialog->importedReferences(), expected);
    QCOMPARE(imported.count(), 1);
    QCOMPARE(imported.at(0).at(0).toStringList(), expected);
    QCOMPARE(caseCount(), 3);
    QStringList addedIds;
    for (const QList<QVariant>& signal : std::as_const(added))
        addedIds << signal.at(0).toString();
    QStringList storedIds;
    for (const QString& reference : expected) {
        const auto record = CaseRepository(store()).byReference(reference);
        QVERIFY(record);
        storedIds << record->meta.id;
    }
    QCOMPARE(addedIds, storedIds);
    const auto closed = CaseRepository(store()).byReference(QStringLiteral("PVT-2024-0041"));
    QCOMPARE(closed->status, QStringLiteral("closed"));
    QCOMPARE(closed->closedDate, QDate(2024, 9, 30));
    QCOMPARE(AgencyRepository(store()).list().size(), 2);

    QCOMPARE(m_dialog->summary(),
        QStringLiteral("Imported 3 referral(s) from referrals.csv: PVT-2024-0040, PVT-2024-0041, "
                       "PVT-2024-0042."));
    const QAbstractItemModel* preview = m_dialog->previewModel();
    QCOMPARE(preview->index(1, ReferralPreviewModel::Reference).data().toString(),
        QStringLiteral("PVT-2024-0041"));
    // Done: importing again, or re-reading the same file to import it twice, is not offered.
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QVERIFY(!m_dialog->reloadButton()->isEnabled());
    QVERIFY(!m_dialog->importRows().isEmpty());
    QCOMPARE(caseCount(), 3);
    QVERIFY(UiTestSupport::saveShot(*m_dialog, QStringLiteral("import-done")));
}

void TestImportDialog::badLinesListedAndNothingImported()
{
    const QString path = writeFile(QStringLiteral("bad.csv"),
        header()
            + ",2024-03-04,Agency A,Ann,One,,9434765919,,hoarding,Fine row,given,low,open,,\n"
              ",2024-03-05,Agency B,Bob,Two,,1234567890,,,Bad NHS number,given,low,open,,\n"
              ",2024-03-06,Agency C,Cat,Three,,,,,Fine row,given,low,open,,\n"
              ",2024-03-07,Agency D,Dan,Four,,,,,Unknown status,given,low,pending,,\n");
    QSignalSpy imported(m_dialog.get(), &ImportDialog::imported);
    QVERIFY(!m_dialog->loadFile(path));
    QCOMPARE(m_dialog->problems(),
        (QStringList {QStringLiteral("line 3: nhs_number \"1234567890\" fails the NHS number check digit"),
            QStringLiteral(
                "line 5: status: \"pending\" is not one of: referred, accepted, open, closed, declined")}));
    QVERIFY(m_dialog->problemList()->isVisible());
    QCOMPARE(m_dialog->problemList()->model()->rowCount(), 2);
    QCOMPARE(m_dialog->summary(),
        QStringLiteral(
            "2 problem(s) in bad.csv; fix the file and load it again. Nothing has been imported."));
    QCOMPARE(m_dialog->previewModel()->rowCount(), 2); // the good rows, for context
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QVERIFY(UiTestSupport::saveShot(*m_dialog, QStringLiteral("import-problems")));

    QVERIFY(!m_dialog->importRows().isEmpty());
    QCOMPARE(imported.count(), 0);
    QCOMPARE(caseCount(), 0);
    QCOMPARE(AgencyRepository(store()).list().size(), 0);
}

void TestImportDialog::reloadReadsTheFixedFile()
{
    const QString path = writeFile(QStringLiteral("fixme.csv"),
        header() + ",2024-03-04,Agency A,Ann,,,,,,Hoarding,given,severe,open,,\n");
    QVERIFY(!m_dialog->loadFile(path));
    QCOMPARE(m_dialog->problems().size(), 1);
    writeFile(
        QStringLiteral("fixme.csv"), header() + ",2024-03-04,Agency A,Ann,,,,,,Hoarding,given,high,open,,\n");
    QVERIFY(m_dialog->reloadButton()->isEnabled());
    QTest::mouseClick(m_dialog->reloadButton(), Qt::LeftButton);
    QCOMPARE(m_dialog->problems(), QStringList());
    QVERIFY(!m_dialog->problemList()->isVisible());
    QVERIFY(m_dialog->importButton()->isEnabled());
    QCOMPARE(m_dialog->importRows(), QString());
    QCOMPARE(caseCount(), 1);
}

void TestImportDialog::unreadableFilesExplained()
{
    // "Siân" saved as Windows-1252 by an older spreadsheet.
    const QString latin1 = writeFile(QStringLiteral("latin1.csv"),
        header() + ",2024-03-04,Agency A,Si\xE2n,,,,,,Hoarding,given,low,open,,\n");
    QVERIFY(!m_dialog->loadFile(latin1));
    QCOMPARE(m_dialog->summary(),
        QStringLiteral("latin1.csv is not UTF-8 text; save it as \"CSV UTF-8\" and try again."));
    QCOMPARE(m_dialog->previewModel()->rowCount(), 0);
    QVERIFY(!m_dialog->importButton()->isEnabled());

    QVERIFY(!m_dialog->loadFile(m_dir->filePath(QStringLiteral("nowhere.csv"))));
    QCOMPARE(m_dialog->summary(), QStringLiteral("Cannot read nowhere.csv: No such file or directory"));
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QVERIFY(!m_dialog->importRows().isEmpty());
    QCOMPARE(caseCount(), 0);
}

void TestImportDialog::emptyAndHeaderOnlyFiles()
{
    QVERIFY(!m_dialog->loadFile(writeFile(QStringLiteral("empty.csv"), QByteArray())));
    QCOMPARE(m_dialog->problems(),
        QStringList {QStringLiteral("line 1: The file is empty; it needs a header row naming the columns")});
    QVERIFY(!m_dialog->importButton()->isEnabled());

    QVERIFY(!m_dialog->loadFile(writeFile(QStringLiteral("header.csv"), header() + ",,,,,,,,,,,,,,\n")));
    QCOMPARE(m_dialog->problems(), QStringList());
    QCOMPARE(m_dialog->summary(),
        QStringLiteral("header.csv has no referral rows under its header row; add them and load it again. "
                       "Nothing has been imported."));
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QVERIFY(!m_dialog->importRows().isEmpty());
    QCOMPARE(caseCount(), 0);
}

void TestImportDialog::referenceAlreadyInStoreImportsNothing()
{
    ReferralRow existing;
    existing.caseRecord.reference = QStringLiteral("PVT-2024-0002");
    existing.caseRecord.referralDate = QDate(2024, 4, 10);
    existing.caseRecord.reason = QStringLiteral("Hoarding");
    existing.referringAgencyName = QStringLiteral("Lancashire Police");
    existing.subject.givenName = QStringLiteral("Ann");
    ReferralImporter(store()).addReferral(existing);
    const qint64 auditBefore = AuditLog(store()).count();

    // The clash is on the last row, after two new agencies would have been created.
    const QString path = writeFile(QStringLiteral("clash.csv"),
        header()
            + "PVT-2024-0009,2024-05-01,New Agency,Bob,,,,,,Debt,given,low,open,,\n"
              ",2024-05-02,Another New Agency,Cat,,,,,,Isolation,given,low,open,,\n"
              "PVT-2024-0002,2024-05-03,Lancashire Police,Dan,,,,,,Bereavement,given,low,open,,\n");
    QSignalSpy imported(m_dialog.get(), &ImportDialog::imported);
    QVERIFY(m_dialog->loadFile(path)); // the file itself is fine; only the store knows
    QCOMPARE(
        m_dialog->importRows(), QStringLiteral("line 4: reference PVT-2024-0002 is already in the store"));
    QCOMPARE(m_dialog->problems(),
        QStringList {QStringLiteral("line 4: reference PVT-2024-0002 is already in the store")});
    QVERIFY(m_dialog->summary().startsWith(QStringLiteral("Nothing has been imported from clash.csv")));
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QCOMPARE(imported.count(), 0);
    QCOMPARE(m_dialog->importedReferences(), QStringList());
    QCOMPARE(caseCount(), 1);
    QCOMPARE(AgencyRepository(store()).list().size(), 1);
    QCOMPARE(AuditLog(store()).count(), auditBefore);
}

void TestImportDialog::browseRemembersTheFolder()
{
    const QString path = writeFile(
        QStringLiteral("chosen.csv"), header() + ",2024-03-04,Agency A,Ann,,,,,,Hoarding,given,low,open,,\n");
    ImportDialog::setNextChosenFileForTesting(QString()); // cancelled: nothing changes
    QTest::mouseClick(m_dialog->browseButton(), Qt::LeftButton);
    QCOMPARE(m_dialog->previewModel()->rowCount(), 0);
    QVERIFY(!QSettings().contains(ImportDialog::lastFolderKey()));

    ImportDialog::setNextChosenFileForTesting(path);
    QTest::keyClick(m_dialog.get(), Qt::Key_B, Qt::AltModifier); // the &Browse... mnemonic
    // A mnemonic "animates" the click, so the button fires a moment later.
    QTRY_COMPARE(m_dialog->previewModel()->rowCount(), 1);
    QCOMPARE(QSettings().value(ImportDialog::lastFolderKey()).toString(), m_dir->path());
}

void TestImportDialog::lockingDropsThePreview()
{
    const QString path = writeFile(
        QStringLiteral("locked.csv"), header() + ",2024-03-04,Agency A,Ann,,,,,,Hoarding,given,low,open,,\n");
    QVERIFY(m_dialog->loadFile(path));
    m_session->lock();
    QCOMPARE(m_dialog->previewModel()->rowCount(), 0);
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(!m_dialog->importButton()->isEnabled());
    QCOMPARE(
        m_dialog->importRows(), QStringLiteral("The store is locked; unlock it and load the file again."));
}

void TestImportDialog::everyControlNamedAndInReadingOrder()
{
    QVERIFY(m_dialog->loadFile(writeFile(QStringLiteral("named.csv"),
        header() + ",2024-03-04,Agency A,Ann,,,,,,Hoarding,given,low,open,,\n")));
    for (QWidget* w : m_dialog->findChildren<QWidget*>()) {
        if (w->focusPolicy() != Qt::NoFocus && w->isVisibleTo(m_dialog.get()) && !w->inherits("QScrollBar")
            && w->parentWidget() == m_dialog.get())
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
    }
    // Tab from the file field runs left to right, top to bottom.
    QList<QWidget*> order;
    QWidget* w = m_dialog->findChild<QLineEdit*>();
    for (int i = 0; i < 6; ++i) {
        order << w;
        w = w->nextInFocusChain();
        while (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(m_dialog.get()))
            w = w->nextInFocusChain();
    }
    QCOMPARE(order.at(1), m_dialog->browseButton());
    QCOMPARE(order.at(2), m_dialog->reloadButton());
    QCOMPARE(order.at(3), m_dialog->previewTable());
    QCOMPARE(order.at(4), m_dialog->importButton()); // the problem list is hidden: none
}

void TestImportDialog::fiveThousandRowFile()
{
    QByteArray csv = header();
    for (int i = 0; i < 5000; ++i)
        csv += ",2024-03-04,Agency " + QByteArray::number(i % 7) + ",Person " + QByteArray::number(i)
            + ",,,,,loneliness;debt,\"Lonely, and rent arrears\",given,low,open,,\n";
    const QString path = writeFile(QStringLiteral("year.csv"), csv);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_dialog->loadFile(path));
    qInfo("5,000 rows read and previewed in %lld ms", timer.elapsed());
    QCOMPARE(m_dialog->previewModel()->rowCount(), 5000);
    QVERIFY(timer.elapsed() < 5000);
    m_dialog->previewTable()->scrollToBottom();
    QTest::qWait(0);
    timer.restart();
    QCOMPARE(m_dialog->importRows(), QString());
    qInfo("5,000 rows imported in %lld ms", timer.elapsed());
    QCOMPARE(caseCount(), 5000);
    QCOMPARE(m_dialog->importedReferences().size(), 5000);
    QCOMPARE(m_dialog->importedReferences().last(), QStringLiteral("PVT-2024-5000"));
}

QTEST_MAIN(TestImportDialog)
#include "TestImportDialog.moc"
