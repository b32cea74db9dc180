#include "ModelTestSupport.h"
#include "models/CaseListModel.h"
#include "store/ActionRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace ModelTestSupport;

class TestCaseListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void loadsInPagesOf200();
    void showsFormattedTextAndRawSortValues();
    void filterByStatusAndSearchResets();
    void caseChangedUpdatesExactlyOneRow();
    void caseLeavingTheFilterIsRemoved();
    void underASearchAnEditKeepsTheRowWithoutSearching();
    void caseAddedIsInsertedInOrder();
    void caseAddedPastTheLoadedPagesWaitsForFetch();
    void lockClearsAndUnlockReloads();
    void answerForAReplacedFilterIsDropped();
    void answerArrivingAfterLockIsDropped();
    void oldRowsStayUntilTheNewOnesArrive();

private:
    void addMany(int count);
    CaseListModel* newModel(bool withTester = true);
    void attachTester();
    void waitLoaded();
    void fetchPage();

    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<CaseListModel> m_model;
};

void TestCaseListModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
}

void TestCaseListModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

CaseListModel* TestCaseListModel::newModel(bool withTester)
{
    m_model = std::make_unique<CaseListModel>(m_fx->session.get());
    if (withTester)
        attachTester();
    waitLoaded();
    return m_model.get();
}

// Counts and pages are read on the model's worker thread and arrive through the event loop.
void TestCaseListModel::waitLoaded()
{
    QTRY_VERIFY(!m_model->isLoading());
}

void TestCaseListModel::fetchPage()
{
    const int before = m_model->rowCount();
    QVERIFY(m_model->canFetchMore(QModelIndex()));
    m_model->fetchMore(QModelIndex());
    QTRY_VERIFY(m_model->rowCount() > before);
}

// The tester fetches more rows as it checks, so the paging tests attach it once they have
// counted the pages themselves.
void TestCaseListModel::attachTester()
{
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
}

// count cases, one a day from 1 Jan 2024 (so case i+1 is newer than case i), in one
// transaction; references PVT-2024-0001 upwards.
void TestCaseListModel::addMany(int count)
{
    m_fx->store().write([&] {
        for (int i = 0; i < count; ++i) {
            CaseSpec spec;
            spec.reference = QStringLiteral("PVT-2024-%1").arg(i + 1, 4, 10, QLatin1Char('0'));
            spec.referralDate = QDate(2024, 1, 1).addDays(i);
            spec.status = i % 2 ? QStringLiteral("closed") : QStringLiteral("open");
            addCase(m_fx->store(), spec);
        }
    });
}

void TestCaseListModel::loadsInPagesOf200()
{
    addMany(1000);
    CaseListModel* model = newModel(false);
    QCOMPARE(model->totalCount(), 1000);
    QCOMPARE(model->rowCount(), 200);
    QVERIFY(model->canFetchMore(QModelIndex()));
    QCOMPARE(display(*model, 0, CaseListModel::Reference), QStringLiteral("PVT-2024-1000")); // newest
    QCOMPARE(display(*model, 199, CaseListModel::Reference), QStringLiteral("PVT-2024-0801"));

    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    model->fetchMore(QModelIndex());
    model->fetchMore(QModelIndex()); // asked again while the page is on its way: one page only
    QTRY_COMPARE(model->rowCount(), 400);
    QTest::qWait(20);
    QCOMPARE(model->rowCount(), 400);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 200);
    QCOMPARE(inserted.at(0).at(2).toInt(), 399);
    QCOMPARE(display(*model, 200, CaseListModel::Reference), QStringLiteral("PVT-2024-0800"));
    attachTester();

    while (model->canFetchMore(QModelIndex()))
        fetchPage();
    QCOMPARE(model->rowCount(), 1000);
    QCOMPARE(display(*model, 999, CaseListModel::Reference), QStringLiteral("PVT-2024-0001"));
    QCOMPARE(model->totalCount(), 1000);
    QCOMPARE(model->rowForCaseId(model->caseIdAt(654)), 654);
    QCOMPARE(model->caseIdAt(1000), QString());
    QCOMPARE(model->rowForCaseId(QStringLiteral("no such case")), -1);
}

void TestCaseListModel::showsFormattedTextAndRawSortValues()
{
    CaseSpec spec;
    spec.reference = QStringLiteral("PVT-2025-0007");
    spec.referralDate = QDate(2025, 3, 4);
    spec.risk = QStringLiteral("high");
    spec.leadWorker = QStringLiteral("Jo Okafor");
    spec.subjectGiven = QStringLiteral("Alys");
    spec.subjectFamily = QStringLiteral("Fictional");
    spec.reviewDate = QDate(2025, 4, 1);
    const CaseRecord c = addCase(m_fx->store(), spec);
    ActionRepository actions(m_fx->store());
    for (const QDate& due : {QDate(2020, 1, 1), QDate(2020, 2, 1), QDate(2099, 1, 1)}) {
        CaseAction a;
        a.caseId = c.meta.id;
        a.description = QStringLiteral("Visit");
        a.dueDate = due;
        actions.add(a, c.reference);
    }

    CaseListModel* model = newModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->columnCount(), int(CaseListModel::ColumnCount));
    const QStringList expected {QStringLiteral("PVT-2025-0007"), QStringLiteral("Alys Fictional"),
        QStringLiteral("Open"), QStringLiteral("High"), QStringLiteral("Jo Okafor"),
        QStringLiteral("04/03/2025"), QStringLiteral("01/04/2025"), QStringLiteral("3"),
        QStringLiteral("2 overdue")};
    for (int column = 0; column < CaseListModel::ColumnCount; ++column)
        QCOMPARE(display(*model, 0, column), expected.at(column));

    QCOMPARE(roleData(*model, 0, CaseListModel::ReferralDate, CaseListModel::SortRole),
        QVariant(QDate(2025, 3, 4)));
    QCOMPARE(
        roleData(*model, 0, CaseListModel::NextReview, CaseListModel::SortRole), QVariant(QDate(2025, 4, 1)));
    QCOMPARE(roleData(*model, 0, CaseListModel::OpenActions, CaseListModel::SortRole), QVariant(3));
    QCOMPARE(roleData(*model, 0, CaseListModel::Overdue, CaseListModel::SortRole), QVariant(2));
    QCOMPARE(
        roleData(*model, 0, CaseListModel::Risk, CaseListModel::SortRole), QVariant(2)); // low, medium, high
    QCOMPARE(roleData(*model, 0, CaseListModel::Status, CaseListModel::SortRole),
        QVariant(2)); // referred, accepted, open
    QCOMPARE(roleData(*model, 0, CaseListModel::Subject, CaseListModel::CaseIdRole).toString(), c.meta.id);
    QCOMPARE(roleData(*model, 0, CaseListModel::Overdue, Qt::ToolTipRole).toString(),
        QStringLiteral("2 open action(s) past the due date"));
    QCOMPARE(model->headerData(CaseListModel::LeadWorker, Qt::Horizontal).toString(),
        QStringLiteral("Lead worker"));
    QCOMPARE(model->headerData(CaseListModel::Overdue, Qt::Horizontal).toString(), QStringLiteral("Overdue"));
}

void TestCaseListModel::filterByStatusAndSearchResets()
{
    addMany(30); // 15 open (even i), 15 closed
    CaseSpec spec;
    spec.reference = QStringLiteral("PVT-2023-0001");
    spec.referralDate = QDate(2023, 5, 5);
    spec.subjectGiven = QStringLiteral("Bronwen");
    spec.subjectFamily = QStringLiteral("Testcase");
    addCase(m_fx->store(), spec);

    CaseListModel* model = newModel();
    QCOMPARE(model->rowCount(), 31);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy total(model, &CaseListModel::totalCountChanged);

    CaseFilter closed;
    closed.status = QStringLiteral("closed");
    model->setFilter(closed);
    waitLoaded();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model->rowCount(), 15);
    QCOMPARE(model->totalCount(), 15);
    QCOMPARE(total.last().at(0).toLongLong(), 15);
    QCOMPARE(model->filter().status, QStringLiteral("closed"));
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(display(*model, row, CaseListModel::Status), QStringLiteral("Closed"));

    CaseFilter search;
    search.search = QStringLiteral("bronw");
    model->setFilter(search);
    waitLoaded();
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->totalCount(), 1);
    QCOMPARE(display(*model, 0, CaseListModel::Subject), QStringLiteral("Bronwen Testcase"));

    search.status = QStringLiteral("closed"); // she is open
    model->setFilter(search);
    waitLoaded();
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->totalCount(), 0);
    QVERIFY(!model->canFetchMore(QModelIndex()));

    model->setFilter(CaseFilter());
    waitLoaded();
    QCOMPARE(model->rowCount(), 31);
}

void TestCaseListModel::caseChangedUpdatesExactlyOneRow()
{
    addMany(5);
    CaseListModel* model = newModel();
    const int row = 2;
    const QString id = model->caseIdAt(row);
    auto record = CaseRepository(m_fx->store()).get(id);
    QVERIFY(record.has_value());
    record->risk = QStringLiteral("high");
    record->leadWorker = QStringLiteral("Kim Lee");
    QVERIFY(CaseRepository(m_fx->store()).update(*record));

    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    m_fx->session->notifyCaseChanged(id);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), row);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), CaseListModel::ColumnCount - 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(display(*model, row, CaseListModel::Risk), QStringLiteral("High"));
    QCOMPARE(display(*model, row, CaseListModel::LeadWorker), QStringLiteral("Kim Lee"));
    QCOMPARE(model->caseIdAt(row), id);
}

void TestCaseListModel::caseLeavingTheFilterIsRemoved()
{
    addMany(6); // open: 0001, 0003, 0005
    CaseListModel* model = newModel();
    CaseFilter open;
    open.status = QStringLiteral("open");
    model->setFilter(open);
    waitLoaded();
    QCOMPARE(model->rowCount(), 3);
    const QString id = model->caseIdAt(1);
    auto record = CaseRepository(m_fx->store()).get(id);
    record->status = QStringLiteral("closed");
    CaseRepository(m_fx->store()).update(*record);

    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    m_fx->session->notifyCaseChanged(id);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->totalCount(), 2);
    QCOMPARE(model->rowForCaseId(id), -1);
}

void TestCaseListModel::underASearchAnEditKeepsTheRowWithoutSearching()
{
    addMany(4);
    CaseSpec spec = caseSpec(QStringLiteral("PVT-2023-0001"), QDate(2023, 5, 5));
    spec.subjectGiven = QStringLiteral("Bronwen");
    spec.subjectFamily = QStringLiteral("Testcase");
    const CaseRecord bronwen = addCase(m_fx->store(), spec);
    CaseListModel* model = newModel();
    CaseFilter search;
    search.search = QStringLiteral("bronw");
    model->setFilter(search);
    waitLoaded();
    QCOMPARE(model->rowCount(), 1);

    // Her details change: the row follows at once, with no search run on this thread (one
    // would read every match of the word).
    auto record = CaseRepository(m_fx->store()).get(bronwen.meta.id);
    record->leadWorker = QStringLiteral("Kim Lee");
    QVERIFY(CaseRepository(m_fx->store()).update(*record));
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    m_fx->session->notifyCaseChanged(bronwen.meta.id);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(display(*model, 0, CaseListModel::LeadWorker), QStringLiteral("Kim Lee"));

    // A new case that matches waits for the search to run again, rather than stall the window.
    CaseSpec another = caseSpec(QStringLiteral("PVT-2023-0002"), QDate(2023, 6, 6));
    another.subjectGiven = QStringLiteral("Bronwyn");
    const CaseRecord added = addCase(m_fx->store(), another);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    m_fx->session->notifyCaseAdded(added.meta.id);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model->rowCount(), 1);
    model->setFilter(search);
    waitLoaded();
    QCOMPARE(model->rowCount(), 2);
}

void TestCaseListModel::caseAddedIsInsertedInOrder()
{
    addMany(5); // 1 Jan to 5 Jan 2024
    CaseListModel* model = newModel();
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);

    CaseSpec middle;
    middle.reference = QStringLiteral("PVT-2024-0100");
    middle.referralDate = QDate(2024, 1, 3); // same day as 0003, higher reference: before it
    const CaseRecord c = addCase(m_fx->store(), middle);
    m_fx->session->notifyCaseAdded(c.meta.id);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(model->rowCount(), 6);
    QCOMPARE(model->totalCount(), 6);
    QCOMPARE(display(*model, 2, CaseListModel::Reference), QStringLiteral("PVT-2024-0100"));
    QCOMPARE(display(*model, 3, CaseListModel::Reference), QStringLiteral("PVT-2024-0003"));

    CaseSpec newest;
    newest.reference = QStringLiteral("PVT-2024-0101");
    newest.referralDate = QDate(2024, 2, 1);
    const CaseRecord n = addCase(m_fx->store(), newest);
    m_fx->session->notifyCaseAdded(n.meta.id);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 0);
    QCOMPARE(model->caseIdAt(0), n.meta.id);
}

void TestCaseListModel::caseAddedPastTheLoadedPagesWaitsForFetch()
{
    addMany(250);
    CaseListModel* model = newModel(false);
    QCOMPARE(model->rowCount(), 200);
    CaseSpec oldest;
    oldest.reference = QStringLiteral("PVT-2020-0001");
    oldest.referralDate = QDate(2020, 1, 1);
    const CaseRecord c = addCase(m_fx->store(), oldest);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    m_fx->session->notifyCaseAdded(c.meta.id);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model->totalCount(), 251);
    fetchPage();
    QCOMPARE(model->rowCount(), 251);
    QCOMPARE(model->caseIdAt(250), c.meta.id);
    QVERIFY(!model->canFetchMore(QModelIndex()));
    attachTester();
}

void TestCaseListModel::lockClearsAndUnlockReloads()
{
    addMany(3);
    CaseListModel* model = newModel();
    QCOMPARE(model->rowCount(), 3);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    m_fx->session->lock();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->totalCount(), 0);
    QVERIFY(!model->canFetchMore(QModelIndex()));
    model->fetchMore(QModelIndex()); // harmless while locked
    m_fx->session->notifyCaseChanged(QStringLiteral("anything")); // ignored while locked
    QCOMPARE(model->rowCount(), 0);

    QCOMPARE(m_fx->session->unlock(passphrase(), QStringLiteral("tester")), QString());
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->totalCount(), 3);
}

void TestCaseListModel::answerForAReplacedFilterIsDropped()
{
    addMany(40); // 20 open, 20 closed
    CaseListModel* model = newModel();
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy total(model, &CaseListModel::totalCountChanged);
    CaseFilter closed;
    closed.status = QStringLiteral("closed");
    CaseFilter overdue;
    overdue.overdueOnly = true; // none of these cases has actions
    // Typed in quick succession: only the last filter's answer may reach the view.
    model->setFilter(closed);
    model->setFilter(CaseFilter());
    model->setFilter(overdue);
    QVERIFY(model->isLoading());
    waitLoaded();
    QTest::qWait(100); // a stale answer would arrive in this time
    QCOMPARE(reset.count(), 1);
    QCOMPARE(total.count(), 1);
    QCOMPARE(total.first().first().toLongLong(), 0);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->filter().overdueOnly, true);
}

void TestCaseListModel::answerArrivingAfterLockIsDropped()
{
    addMany(40);
    CaseListModel* model = newModel();
    CaseFilter closed;
    closed.status = QStringLiteral("closed");
    model->setFilter(closed);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    m_fx->session->lock();
    QCOMPARE(reset.count(), 1); // the lock's own clear
    QVERIFY(!model->isLoading());
    QTest::qWait(100);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->totalCount(), 0);
    model->fetchMore(QModelIndex()); // harmless while locked
    QTest::qWait(20);
    QCOMPARE(model->rowCount(), 0);
}

void TestCaseListModel::oldRowsStayUntilTheNewOnesArrive()
{
    addMany(10);
    CaseListModel* model = newModel();
    QSignalSpy loading(model, &CaseListModel::loadingChanged);
    CaseFilter open;
    open.status = QStringLiteral("open");
    model->setFilter(open);
    // Nothing blanks while the worker reads: the view keeps what it shows.
    QCOMPARE(model->rowCount(), 10);
    QVERIFY(!model->canFetchMore(QModelIndex()));
    waitLoaded();
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(loading.count(), 2);
    QCOMPARE(loading.at(0).at(0).toBool(), true);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
}

QTEST_MAIN(TestCaseListModel)
#include "TestCaseListModel.moc"
