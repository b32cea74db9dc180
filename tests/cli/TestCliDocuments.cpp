// casebook-cli summary and report --pdf, run as a process the way a worker's script would:
// the PDFs come out headless, read back with pdftotext; bad sections, unknown cases and
// unwritable paths fail with one clear line, a non-zero exit and nothing left behind; every
// export is in the audit log; report's text and JSON are unchanged by the new option.

#include "CliHarness.h"
#include "report/PdfText.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

class TestCliDocuments : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void summaryPdf();
    void summarySections();
    void summaryBadSection();
    void summaryUnknownCase();
    void summaryNeedsPdf();
    void unwritablePdfLeavesNothing_data();
    void unwritablePdfLeavesNothing();
    void reportPdf();
    void reportJsonUnchanged();
    void exportsAudited();
    void helpListsSections();

private:
    QString pdfText(const QString& path);
    QStringList entries() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliHarness> m_cli;
    QString m_reference;
};

void TestCliDocuments::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_cli = std::make_unique<CliHarness>(m_dir->path());
    CLI_OK(m_cli->init());
    const CliResult added = m_cli->run({QStringLiteral("case"), QStringLiteral("add"),
        QStringLiteral("--referring-agency"), QStringLiteral("Lancashire Police"), QStringLiteral("--reason"),
        QStringLiteral("Reasonword: neighbours worried."), QStringLiteral("--given-name"),
        QStringLiteral("Alex"), QStringLiteral("--family-name"), QStringLiteral("Example"),
        QStringLiteral("--referral-date"), QStringLiteral("2025-01-06"), QStringLiteral("--need"),
        QStringLiteral("hoarding")});
    CLI_OK(added);
    m_reference = added.out.trimmed();
    CLI_OK(m_cli->run({QStringLiteral("note"), QStringLiteral("add"), m_reference, QStringLiteral("--kind"),
        QStringLiteral("home-visit"), QStringLiteral("--text"), QStringLiteral("Noteword: visited at home."),
        QStringLiteral("--date"), QStringLiteral("2025-01-10")}));
}

void TestCliDocuments::cleanupTestCase()
{
    m_cli.reset();
    m_dir.reset();
}

QString TestCliDocuments::pdfText(const QString& path)
{
    QString problem;
    const QString text = PdfText::read(path, &problem);
    return text.isEmpty() ? QStringLiteral("unread: ") + problem : text;
}

QStringList TestCliDocuments::entries() const
{
    return QDir(m_dir->path())
        .entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

void TestCliDocuments::summaryPdf()
{
    const QString path = m_cli->path(QStringLiteral("summary.pdf"));
    const CliResult result
        = m_cli->run({QStringLiteral("summary"), m_reference, QStringLiteral("--pdf"), path});
    CLI_OK(result);
    QCOMPARE(result.out, QStringLiteral("Wrote the case summary of %1 to %2\n").arg(m_reference, path));
    QCOMPARE(result.err, QString());
    const QString text = pdfText(path);
    const QStringList pages = PdfText::pages(text);
    QVERIFY2(!pages.isEmpty(), qPrintable(text));
    for (int i = 0; i < pages.size(); ++i) {
        QCOMPARE(pages.at(i).count(QStringLiteral("OFFICIAL-SENSITIVE")), 2);
        QVERIFY(pages.at(i).contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size())));
    }
    QVERIFY(text.contains(QStringLiteral("Case summary %1: Alex Example").arg(m_reference)));
    QVERIFY(text.contains(QStringLiteral("Printed by tester on")));
    QVERIFY(text.contains(QStringLiteral("Noteword")));
    QVERIFY(text.contains(QStringLiteral("Reasonword")));
}

void TestCliDocuments::summarySections()
{
    const QString path = m_cli->path(QStringLiteral("needs.pdf"));
    CLI_OK(m_cli->run({QStringLiteral("summary"), m_reference, QStringLiteral("--pdf"), path,
        QStringLiteral("--sections"), QStringLiteral("needs")}));
    const QString text = pdfText(path);
    QVERIFY(text.contains(QStringLiteral("Hoarding")));
    QVERIFY(!text.contains(QStringLiteral("Noteword")));
    QVERIFY(!text.contains(QStringLiteral("Reasonword")));
}

void TestCliDocuments::summaryBadSection()
{
    const QStringList before = entries();
    CLI_FAILS(m_cli->run({QStringLiteral("summary"), m_reference, QStringLiteral("--pdf"),
                  m_cli->path(QStringLiteral("bad.pdf")), QStringLiteral("--sections"),
                  QStringLiteral("needs,gossip")}),
        5,
        QStringLiteral(
            "casebook-cli: Unknown section \"gossip\"; the sections are: subject, referral, risk, needs, "
            "actions, chronology, notes, outcomes."));
    QCOMPARE(entries(), before);
}

void TestCliDocuments::summaryUnknownCase()
{
    const QStringList before = entries();
    CLI_FAILS(m_cli->run({QStringLiteral("summary"), QStringLiteral("PVT-1999-0001"), QStringLiteral("--pdf"),
                  m_cli->path(QStringLiteral("nobody.pdf"))}),
        4, QStringLiteral("casebook-cli: There is no case PVT-1999-0001."));
    QCOMPARE(entries(), before);
}

void TestCliDocuments::summaryNeedsPdf()
{
    CLI_FAILS(m_cli->run({QStringLiteral("summary"), m_reference}), 2,
        QStringLiteral("casebook-cli: summary: --pdf FILE is required."));
}

void TestCliDocuments::unwritablePdfLeavesNothing_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("relative");
    const QStringList summary {QStringLiteral("summary"), QStringLiteral("REF")};
    const QStringList report {QStringLiteral("report"), QStringLiteral("--from"),
        QStringLiteral("2025-01-01"), QStringLiteral("--to"), QStringLiteral("2025-12-31")};
    QTest::newRow("summary, missing folder") << summary << QStringLiteral("missing/summary.pdf");
    QTest::newRow("summary, a folder") << summary << QStringLiteral("a-folder");
    QTest::newRow("report, missing folder") << report << QStringLiteral("missing/report.pdf");
}

void TestCliDocuments::unwritablePdfLeavesNothing()
{
    QFETCH(QStringList, command);
    QFETCH(QString, relative);
    QDir(m_dir->path()).mkpath(QStringLiteral("a-folder"));
    command.replaceInStrings(QStringLiteral("REF"), m_reference);
    const QStringList before = entries();
    const QStringList auditBefore = m_cli->auditChanges();
    const QString path = m_cli->path(relative);
    const CliResult result = m_cli->run(command + QStringList {QStringLiteral("--pdf"), path});
    CLI_EXPECT(result, 1);
    QVERIFY2(result.err.startsWith(QStringLiteral("casebook-cli: Could not write %1: ").arg(path)),
        qPrintable(result.err));
    QCOMPARE(result.errLines().size(), 1);
    QCOMPARE(entries(), before);
    QVERIFY(QDir(m_cli->path(QStringLiteral("a-folder"))).isEmpty());
    QCOMPARE(m_cli->auditChanges(), auditBefore);
}

void TestCliDocuments::reportPdf()
{
    const QString path = m_cli->path(QStringLiteral("board.pdf"));
    const CliResult result
        = m_cli->run({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2025-01-01"),
            QStringLiteral("--to"), QStringLiteral("2025-12-31"), QStringLiteral("--pdf"), path});
    CLI_OK(result);
    QCOMPARE(result.out, QStringLiteral("Wrote the period report to %1\n").arg(path));
    const QString text = pdfText(path);
    for (const QString& page : PdfText::pages(text))
        QCOMPARE(page.count(QStringLiteral("OFFICIAL")), 2);
    QVERIFY(text.contains(QStringLiteral("Period report for the partnership board")));
    QVERIFY(text.contains(QStringLiteral("01/01/2025 to 31/12/2025")));
    QVERIFY(!text.contains(QStringLiteral("Alex")));
}

void TestCliDocuments::reportJsonUnchanged()
{
    const CliResult json
        = m_cli->run({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2025-01-01"),
            QStringLiteral("--to"), QStringLiteral("2025-12-31"), QStringLiteral("--json")});
    CLI_OK(json);
    QCOMPARE(json.object().value(QStringLiteral("referrals_received")).toInt(), 1);
    QCOMPARE(json.object().value(QStringLiteral("open_at_end")).toInt(), 1);
    QCOMPARE(json.err, QString());
    const CliResult text = m_cli->run({QStringLiteral("report"), QStringLiteral("--from"),
        QStringLiteral("2025-01-01"), QStringLiteral("--to"), QStringLiteral("2025-12-31")});
    CLI_OK(text);
    QVERIFY(text.out.startsWith(QStringLiteral("Period 2025-01-01 to 2025-12-31\n")));
}

void TestCliDocuments::exportsAudited()
{
    const QStringList before = m_cli->auditChanges();
    CLI_OK(m_cli->run({QStringLiteral("summary"), m_reference, QStringLiteral("--pdf"),
        m_cli->path(QStringLiteral("audited.pdf")), QStringLiteral("--sections"),
        QStringLiteral("needs,notes")}));
    CLI_OK(m_cli->run({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2025-04-01"),
        QStringLiteral("--to"), QStringLiteral("2026-03-31"), QStringLiteral("--pdf"),
        m_cli->path(QStringLiteral("audited-board.pdf"))}));
    const QStringList after = m_cli->auditChanges();
    QCOMPARE(after.size(), before.size() + 2);
    QVERIFY2(after.at(after.size() - 2).startsWith(QStringLiteral("export case ")),
        qPrintable(after.at(after.size() - 2)));
    QVERIFY(after.at(after.size() - 2)
                .endsWith(QStringLiteral(" %1 case summary: needs,notes").arg(m_reference)));
    QCOMPARE(after.last(), QStringLiteral("export report   2025-04-01..2026-03-31"));
}

void TestCliDocuments::helpListsSections()
{
    const CliResult help = m_cli->run({QStringLiteral("summary"), QStringLiteral("--help")});
    CLI_OK(help);
    QVERIFY2(help.out.contains(
                 QStringLiteral("subject, referral, risk, needs, actions, chronology, notes, outcomes.")),
        qPrintable(help.out));
}

QTEST_GUILESS_MAIN(TestCliDocuments)
#include "TestCliDocuments.moc"
