#include "StoreTestSupport.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace StoreTestSupport;

// Nothing personal may reach the disk unencrypted: not in the store, its -wal or -shm, nor
// the key file beside it.
class TestPlaintext : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void noPersonalDataOnDisk();
    void scannerFindsPlaintext();

private:
    QString storePath() const { return m_dir->filePath(QStringLiteral("team.casebook")); }
    void writeRecords(Store& store);
    static QStringList secrets();
    // "<file>: <secret> (<encoding>)" for every secret found in any file of the directory.
    static QStringList findSecrets(const QString& dirPath);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPlaintext::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestPlaintext::cleanup()
{
    m_dir.reset();
}

QStringList TestPlaintext::secrets()
{
    return {QStringLiteral("Zebedee"), QStringLiteral("Quartermaine"), QStringLiteral("9434765919"),
        QStringLiteral("PR7 1DP"), QStringLiteral("fell behind with rent at Quartermaine Cottage"),
        QStringLiteral("Quartermaine Cottage"), QStringLiteral("rent arrears and a hoarded flat"),
        QStringLiteral("07700 900461"), QStringLiteral("zebedee.q@example.org"),
        QStringLiteral("Wheelchair user; prefers morning visits"), QStringLiteral("1948-07-19")};
}

QStringList TestPlaintext::findSecrets(const QString& dirPath)
{
    QStringList found;
    const DirSnapshot files = snapshot(dirPath);
    for (auto file = files.cbegin(); file != files.cend(); ++file) {
        for (const QString& secret : secrets()) {
            // The index keeps words lower-cased and folded, so look for those forms too.
            for (const QString& form : {secret, secret.toLower(), secret.toUpper()}) {
                const QByteArray utf16(
                    reinterpret_cast<const char*>(form.utf16()), form.size() * qsizetype(sizeof(char16_t)));
                if (file.value().contains(form.toUtf8()))
                    found << file.key() + QStringLiteral(": ") + form + QStringLiteral(" (UTF-8)");
                if (file.value().contains(utf16))
                    found << file.key() + QStringLiteral(": ") + form + QStringLiteral(" (UTF-16LE)");
            }
        }
    }
    found.removeDuplicates();
    return found;
}

void TestPlaintext::writeRecords(Store& store)
{
    Agency agency;
    agency.name = QStringLiteral("Chorley Council Housing");
    agency.kind = QStringLiteral("housing");
    AgencyRepository(store).add(agency);

    CaseRecord c;
    c.referralDate = QDate(2025, 2, 3);
    c.referringAgencyId = agency.meta.id;
    c.referrerName = QStringLiteral("Zebedee's landlord");
    c.reason = QStringLiteral("rent arrears and a hoarded flat");
    c.riskRationale = QStringLiteral("Quartermaine Cottage has blocked exits");
    CaseRepository cases(store);
    cases.add(c);

    Person p;
    p.givenName = QStringLiteral("Zebedee");
    p.familyName = QStringLiteral("Quartermaine");
    p.dateOfBirth = QDate(1948, 7, 19);
    p.nhsNumber = QStringLiteral("9434765919");
    p.address = QStringLiteral("Quartermaine Cottage, Mill Lane, Chorley");
    p.postcode = QStringLiteral("PR7 1DP");
    p.phone = QStringLiteral("07700 900461");
    p.email = QStringLiteral("zebedee.q@example.org");
    p.accessNeeds = QStringLiteral("Wheelchair user; prefers morning visits");
    PersonRepository(store).add(p, c.reference);
    CasePerson link;
    link.caseId = c.meta.id;
    link.personId = p.meta.id;
    cases.linkPerson(link, c.reference);

    CaseNeed need;
    need.caseId = c.meta.id;
    need.needKey = QStringLiteral("debt");
    need.notes = QStringLiteral("fell behind with rent at Quartermaine Cottage");
    NeedRepository(store).add(need, c.reference);

    CaseNote note;
    note.caseId = c.meta.id;
    note.occurredOn = QDate(2025, 2, 4);
    note.author = QStringLiteral("tester");
    note.kind = QStringLiteral("home-visit");
    note.text
        = QStringLiteral("Zebedee fell behind with rent at Quartermaine Cottage; NHS 9434765919, PR7 1DP");
    NoteRepository(store).add(note, c.reference);

    // Reading and searching must not spill anything either (temp_store is memory).
    CaseFilter filter;
    filter.search = QStringLiteral("Quartermaine");
    QCOMPARE(cases.count(filter), qint64(1));
    QVERIFY(cases.view(c.reference, QStringLiteral("check")));
}

void TestPlaintext::noPersonalDataOnDisk()
{
    {
        auto store = createStore(storePath());
        writeRecords(*store);
        // While the store is open its newest pages sit in the -wal.
        const DirSnapshot live = snapshot(m_dir->path());
        QVERIFY(live.value(QStringLiteral("team.casebook-wal")).size() > 4096);
        QVERIFY(live.contains(QStringLiteral("team.casebook-shm")));
        QCOMPARE(findSecrets(m_dir->path()), QStringList());
    }
    const DirSnapshot closed = snapshot(m_dir->path());
    QCOMPARE(
        closed.keys(), QStringList({QStringLiteral("team.casebook"), QStringLiteral("team.casebook.kdf")}));
    QVERIFY(closed.value(QStringLiteral("team.casebook")).size() > qsizetype(10) * 4096);
    QCOMPARE(findSecrets(m_dir->path()), QStringList());

    // The data is really there: reopened, it reads back.
    auto store = openStore(storePath());
    CaseFilter filter;
    filter.search = QStringLiteral("zebedee");
    const QList<CaseSummary> found = CaseRepository(*store).list(filter);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().subjectName, QStringLiteral("Zebedee Quartermaine"));
    QCOMPARE(findSecrets(m_dir->path()), QStringList());
}

// The scan itself must be able to fail: the same strings written in clear are found.
void TestPlaintext::scannerFindsPlaintext()
{
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("clear.txt")), "x Zebedee Quartermaine x"));
    const QString nhs = QStringLiteral("9434765919");
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("wide.bin")),
        QByteArray(reinterpret_cast<const char*>(nhs.utf16()), nhs.size() * 2)));
    const QStringList found = findSecrets(m_dir->path());
    QVERIFY(found.contains(QStringLiteral("clear.txt: Zebedee (UTF-8)")));
    QVERIFY(found.contains(QStringLiteral("clear.txt: Quartermaine (UTF-8)")));
    QVERIFY(!found.contains(QStringLiteral("clear.txt: zebedee (UTF-8)")));
    QVERIFY(found.contains(QStringLiteral("wide.bin: 9434765919 (UTF-16LE)")));
}

QTEST_GUILESS_MAIN(TestPlaintext)
#include "TestPlaintext.moc"
