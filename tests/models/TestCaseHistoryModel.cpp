#include "ModelTestSupport.h"
#include "models/CaseHistoryModel.h"
#include "store/NeedRepository.h"

#include <QAbstractItemModelTester>

using namespace ModelTestSupport;

class TestCaseHistoryModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsTheCaseAuditNewestFirst();
    void lockClears();

private:
    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<CaseHistoryModel> m_model;
    CaseRecord m_case;
};

void TestCaseHistoryModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_fx->store().setClockForTesting(QDateTime(QDate(2025, 6, 15), QTime(10, 30), Qt::UTC));
    m_fx->store().setActor(QStringLiteral("sam"));
    m_case = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0001"), QDate(2025, 1, 10)));
    addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0002"), QDate(2025, 1, 11))); // not shown

    m_model = std::make_unique<CaseHistoryModel>(m_fx->session.get());
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    m_model->setCaseId(m_case.meta.id);
}

void TestCaseHistoryModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

void TestCaseHistoryModel::showsTheCaseAuditNewestFirst()
{
    QCOMPARE(m_model->rowCount(), 1);
    const QDateTime at(QDate(2025, 6, 15), QTime(10, 30), Qt::UTC);
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::When),
        at.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")));
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::Who), QStringLiteral("sam"));
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::What), QStringLiteral("Created"));
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::Record), QStringLiteral("Case"));
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::Detail), QStringLiteral("status open"));
    QCOMPARE(roleData(*m_model, 0, CaseHistoryModel::When, CaseHistoryModel::SortRole).toDateTime(), at);

    CaseNeed need;
    need.caseId = m_case.meta.id;
    need.needKey = QStringLiteral("hoarding");
    NeedRepository(m_fx->store()).add(need, m_case.reference);
    auto record = CaseRepository(m_fx->store()).get(m_case.meta.id);
    record->risk = QStringLiteral("high");
    CaseRepository(m_fx->store()).update(*record);
    m_fx->session->notifyCaseChanged(m_case.meta.id);

    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::What), QStringLiteral("Updated"));
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::Record), QStringLiteral("Case"));
    QCOMPARE(display(*m_model, 0, CaseHistoryModel::Detail), QStringLiteral("risk"));
    QCOMPARE(display(*m_model, 1, CaseHistoryModel::Record), QStringLiteral("Need"));
    QCOMPARE(display(*m_model, 1, CaseHistoryModel::Detail), QStringLiteral("hoarding"));
    QCOMPARE(m_model->headerData(CaseHistoryModel::Who, Qt::Horizontal).toString(), QStringLiteral("Who"));
}

void TestCaseHistoryModel::lockClears()
{
    m_fx->session->lock();
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(TestCaseHistoryModel)
#include "TestCaseHistoryModel.moc"
