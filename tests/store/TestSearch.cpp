#include "StoreTestSupport.h"
#include "store/CaseRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"
#include "store/SearchIndex.h"
#include "store/StoreError.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace StoreTestSupport;

class TestSearch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void matchExpressionKeepsOnlyWords_data();
    void matchExpressionKeepsOnlyWords();
    void matchExpressionIsBounded();
    void hostileInputFindsOnlyWhatItShould_data();
    void hostileInputFindsOnlyWhatItShould();
    void randomInputNeverThrows();
    void findsByPersonNameWithDiacriticsFolded();
    void findsByReasonAndNoteText();
    void wordsMayMatchDifferentPartsOfACase();
    void prefixMatch();
    void indexFollowsChanges();
    void unlinkedPeopleFindNoCase();

private:
    Store& store() { return *m_store; }
    CaseRecord addCase(const QString& reason);
    Person addPerson(const CaseRecord& c, const QString& given, const QString& family);
    void addNote(const CaseRecord& c, const QString& text);
    // References of the cases the case list shows for this search, sorted; count() agrees.
    QStringList found(const QString& text);
    void addFixture();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QString m_a; // hoarding, Siân Evans, rent note
    QString m_b; // noise, John Near, station note
    QString m_c; // drop-in at the table tennis club
};

void TestSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = createStore(m_dir->filePath(QStringLiteral("team.casebook")));
}

void TestSearch::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

CaseRecord TestSearch::addCase(const QString& reason)
{
    CaseRecord c;
    c.referralDate = QDate(2025, 5, 1);
    c.reason = reason;
    CaseRepository(store()).add(c);
    return c;
}

Person TestSearch::addPerson(const CaseRecord& c, const QString& given, const QString& family)
{
    Person p;
    p.givenName = given;
    p.familyName = family;
    PersonRepository(store()).add(p, c.reference);
    CasePerson link;
    link.caseId = c.meta.id;
    link.personId = p.meta.id;
    CaseRepository(store()).linkPerson(link, c.reference);
    return p;
}

void TestSearch::addNote(const CaseRecord& c, const QString& text)
{
    CaseNote note;
    note.caseId = c.meta.id;
    note.occurredOn = QDate(2025, 5, 2);
    note.author = QStringLiteral("amy");
    note.text = text;
    NoteRepository(store()).add(note, c.reference);
}

QStringList TestSearch::found(const QString& text)
{
    CaseRepository cases(store());
    CaseFilter filter;
    filter.search = text;
    QStringList references;
    for (const CaseSummary& s : cases.list(filter))
        references << s.reference;
    references.sort();
    if (cases.count(filter) != references.size())
        references << QStringLiteral("count() disagrees with list()");
    return references;
}

void TestSearch::addFixture()
{
    const CaseRecord a = addCase(QStringLiteral("hoarding in the flat"));
    addPerson(a, QStringLiteral("Siân"), QStringLiteral("Evans"));
    addNote(a, QStringLiteral("fell behind with rent"));
    const CaseRecord b = addCase(QStringLiteral("noise complaints from neighbours OR something"));
    addPerson(b, QStringLiteral("John"), QStringLiteral("Near"));
    addNote(b, QStringLiteral("met NEAR the station"));
    const CaseRecord c = addCase(QStringLiteral("drop-in session at the table tennis club"));
    m_a = a.reference;
    m_b = b.reference;
    m_c = c.reference;
}

void TestSearch::matchExpressionKeepsOnlyWords_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expression");
    const auto row = [](const char* name, const QString& input, const char* expression) {
        QTest::newRow(name) << input << QString::fromUtf8(expression);
    };
    row("empty", QString(), "");
    row("blank", QStringLiteral("  \t\n "), "");
    row("word", QStringLiteral("hoard"), "hoard*");
    row("two words", QStringLiteral("Zebedee Quartermaine"), "Zebedee* Quartermaine*");
    row("quotes", QStringLiteral("\"rent arrears\""), "rent* arrears*");
    row("unbalanced quote", QStringLiteral("\"rent"), "rent*");
    row("star", QStringLiteral("hoard*"), "hoard*");
    row("star inside", QStringLiteral("a*b"), "a* b*");
    row("lone star", QStringLiteral("*"), "");
    row("minus", QStringLiteral("-rent"), "rent*");
    row("parentheses", QStringLiteral("(a OR b) AND NOT c"), "a* OR* b* AND* NOT* c*");
    row("near", QStringLiteral("rent NEAR/3 flat"), "rent* NEAR* 3* flat*");
    row("column filter", QStringLiteral("body:hoarding"), "body* hoarding*");
    row("caret", QStringLiteral("^hoarding"), "hoarding*");
    row("sql", QStringLiteral("'; DROP TABLE cases; --"), "DROP* TABLE* cases*");
    row("sql tautology", QStringLiteral("x' OR '1'='1"), "x* OR* 1* 1*");
    row("like wildcards", QStringLiteral("%_%"), "");
    row("reference", QStringLiteral("PVT-2025-0001"), "PVT* 2025* 0001*");
    row("diacritics kept for the tokenizer", QStringLiteral("Siân"), "Siân*");
    row("nul", QStringLiteral("rent") + QChar(0) + QStringLiteral("flat"), "rent* flat*");
    row("combining accent stays in its word", QStringLiteral("Sia\u0302n"), "Sia\u0302n*");
    row("combining accent alone", QStringLiteral("\u0302 \u0302x"), "x*");
}

void TestSearch::matchExpressionKeepsOnlyWords()
{
    QFETCH(QString, input);
    QFETCH(QString, expression);
    QCOMPARE(SearchIndex::matchExpression(input), expression);
}

void TestSearch::matchExpressionIsBounded()
{
    QStringList words;
    for (int i = 0; i < 40; ++i)
        words << QStringLiteral("w%1").arg(i);
    const QStringList terms
        = SearchIndex::matchExpression(words.join(QLatin1Char(' '))).split(QLatin1Char(' '));
    QCOMPARE(terms.size(), 16);
    QCOMPARE(terms.first(), QStringLiteral("w0*"));
    QCOMPARE(terms.last(), QStringLiteral("w15*"));

    const QString longWord(1000, QLatin1Char('a'));
    QCOMPARE(SearchIndex::matchExpression(longWord), QString(64, QLatin1Char('a')) + QLatin1Char('*'));

    // Whatever goes in, only letters, digits, single spaces and trailing stars come out.
    static const QRegularExpression safe(QStringLiteral(
        "^([\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]{0,63}\\*( [\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]{0,63}\\*)*)?$"));
    for (const QString& input : {QStringLiteral("\"\"\"'''((()))***---:::^^^"),
             QStringLiteral("a\"b'c(d)e*f-g:h^i{j}k[l]m;n"), QString(5000, QLatin1Char('"'))})
        QVERIFY2(safe.match(SearchIndex::matchExpression(input)).hasMatch(), qPrintable(input.left(40)));
}

void TestSearch::hostileInputFindsOnlyWhatItShould_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // a, b, c: the fixture's cases; "all" for no filter
    const auto row = [](const char* name, const QString& input, const char* expected) {
        QTest::newRow(name) << input << QString::fromLatin1(expected);
    };
    row("sql injection", QStringLiteral("'; DROP TABLE cases; --"), "");
    row("sql tautology", QStringLiteral("x' OR '1'='1"), "");
    row("drop table words", QStringLiteral("drop table"), "c");
    row("unbalanced quote", QStringLiteral("\"hoarding"), "a");
    row("phrase quotes", QStringLiteral("\"in the flat\""), "a");
    row("star", QStringLiteral("hoard*"), "a");
    row("NEAR as a word", QStringLiteral("NEAR"), "b");
    row("NEAR operator", QStringLiteral("hoarding NEAR flat"), "");
    row("NEAR/n operator", QStringLiteral("rent NEAR/2 behind"), "");
    row("OR is a word", QStringLiteral("hoarding OR noise"), "");
    row("OR alone", QStringLiteral("OR"), "b");
    row("AND dangling", QStringLiteral("hoarding AND"), "");
    row("NOT", QStringLiteral("NOT"), "");
    row("minus is not NOT", QStringLiteral("hoarding -flat"), "a");
    row("leading minus", QStringLiteral("-rent"), "a");
    row("parentheses", QStringLiteral("(hoarding)"), "a");
    row("unbalanced parentheses", QStringLiteral("((hoarding"), "a");
    row("column filter", QStringLiteral("body:hoarding"), "");
    row("kind column", QStringLiteral("kind:case"), "");
    row("caret", QStringLiteral("^noise"), "b");
    row("only symbols", QStringLiteral("*\"()-:^"), "all");
    row("like wildcards", QStringLiteral("%"), "all");
    row("backslashes", QStringLiteral("\\hoarding\\"), "a");
    row("newlines", QStringLiteral("tennis\n\rclub"), "c");
    row("emoji", QStringLiteral("🔥 hoarding"), "a");
    row("very long", QString(20000, QLatin1Char('x')), "");
    row("lone combining accent", QStringLiteral("\u0301"), "all");
}

void TestSearch::hostileInputFindsOnlyWhatItShould()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    addFixture();
    QStringList wanted;
    if (expected == QLatin1String("all"))
        wanted = QStringList {m_a, m_b, m_c};
    else if (expected == QLatin1String("a"))
        wanted = QStringList {m_a};
    else if (expected == QLatin1String("b"))
        wanted = QStringList {m_b};
    else if (expected == QLatin1String("c"))
        wanted = QStringList {m_c};
    wanted.sort();
    QStringList got;
    try {
        got = found(input);
    } catch (const StoreError& e) {
        QFAIL(qPrintable(QStringLiteral("threw: ") + e.message()));
    }
    QCOMPARE(got, wanted);
    QCOMPARE(store().db().scalar("SELECT count(*) FROM cases"), qint64(3));
    QCOMPARE(store().db().textScalar("PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestSearch::randomInputNeverThrows()
{
    addFixture();
    QRandomGenerator random(20250615);
    const QString alphabet
        = QStringLiteral("\"'()*-:^ ~!@#$%&+={}[]|\\;<>,.?/\t\nORANDNEAR0123456789abcâéßЖ中\u0301\u0302");
    for (int i = 0; i < 300; ++i) {
        QString input;
        const int length = random.bounded(1, 40);
        for (int j = 0; j < length; ++j)
            input += alphabet.at(random.bounded(alphabet.size()));
        try {
            const QStringList got = found(input);
            QVERIFY2(got.size() <= 3, qPrintable(input));
        } catch (const StoreError& e) {
            QFAIL(qPrintable(input + QStringLiteral(" threw: ") + e.message()));
        }
    }
    QCOMPARE(store().db().scalar("SELECT count(*) FROM cases"), qint64(3));
}

void TestSearch::findsByPersonNameWithDiacriticsFolded()
{
    addFixture();
    const CaseRecord d = addCase(QStringLiteral("isolated"));
    addPerson(d, QStringLiteral("Zoë"), QStringLiteral("Ó Briain"));
    const CaseRecord e = addCase(QStringLiteral("isolated too"));
    addPerson(e, QStringLiteral("Sian"), QStringLiteral("Jones"));

    QCOMPARE(found(QStringLiteral("Sian")), (QStringList {m_a, e.reference}));
    QCOMPARE(found(QStringLiteral("Siân")), (QStringList {m_a, e.reference}));
    QCOMPARE(found(QStringLiteral("SIÂN")), (QStringList {m_a, e.reference}));
    QCOMPARE(found(QStringLiteral("sian evans")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("Evans")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("zoe")), QStringList {d.reference});
    QCOMPARE(found(QStringLiteral("o briain")), QStringList {d.reference});
    QCOMPARE(found(QStringLiteral("John Near")), QStringList {m_b});
    // Typed with a combining accent (NFD), as some keyboards produce it.
    QCOMPARE(found(QStringLiteral("Sia\u0302n")), (QStringList {m_a, e.reference}));
    QCOMPARE(found(QStringLiteral("Siobhan")), QStringList());
}

void TestSearch::findsByReasonAndNoteText()
{
    addFixture();
    QCOMPARE(found(QStringLiteral("hoarding")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("HOARDING")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("table tennis")), QStringList {m_c});
    QCOMPARE(found(QStringLiteral("neighbours")), QStringList {m_b});
    QCOMPARE(found(QStringLiteral("rent")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("fell behind")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("station")), QStringList {m_b});
    QCOMPARE(found(QStringLiteral("the")), (QStringList {m_a, m_b, m_c}));
    QCOMPARE(found(m_b), QStringList {m_b}); // the reference is indexed with the reason
    QCOMPARE(found(QStringLiteral("library")), QStringList());
}

void TestSearch::wordsMayMatchDifferentPartsOfACase()
{
    addFixture();
    // A name on the person, a word in a note, a word in the reason: all on case a.
    QCOMPARE(found(QStringLiteral("Evans rent")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("sian hoarding rent")), QStringList {m_a});
    // Every word must still be found somewhere on the case.
    QCOMPARE(found(QStringLiteral("Evans station")), QStringList());
}

void TestSearch::prefixMatch()
{
    addFixture();
    QCOMPARE(found(QStringLiteral("hoard")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("h")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("neighbour")), QStringList {m_b});
    QCOMPARE(found(QStringLiteral("stat")), QStringList {m_b});
    QCOMPARE(found(QStringLiteral("ten cl")), QStringList {m_c});
    // Prefixes only: the middle or end of a word does not match.
    QCOMPARE(found(QStringLiteral("oarding")), QStringList());
    QCOMPARE(found(QStringLiteral("hoardings")), QStringList());
}

void TestSearch::indexFollowsChanges()
{
    addFixture();
    CaseRecord a = *CaseRepository(store()).byReference(m_a);
    a.reason = QStringLiteral("fire risk from candles");
    QVERIFY(CaseRepository(store()).update(a));
    QCOMPARE(found(QStringLiteral("hoarding")), QStringList());
    QCOMPARE(found(QStringLiteral("candles")), QStringList {m_a});

    const QList<CasePerson> people = CaseRepository(store()).people(a.meta.id);
    QCOMPARE(people.size(), 1);
    Person p = *PersonRepository(store()).get(people.first().personId);
    p.familyName = QStringLiteral("Pritchard");
    QVERIFY(PersonRepository(store()).update(p, m_a));
    QCOMPARE(found(QStringLiteral("Evans")), QStringList());
    QCOMPARE(found(QStringLiteral("Pritchard")), QStringList {m_a});
    QCOMPARE(found(QStringLiteral("Sian")), QStringList {m_a});

    // The index has one entry per person, case and note, no stale ones.
    QCOMPARE(store().db().scalar("SELECT count(*) FROM search_index"), qint64(2 + 3 + 2));
}

void TestSearch::unlinkedPeopleFindNoCase()
{
    addFixture();
    Person stranger;
    stranger.givenName = QStringLiteral("Xanthe");
    PersonRepository(store()).add(stranger);
    QCOMPARE(found(QStringLiteral("Xanthe")), QStringList());
}

QTEST_GUILESS_MAIN(TestSearch)
#include "TestSearch.moc"
