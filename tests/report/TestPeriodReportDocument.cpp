// The printed period report for the partnership board, read back with pdftotext: marked
// OFFICIAL on every page, page numbers, the same figures as the statistics, both savings
// models labelled, the reference norms, no personal data, charts embedded, and the export
// audited with its period.

#include "PdfText.h"
#include "report/DocumentPrinter.h"
#include "report/PeriodReportDocument.h"
#include "report/PeriodStatistics.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/PersonRepository.h"
#include "store/StoreTestSupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <numeric>

class TestPeriodReportDocument : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void markedOfficialOnEveryPage();
    void figuresMatchTheStatistics();
    void bothSavingsModelsLabelled();
    void wellbeingAgainstTheNorms();
    void noPersonalData();
    void chartsAreEmbedded();
    void exportIsAuditedWithItsPeriod();

private:
    void addCase(int number, const QDate& referred, bool closed, const QString& agency);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QString m_text;
    const QDate m_from {2024, 4, 1};
    const QDate m_to {2025, 3, 31};
};

void TestPeriodReportDocument::addCase(int number, const QDate& referred, bool closed, const QString& agency)
{
    CaseRecord c;
    c.reference = QStringLiteral("PVT-%1-%2").arg(referred.year()).arg(number, 4, 10, QLatin1Char('0'));
    c.referralDate = referred;
    c.referringAgencyId = AgencyRepository(*m_store).findOrCreate(agency).meta.id;
    c.reason = QStringLiteral("Fictional");
    c.status = closed ? QStringLiteral("closed") : QStringLiteral("open");
    c.closedDate = closed ? referred.addDays(40) : QDate();
    c.closureReason = closed ? QStringLiteral("outcomes-met") : QString();
    CaseRepository(*m_store).add(c);
    Person subject;
    subject.givenName = QStringLiteral("Personalname%1").arg(number);
    PersonRepository(*m_store).add(subject, c.reference);
    CasePerson link {RowMeta(), c.meta.id, subject.meta.id, QStringLiteral("subject")};
    CaseRepository(*m_store).linkPerson(link, c.reference);
    CaseNeed need;
    need.caseId = c.meta.id;
    need.needKey = number % 2 ? QStringLiteral("loneliness") : QStringLiteral("debt");
    NeedRepository(*m_store).add(need, c.reference);
    if (!closed)
        return;
    for (const QString& stage : {QStringLiteral("baseline"), QStringLiteral("closing")}) {
        Assessment a;
        a.caseId = c.meta.id;
        a.kind = QStringLiteral("ons4");
        a.stage = stage;
        a.assessedOn = stage == QLatin1String("baseline") ? referred : c.closedDate;
        a.ons4 = stage == QLatin1String("baseline") ? std::array<int, 4> {4, 4, 4, 8}
                                                    : std::array<int, 4> {7, 7, 7, 4};
        AssessmentRepository(*m_store).add(a, c.reference);
    }
}

void TestPeriodReportDocument::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = StoreTestSupport::createStore(m_dir->filePath(QStringLiteral("team.store")));
    // The seed's year: 55 referrals, 46 closed, 9 open.
    m_store->write([&] {
        for (int i = 1; i <= 55; ++i) {
            const QDate referred = m_from.addDays((i * 5) % 300);
            addCase(i, referred, i <= 46,
                i % 3 ? QStringLiteral("Lancashire Police") : QStringLiteral("Social Prescribing"));
        }
    });
    const ReportDocument document = PeriodReportDocument::build(*m_store, m_from, m_to);
    const QString path = m_dir->filePath(QStringLiteral("board.pdf"));
    QCOMPARE(DocumentPrinter::writePdf(document, path, *m_store), QString());
    QString problem;
    m_text = PdfText::read(path, &problem);
    if (m_text.isEmpty())
        QFAIL(qPrintable(problem));
}

void TestPeriodReportDocument::cleanupTestCase()
{
    m_store.reset();
    m_dir.reset();
}

void TestPeriodReportDocument::markedOfficialOnEveryPage()
{
    const QStringList pages = PdfText::pages(m_text);
    QVERIFY(pages.size() >= 2);
    for (int i = 0; i < pages.size(); ++i) {
        const QString& page = pages.at(i);
        QCOMPARE(page.count(QStringLiteral("OFFICIAL")), 2);
        QVERIFY(!page.contains(QStringLiteral("OFFICIAL-SENSITIVE")));
        QVERIFY(page.contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size())));
        QVERIFY(page.contains(QStringLiteral("Period report 01/04/2024 to 31/03/2025")));
    }
}

void TestPeriodReportDocument::figuresMatchTheStatistics()
{
    const PeriodReport r = PeriodStatistics::compute(*m_store, m_from, m_to);
    QCOMPARE(r.referralsReceived(), 55);
    QCOMPARE(r.casesClosed(), 46);
    QCOMPARE(r.openAtEnd(), 9);
    // The headline figures sit above their labels: "55 46 9" on one line.
    const QStringList lines = m_text.split(QLatin1Char('\n'));
    bool found = false;
    for (const QString& line : lines)
        found = found || line.simplified() == QStringLiteral("55 46 9");
    QVERIFY2(found, qPrintable(m_text.left(1500)));
    QVERIFY(m_text.contains(QStringLiteral("Open on 31/03/2025")));
    QVERIFY(m_text.contains(QStringLiteral("Median days from referral to closure")));
    QVERIFY(m_text.contains(QStringLiteral("Lancashire Police")));
    QVERIFY(m_text.contains(QStringLiteral("Apr 2024")));
    QVERIFY(m_text.contains(QStringLiteral("Mar 2025")));
}

void TestPeriodReportDocument::bothSavingsModelsLabelled()
{
    QVERIFY(m_text.contains(QStringLiteral("Unit-cost model")));
    QVERIFY(m_text.contains(QStringLiteral("Flat rate per")));
    QVERIFY(m_text.contains(QStringLiteral("£161,000.00"))); // 46 closed x £3,500
    QVERIFY(m_text.contains(QStringLiteral("£41.00")));
    QVERIFY(m_text.contains(QStringLiteral("£242.00")));
}

void TestPeriodReportDocument::wellbeingAgainstTheNorms()
{
    QVERIFY(m_text.contains(QStringLiteral("Wellbeing (ONS4): baseline and closing")));
    const QStringList lines = m_text.split(QLatin1Char('\n'));
    const auto line = [&](const QString& start) {
        const auto found = std::find_if(
            lines.cbegin(), lines.cend(), [&](const QString& l) { return l.trimmed().startsWith(start); });
        return found == lines.cend() ? QString() : found->simplified();
    };
    // item, baseline, closing, change, people, the UK norm shipped with every store
    QCOMPARE(line(QStringLiteral("Life satisfaction 4.00")),
        QStringLiteral("Life satisfaction 4.00 7.00 +3.00 46 7.45"));
    QCOMPARE(line(QStringLiteral("Anxiety (lower")).left(42),
        QStringLiteral("Anxiety (lower 8.00 4.00 -4.00 46 3.23"));
    QVERIFY(m_text.contains(QStringLiteral("Patient Activation Measure: level movement")));
}

void TestPeriodReportDocument::noPersonalData()
{
    QVERIFY(!m_text.contains(QStringLiteral("Personalname")));
    QVERIFY(!m_text.contains(QStringLiteral("PVT-")));
}

void TestPeriodReportDocument::chartsAreEmbedded()
{
    const ReportDocument document = PeriodReportDocument::build(*m_store, m_from, m_to);
    for (const char* name : {"months", "sources", "needs", "wellbeing", "pam"}) {
        const QVariant image = document.body().resource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("chart-%1.png").arg(QLatin1String(name))));
        QVERIFY2(image.canConvert<QImage>() && !image.value<QImage>().isNull(), name);
    }
}

void TestPeriodReportDocument::exportIsAuditedWithItsPeriod()
{
    const AuditEntry last = AuditLog(*m_store).entries(QString(), 1).value(0);
    QCOMPARE(last.action, QStringLiteral("export"));
    QCOMPARE(last.entity, QStringLiteral("report"));
    QCOMPARE(last.detail, QStringLiteral("2024-04-01..2025-03-31"));
    QCOMPARE(last.caseReference, QString());
}

QTEST_MAIN(TestPeriodReportDocument)
#include "TestPeriodReportDocument.moc"
