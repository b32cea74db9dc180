#include "ModelTestSupport.h"
#include "models/NotesModel.h"
#include "store/NoteRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace ModelTestSupport;

class TestNotesModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsNotesOldestFirst();
    void significantOnlyNarrowsToTheChronology();
    void newNoteAppearsOnCaseChanged();
    void lockClears();

private:
    CaseNote addNote(const QDate& on, const QString& kind, const QString& text, bool significant,
        bool agencyOnly = false, const QString& corrects = QString());

    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<NotesModel> m_model;
    CaseRecord m_case;
    CaseNote m_visit;
    CaseNote m_call;
    CaseNote m_correction;
};

CaseNote TestNotesModel::addNote(const QDate& on, const QString& kind, const QString& text, bool significant,
    bool agencyOnly, const QString& corrects)
{
    CaseNote n;
    n.caseId = m_case.meta.id;
    n.occurredOn = on;
    n.author = QStringLiteral("Sam Patel");
    n.kind = kind;
    n.text = text;
    n.significant = significant;
    n.agencyOnly = agencyOnly;
    n.correctsNoteId = corrects;
    NoteRepository(m_fx->store()).add(n, m_case.reference);
    return n;
}

void TestNotesModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_case = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0001"), QDate(2025, 1, 10)));
    // Added out of date order: the model shows them by date.
    m_call
        = addNote(QDate(2025, 1, 20), QStringLiteral("phone"), QStringLiteral("Agreed a visit"), false, true);
    m_visit = addNote(QDate(2025, 1, 12), QStringLiteral("home-visit"),
        QStringLiteral("First visit, hallway blocked"), true);
    m_correction = addNote(QDate(2025, 1, 22), QStringLiteral("other"),
        QStringLiteral("Correction: the kitchen, not the hallway"), true, false, m_visit.meta.id);

    m_model = std::make_unique<NotesModel>(m_fx->session.get());
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    m_model->setCaseId(m_case.meta.id);
}

void TestNotesModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

void TestNotesModel::showsNotesOldestFirst()
{
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(NotesModel::ColumnCount));
    QCOMPARE(display(*m_model, 0, NotesModel::Date), QStringLiteral("12/01/2025"));
    QCOMPARE(display(*m_model, 0, NotesModel::Kind), QStringLiteral("Home visit"));
    QCOMPARE(display(*m_model, 0, NotesModel::Author), QStringLiteral("Sam Patel"));
    QCOMPARE(display(*m_model, 0, NotesModel::Significant), QStringLiteral("Significant"));
    QCOMPARE(display(*m_model, 0, NotesModel::AgencyOnly), QString());
    QCOMPARE(display(*m_model, 0, NotesModel::Text), QStringLiteral("First visit, hallway blocked"));
    QCOMPARE(display(*m_model, 0, NotesModel::Corrects), QString());
    QCOMPARE(roleData(*m_model, 0, 0, NotesModel::CorrectedRole), QVariant(true));

    QCOMPARE(display(*m_model, 1, NotesModel::Kind), QStringLiteral("Phone call"));
    QCOMPARE(display(*m_model, 1, NotesModel::Significant), QString());
    QCOMPARE(display(*m_model, 1, NotesModel::AgencyOnly), QStringLiteral("Agency only"));
    QCOMPARE(roleData(*m_model, 1, 0, NotesModel::AgencyOnlyRole), QVariant(true));
    QCOMPARE(roleData(*m_model, 1, 0, NotesModel::CorrectedRole), QVariant(false));

    QCOMPARE(display(*m_model, 2, NotesModel::Corrects),
        QStringLiteral("Corrects the note of 12/01/2025 (Home visit)"));
    QCOMPARE(roleData(*m_model, 2, 0, NotesModel::CorrectsNoteIdRole).toString(), m_visit.meta.id);
    QCOMPARE(roleData(*m_model, 2, NotesModel::Date, NotesModel::SortRole), QVariant(QDate(2025, 1, 22)));
    QCOMPARE(roleData(*m_model, 2, 0, NotesModel::IdRole).toString(), m_correction.meta.id);
    QCOMPARE(m_model->rowForNoteId(m_call.meta.id), 1);
    QCOMPARE(m_model->headerData(NotesModel::Text, Qt::Horizontal).toString(), QStringLiteral("Note"));
}

void TestNotesModel::significantOnlyNarrowsToTheChronology()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setSignificantOnly(true);
    QVERIFY(m_model->significantOnly());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->noteAt(0).meta.id, m_visit.meta.id);
    QCOMPARE(m_model->noteAt(1).meta.id, m_correction.meta.id);
    QCOMPARE(m_model->rowForNoteId(m_call.meta.id), -1);
    m_model->setSignificantOnly(true); // unchanged: no reload
    QCOMPARE(reset.count(), 1);
    m_model->setSignificantOnly(false);
    QCOMPARE(m_model->rowCount(), 3);
}

void TestNotesModel::newNoteAppearsOnCaseChanged()
{
    addNote(QDate(2025, 1, 15), QStringLiteral("meeting"), QStringLiteral("Case conference"), true);
    QCOMPARE(m_model->rowCount(), 3);
    m_fx->session->notifyCaseChanged(m_case.meta.id);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(display(*m_model, 1, NotesModel::Kind), QStringLiteral("Meeting"));
}

void TestNotesModel::lockClears()
{
    m_fx->session->lock();
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(TestNotesModel)
#include "TestNotesModel.moc"
