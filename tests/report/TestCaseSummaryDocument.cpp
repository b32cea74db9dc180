// The printed case summary, read back from real PDFs with pdftotext: the marking and
// "Page X of Y" on every page, only the chosen sections, never another agency's agency-only
// note, every note of a 500-note case, overdue actions said in words, and the audit entry
// every export and print leaves.

#include "PdfText.h"
#include "report/CaseSummaryDocument.h"
#include "report/DocumentPrinter.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"
#include "store/StoreTestSupport.h"
#include "store/UserRepository.h"

#include <QDir>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

class TestCaseSummaryDocument : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void markingAndPageNumbersOnEveryPage();
    void onlyTheChosenSections_data();
    void onlyTheChosenSections();
    void agencyOnlyNotesOnlyForTheirAgency();
    void overdueActionsSaidInWords();
    void fiveHundredNotesAllPrinted();
    void noteLimitKeepsTheNewest();
    void longNoteBreaksAcrossPages();
    void exportAndPrintAreAudited();
    void unwritablePathLeavesNothing_data();
    void unwritablePathLeavesNothing();
    void unknownReference();
    void sectionKeys();
    void sameBreaksAtAnyResolution();

private:
    void addCase();
    void addNote(const QString& text, const QDate& on, bool significant = false, const QString& agencyId = {},
        bool agencyOnly = false);
    void setReader(const QString& agencyId);
    QString exportText(const CaseSummaryDocument::Options& options, int* pages = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QString m_caseId;
    QString m_police;
    QString m_fire;
    static inline const QString reference = QStringLiteral("PVT-2025-0042");
};

void TestCaseSummaryDocument::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = StoreTestSupport::createStore(m_dir->filePath(QStringLiteral("team.store")));
    m_police = AgencyRepository(*m_store).findOrCreate(QStringLiteral("Lancashire Police")).meta.id;
    m_fire = AgencyRepository(*m_store).findOrCreate(QStringLiteral("Community Fire Safety")).meta.id;
    addCase();
}

void TestCaseSummaryDocument::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestCaseSummaryDocument::addCase()
{
    m_store->write([&] {
        CaseRecord c;
        c.reference = reference;
        c.referralDate = QDate(2025, 1, 6);
        c.referringAgencyId = m_police;
        c.reason = QStringLiteral("Referralreasonword: hoarding reported by a neighbour.");
        c.status = QStringLiteral("open");
        c.consent = QStringLiteral("given");
        c.consentDate = QDate(2025, 1, 7);
        c.risk = QStringLiteral("high");
        c.riskRationale = QStringLiteral("Riskrationaleword: blocked exits.");
        c.leadWorker = QStringLiteral("Sam Whittle");
        CaseRepository(*m_store).add(c);
        m_caseId = c.meta.id;
        Person subject;
        subject.givenName = QStringLiteral("Alex");
        subject.familyName = QStringLiteral("Subjectsurname");
        PersonRepository(*m_store).add(subject, reference);
        CasePerson link {RowMeta(), m_caseId, subject.meta.id, QStringLiteral("subject")};
        CaseRepository(*m_store).linkPerson(link, reference);
        Person carer;
        carer.givenName = QStringLiteral("Householdmembername");
        PersonRepository(*m_store).add(carer, reference);
        CasePerson carerLink {RowMeta(), m_caseId, carer.meta.id, QStringLiteral("carer")};
        CaseRepository(*m_store).linkPerson(carerLink, reference);
        CaseAgency fire {RowMeta(), m_caseId, m_fire, QStringLiteral("Fire safety officer")};
        CaseRepository(*m_store).addAgency(fire, reference);
        CaseNeed need;
        need.caseId = m_caseId;
        need.needKey = QStringLiteral("hoarding");
        need.clutterRating = 7;
        need.notes = QStringLiteral("Neednoteword");
        NeedRepository(*m_store).add(need, reference);
        CaseAction overdue;
        overdue.caseId = m_caseId;
        overdue.description = QStringLiteral("Overdueactionword: fit smoke alarms");
        overdue.agencyId = m_fire;
        overdue.dueDate = QDate(2025, 2, 1);
        ActionRepository(*m_store).add(overdue, reference);
        CaseAction later;
        later.caseId = m_caseId;
        later.description = QStringLiteral("Futureactionword: review");
        later.dueDate = QDate::currentDate().addYears(1);
        ActionRepository(*m_store).add(later, reference);
        Assessment baseline;
        baseline.caseId = m_caseId;
        baseline.kind = QStringLiteral("ons4");
        baseline.stage = QStringLiteral("baseline");
        baseline.assessedOn = QDate(2025, 1, 10);
        baseline.ons4 = {3, 4, 5, 8};
        AssessmentRepository(*m_store).add(baseline, reference);
        Assessment closing = baseline;
        closing.meta = RowMeta();
        closing.stage = QStringLiteral("closing");
        closing.assessedOn = QDate(2025, 3, 10);
        closing.ons4 = {6, 7, 7, 4};
        AssessmentRepository(*m_store).add(closing, reference);
    });
    addNote(QStringLiteral("Chronologyword: multi-agency meeting agreed a plan."), QDate(2025, 1, 20), true);
    addNote(QStringLiteral("Everyonenoteword: phoned to arrange a visit."), QDate(2025, 1, 21));
    addNote(QStringLiteral("Policeonlyword: intelligence shared with the team lead."), QDate(2025, 1, 22),
        true, m_police, true);
    addNote(
        QStringLiteral("Fireonlyword: internal fire service note."), QDate(2025, 1, 23), true, m_fire, true);
}

void TestCaseSummaryDocument::addNote(
    const QString& text, const QDate& on, bool significant, const QString& agencyId, bool agencyOnly)
{
    CaseNote note;
    note.caseId = m_caseId;
    note.occurredOn = on;
    note.author = QStringLiteral("Sam Whittle");
    note.kind = QStringLiteral("home-visit");
    note.text = text;
    note.significant = significant;
    note.agencyId = agencyId;
    note.agencyOnly = agencyOnly;
    NoteRepository(*m_store).add(note, reference);
}

// The store's actor ("tester") becomes a team member of that agency (or of none).
void TestCaseSummaryDocument::setReader(const QString& agencyId)
{
    UserAccount user;
    user.username = m_store->actor();
    user.displayName = QStringLiteral("Tess Tester");
    user.agencyId = agencyId;
    UserRepository(*m_store).add(user);
}

QString TestCaseSummaryDocument::exportText(const CaseSummaryDocument::Options& options, int* pages)
{
    const auto document = CaseSummaryDocument::build(*m_store, reference, options);
    if (!document)
        return QStringLiteral("no document");
    const QString path = m_dir->filePath(QStringLiteral("summary.pdf"));
    const QString problem = DocumentPrinter::writePdf(*document, path, *m_store);
    if (!problem.isEmpty())
        return problem;
    if (pages)
        *pages = DocumentPrinter::pageCount(*document, DocumentPrinter::a4Layout());
    QString readProblem;
    const QString text = PdfText::read(path, &readProblem);
    return text.isEmpty() ? readProblem : text;
}

void TestCaseSummaryDocument::markingAndPageNumbersOnEveryPage()
{
    m_store->write([&] {
        for (int i = 0; i < 120; ++i)
            addNote(QStringLiteral("Routine contact number %1 with a few words of text.").arg(i),
                QDate(2025, 2, 1));
    });
    int expectedPages = 0;
    const QString text = exportText(CaseSummaryDocument::Options(), &expectedPages);
    const QStringList pages = PdfText::pages(text);
    QVERIFY2(pages.size() >= 3, qPrintable(text.left(500)));
    QCOMPARE(pages.size(), expectedPages);
    for (int i = 0; i < pages.size(); ++i) {
        const QString& page = pages.at(i);
        QVERIFY2(page.count(QStringLiteral("OFFICIAL-SENSITIVE")) == 2,
            qPrintable(QStringLiteral("page %1").arg(i + 1)));
        QVERIFY2(page.trimmed().startsWith(QStringLiteral("OFFICIAL-SENSITIVE")), qPrintable(page.left(200)));
        QVERIFY2(page.contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size())),
            qPrintable(page.right(300)));
        QVERIFY(page.contains(QStringLiteral("Case summary PVT-2025-0042: Alex Subjectsurname")));
        QVERIFY(page.contains(QRegularExpression(
            QStringLiteral("Printed by tester on \\d\\d/\\d\\d/\\d{4} at \\d\\d:\\d\\d"))));
    }
}

void TestCaseSummaryDocument::onlyTheChosenSections_data()
{
    QTest::addColumn<QString>("sections");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    const QStringList all {QStringLiteral("Subject and household"), QStringLiteral("Referral and consent"),
        QStringLiteral("Risk"), QStringLiteral("Needs"), QStringLiteral("Agencies and actions"),
        QStringLiteral("Chronology of significant events"), QStringLiteral("Recent notes"),
        QStringLiteral("Outcome measures")};
    QTest::newRow("needs and actions")
        << QStringLiteral("needs,actions")
        << QStringList {QStringLiteral("Needs"), QStringLiteral("Neednoteword"),
               QStringLiteral("Agencies and actions"), QStringLiteral("Overdueactionword")}
        << QStringList {QStringLiteral("Subject and household"), QStringLiteral("Householdmembername"),
               QStringLiteral("Referralreasonword"), QStringLiteral("Riskrationaleword"),
               QStringLiteral("Chronology"), QStringLiteral("Chronologyword"), QStringLiteral("Recent notes"),
               QStringLiteral("Everyonenoteword"), QStringLiteral("Outcome measures"),
               QStringLiteral("Life satisfaction")};
    QTest::newRow("subject, referral, risk")
        << QStringLiteral("subject,referral,risk")
        << QStringList {QStringLiteral("Subject and household"), QStringLiteral("Householdmembername"),
               QStringLiteral("Referral and consent"), QStringLiteral("Referralreasonword"),
               QStringLiteral("Riskrationaleword")}
        << QStringList {QStringLiteral("Neednoteword"), QStringLiteral("Overdueactionword"),
               QStringLiteral("Chronologyword"), QStringLiteral("Everyonenoteword"),
               QStringLiteral("Outcome measures")};
    QTest::newRow("chronology, notes, outcomes")
        << QStringLiteral("outcomes,notes,chronology") // any order; printed in the document's
        << QStringList {QStringLiteral("Chronology of significant events"), QStringLiteral("Chronologyword"),
               QStringLiteral("Recent notes"), QStringLiteral("Everyonenoteword"),
               QStringLiteral("Outcome measures"), QStringLiteral("Life satisfaction")}
        << QStringList {QStringLiteral("Subject and household"), QStringLiteral("Neednoteword"),
               QStringLiteral("Overdueactionword"), QStringLiteral("Referralreasonword")};
    QTest::newRow("all") << QStringLiteral("subject,referral,risk,needs,actions,chronology,notes,outcomes")
                         << all << QStringList();
}

void TestCaseSummaryDocument::onlyTheChosenSections()
{
    QFETCH(QString, sections);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    CaseSummaryDocument::Options options;
    QString error;
    QVERIFY2(CaseSummarySections::parse(sections, &options.sections, &error), qPrintable(error));
    const QString text = exportText(options);
    for (const QString& expected : present)
        QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" missing in:\n") + text));
    for (const QString& unexpected : absent)
        QVERIFY2(!text.contains(unexpected),
            qPrintable(unexpected + QStringLiteral(" printed although not chosen")));
}

void TestCaseSummaryDocument::agencyOnlyNotesOnlyForTheirAgency()
{
    CaseSummaryDocument::Options options;
    // A printer the team does not know: no agency, so no agency-only note at all.
    QString text = exportText(options);
    QVERIFY(text.contains(QStringLiteral("Everyonenoteword")));
    QVERIFY(!text.contains(QStringLiteral("Policeonlyword")));
    QVERIFY(!text.contains(QStringLiteral("Fireonlyword")));
    // A police worker sees the police note (in the notes and the chronology), never the fire one.
    setReader(m_police);
    text = exportText(options);
    QCOMPARE(text.count(QStringLiteral("Policeonlyword")), 2);
    QVERIFY(!text.contains(QStringLiteral("Fireonlyword")));
    QVERIFY(text.contains(QStringLiteral("Printed by Tess Tester (Lancashire Police)")));
}

void TestCaseSummaryDocument::overdueActionsSaidInWords()
{
    CaseSummaryDocument::Options options;
    QVERIFY(CaseSummarySections::parse(QStringLiteral("actions"), &options.sections, nullptr));
    const QString text = exportText(options);
    const QStringList lines = text.split(QLatin1Char('\n'));
    const auto line = [&](const QString& word) {
        const auto found
            = std::find_if(lines.cbegin(), lines.cend(), [&](const QString& l) { return l.contains(word); });
        return found == lines.cend() ? QString() : *found;
    };
    QVERIFY2(line(QStringLiteral("Overdueactionword")).contains(QStringLiteral("OVERDUE")), qPrintable(text));
    QVERIFY(!line(QStringLiteral("Futureactionword")).contains(QStringLiteral("OVERDUE")));
    QCOMPARE(text.count(QStringLiteral("OVERDUE")), 1);
}

void TestCaseSummaryDocument::fiveHundredNotesAllPrinted()
{
    m_store->write([&] {
        for (int i = 0; i < 500; ++i) {
            addNote(
                QStringLiteral("Visit note with distinctive word zq%1x and an ordinary sentence about the "
                               "home, the garden and the next appointment.")
                    .arg(i, 3, 10, QLatin1Char('0')),
                QDate(2024, 1, 1).addDays(i));
        }
    });
    CaseSummaryDocument::Options options;
    QVERIFY(CaseSummarySections::parse(QStringLiteral("notes"), &options.sections, nullptr));
    const QString text = exportText(options);
    const QStringList pages = PdfText::pages(text);
    QVERIFY2(pages.size() >= 10, qPrintable(QString::number(pages.size())));
    for (int i = 0; i < 500; ++i) {
        const QString word = QStringLiteral("zq%1x").arg(i, 3, 10, QLatin1Char('0'));
        QVERIFY2(text.count(word) == 1,
            qPrintable(word + QStringLiteral(" x") + QString::number(text.count(word)) + text.right(3000)));
    }
    for (const QString& page : pages)
        QCOMPARE(page.count(QStringLiteral("OFFICIAL-SENSITIVE")), 2);
    QVERIFY(text.contains(QStringLiteral("All 502 notes, newest first.")));
}

void TestCaseSummaryDocument::noteLimitKeepsTheNewest()
{
    m_store->write([&] {
        for (int i = 0; i < 30; ++i)
            addNote(QStringLiteral("Limited note zq%1x.").arg(i, 3, 10, QLatin1Char('0')),
                QDate(2025, 4, 1).addDays(i));
    });
    CaseSummaryDocument::Options options;
    QVERIFY(CaseSummarySections::parse(QStringLiteral("notes"), &options.sections, nullptr));
    options.noteLimit = 10;
    const QString text = exportText(options);
    for (int i = 0; i < 30; ++i) {
        const QString word = QStringLiteral("zq%1x").arg(i, 3, 10, QLatin1Char('0'));
        QCOMPARE(text.contains(word), i >= 20);
    }
    QVERIFY(text.contains(QStringLiteral("The newest 10 of 32 notes, newest first.")));
}

void TestCaseSummaryDocument::longNoteBreaksAcrossPages()
{
    QStringList sentences;
    for (int i = 0; i < 400; ++i)
        sentences << QStringLiteral("Sentence w%1w of a very long note.").arg(i);
    addNote(sentences.join(QLatin1Char(' ')) + QStringLiteral(" https://example.org/")
            + QString(300, QLatin1Char('a')),
        QDate(2025, 5, 1));
    CaseSummaryDocument::Options options;
    QVERIFY(CaseSummarySections::parse(QStringLiteral("notes"), &options.sections, nullptr));
    const QString text = exportText(options);
    const QStringList pages = PdfText::pages(text);
    QVERIFY(pages.size() >= 2);
    for (int i = 0; i < 400; ++i)
        QVERIFY2(text.contains(QStringLiteral("w%1w").arg(i)), qPrintable(QString::number(i)));
    // The unbroken address wraps inside the page rather than running off its edge.
    // (it may go on over the page, so its pieces are added up).
    QVERIFY(text.contains(QStringLiteral("https://example.org/")));
    qsizetype letters = 0;
    auto runs = QRegularExpression(QStringLiteral("a{20,}")).globalMatch(text);
    while (runs.hasNext())
        letters += runs.next().capturedLength();
    // At least all of it: a piece broken anywhere (not at a word) at the foot of a page may
    // also sit, clipped from sight, in the next page's text.
    QVERIFY2(letters >= 300, qPrintable(QString::number(letters)));
    for (const QString& line : text.split(QLatin1Char('\n')))
        QVERIFY2(line.size() < 140, qPrintable(line));
}

void TestCaseSummaryDocument::exportAndPrintAreAudited()
{
    CaseSummaryDocument::Options options;
    QVERIFY(CaseSummarySections::parse(QStringLiteral("needs,notes"), &options.sections, nullptr));
    const auto document = CaseSummaryDocument::build(*m_store, reference, options);
    QVERIFY(document);
    QVERIFY(
        DocumentPrinter::writePdf(*document, m_dir->filePath(QStringLiteral("a.pdf")), *m_store).isEmpty());
    AuditEntry last = AuditLog(*m_store).entries(reference, 1).value(0);
    QCOMPARE(last.action, QStringLiteral("export"));
    QCOMPARE(last.entity, QStringLiteral("case"));
    QCOMPARE(last.entityId, m_caseId);
    QCOMPARE(last.caseReference, reference);
    QCOMPARE(last.detail, QStringLiteral("case summary: needs,notes"));
    QCOMPARE(last.actor, QStringLiteral("tester"));
    // A print to a printer (here a PDF writer standing in for one) is audited as a print.
    QFile file(m_dir->filePath(QStringLiteral("printer.pdf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QPdfWriter printer(&file);
    printer.setPageLayout(DocumentPrinter::a4Layout());
    QVERIFY(DocumentPrinter::print(*document, &printer, *m_store) > 0);
    last = AuditLog(*m_store).entries(reference, 1).value(0);
    QCOMPARE(last.action, QStringLiteral("print"));
    QCOMPARE(last.detail, QStringLiteral("case summary: needs,notes"));
    // Painting alone (a print preview) is not.
    const qint64 before = AuditLog(*m_store).count();
    QPdfWriter preview(m_dir->filePath(QStringLiteral("preview.pdf")));
    QVERIFY(DocumentPrinter::paint(*document, &preview) > 0);
    QCOMPARE(AuditLog(*m_store).count(), before);
}

void TestCaseSummaryDocument::unwritablePathLeavesNothing_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("missing folder") << QStringLiteral("no-such-folder/summary.pdf");
    QTest::newRow("a folder, not a file") << QStringLiteral("existing-folder");
}

void TestCaseSummaryDocument::unwritablePathLeavesNothing()
{
    QFETCH(QString, relative);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("existing-folder")));
    const auto before = StoreTestSupport::snapshot(m_dir->path());
    const qint64 audited = AuditLog(*m_store).count();
    const auto document = CaseSummaryDocument::build(*m_store, reference, CaseSummaryDocument::Options());
    QVERIFY(document);
    const QString path = m_dir->filePath(relative);
    const QString problem = DocumentPrinter::writePdf(*document, path, *m_store);
    QVERIFY2(problem.startsWith(QStringLiteral("Could not write %1: ").arg(path)), qPrintable(problem));
    QCOMPARE(AuditLog(*m_store).count(), audited);
    const QStringList changed
        = StoreTestSupport::differences(before, StoreTestSupport::snapshot(m_dir->path()));
    for (const QString& change : changed) // the store's own files may change (WAL); nothing else
        QVERIFY2(change.contains(QStringLiteral("team.store")), qPrintable(change));
}

void TestCaseSummaryDocument::unknownReference()
{
    QVERIFY(!CaseSummaryDocument::build(
        *m_store, QStringLiteral("PVT-1999-0001"), CaseSummaryDocument::Options()));
}

void TestCaseSummaryDocument::sectionKeys()
{
    CaseSummarySections sections;
    QString error;
    QVERIFY(!CaseSummarySections::parse(QStringLiteral("needs,colour"), &sections, &error));
    QCOMPARE(error,
        QStringLiteral(
            "Unknown section \"colour\"; the sections are: subject, referral, risk, needs, actions, "
            "chronology, notes, outcomes."));
    QVERIFY(!CaseSummarySections::parse(QStringLiteral(" , "), &sections, &error));
    QVERIFY(CaseSummarySections::parse(QStringLiteral("notes, needs"), &sections, &error));
    QCOMPARE(sections.chosenKeys(), (QStringList {QStringLiteral("needs"), QStringLiteral("notes")}));
}

// A printer and a PDF break pages in the same places: the layout does not depend on the
// device's resolution.
void TestCaseSummaryDocument::sameBreaksAtAnyResolution()
{
    m_store->write([&] {
        for (int i = 0; i < 80; ++i)
            addNote(
                QStringLiteral("Paged note pg%1x with enough text to fill a line or two of the page.").arg(i),
                QDate(2025, 2, 1).addDays(i));
    });
    const auto document = CaseSummaryDocument::build(*m_store, reference, CaseSummaryDocument::Options());
    QVERIFY(document);
    QStringList texts;
    for (int dpi : {300, 600, 1200}) {
        const QString path = m_dir->filePath(QStringLiteral("dpi%1.pdf").arg(dpi));
        {
            QPdfWriter writer(path);
            writer.setPageLayout(DocumentPrinter::a4Layout());
            writer.setResolution(dpi);
            QCOMPARE(DocumentPrinter::paint(*document, &writer),
                DocumentPrinter::pageCount(*document, DocumentPrinter::a4Layout()));
        }
        QString problem;
        QStringList firstWords;
        for (const QString& page : PdfText::pages(PdfText::read(path, &problem))) {
            const qsizetype at = page.indexOf(QStringLiteral("pg"));
            firstWords << page.mid(at, 6);
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        texts << firstWords.join(QLatin1Char(' '));
    }
    QCOMPARE(texts.at(1), texts.at(0));
    QCOMPARE(texts.at(2), texts.at(0));
}

QTEST_MAIN(TestCaseSummaryDocument)
#include "TestCaseSummaryDocument.moc"
