#include "ModelTestSupport.h"
#include "models/NeedsModel.h"
#include "store/NeedRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace ModelTestSupport;

class TestNeedsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsNeedsOfTheCase();
    void reloadsOnlyForItsCase();
    void lockClears();

private:
    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<NeedsModel> m_model;
    CaseRecord m_case;
    CaseRecord m_other;
};

void TestNeedsModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_case = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0001"), QDate(2025, 1, 10)));
    m_other = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0002"), QDate(2025, 1, 11)));
    NeedRepository needs(m_fx->store());
    CaseNeed hoarding;
    hoarding.caseId = m_case.meta.id;
    hoarding.needKey = QStringLiteral("hoarding");
    hoarding.severity = QStringLiteral("high");
    hoarding.clutterRating = 6;
    hoarding.notes = QStringLiteral("Kitchen and hall");
    needs.add(hoarding, m_case.reference);
    CaseNeed debt;
    debt.caseId = m_case.meta.id;
    debt.needKey = QStringLiteral("debt");
    debt.status = QStringLiteral("improving");
    needs.add(debt, m_case.reference);
    CaseNeed elsewhere;
    elsewhere.caseId = m_other.meta.id;
    elsewhere.needKey = QStringLiteral("loneliness");
    needs.add(elsewhere, m_other.reference);

    m_model = std::make_unique<NeedsModel>(m_fx->session.get());
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    m_model->setCaseId(m_case.meta.id);
}

void TestNeedsModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

void TestNeedsModel::showsNeedsOfTheCase()
{
    QCOMPARE(m_model->caseId(), m_case.meta.id);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->columnCount(), int(NeedsModel::ColumnCount));
    QCOMPARE(display(*m_model, 0, NeedsModel::Need), QStringLiteral("Hoarding"));
    QCOMPARE(display(*m_model, 0, NeedsModel::Severity), QStringLiteral("High"));
    QCOMPARE(display(*m_model, 0, NeedsModel::Status), QStringLiteral("Open"));
    QCOMPARE(display(*m_model, 0, NeedsModel::ClutterRating), QStringLiteral("6 of 9"));
    QCOMPARE(display(*m_model, 0, NeedsModel::Notes), QStringLiteral("Kitchen and hall"));
    QCOMPARE(display(*m_model, 1, NeedsModel::Need), QStringLiteral("Financial issues or debt"));
    QCOMPARE(display(*m_model, 1, NeedsModel::Severity), QStringLiteral("Medium"));
    QCOMPARE(display(*m_model, 1, NeedsModel::Status), QStringLiteral("Improving"));
    QCOMPARE(display(*m_model, 1, NeedsModel::ClutterRating), QString());
    QCOMPARE(roleData(*m_model, 0, NeedsModel::ClutterRating, NeedsModel::SortRole), QVariant(6));
    QCOMPARE(roleData(*m_model, 0, NeedsModel::Severity, NeedsModel::SortRole), QVariant(2));
    QCOMPARE(roleData(*m_model, 1, NeedsModel::Status, NeedsModel::SortRole), QVariant(1));
    QCOMPARE(
        roleData(*m_model, 0, NeedsModel::Need, NeedsModel::IdRole).toString(), m_model->needAt(0).meta.id);
    QCOMPARE(m_model->headerData(NeedsModel::ClutterRating, Qt::Horizontal).toString(),
        QStringLiteral("Clutter rating"));
}

void TestNeedsModel::reloadsOnlyForItsCase()
{
    CaseNeed need = m_model->needAt(1);
    need.status = QStringLiteral("resolved");
    QVERIFY(NeedRepository(m_fx->store()).update(need, m_case.reference));
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_fx->session->notifyCaseChanged(m_other.meta.id);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(display(*m_model, 1, NeedsModel::Status), QStringLiteral("Improving"));
    m_fx->session->notifyCaseChanged(m_case.meta.id);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(display(*m_model, 1, NeedsModel::Status), QStringLiteral("Resolved"));

    m_model->setCaseId(m_other.meta.id);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(display(*m_model, 0, NeedsModel::Need), QStringLiteral("Loneliness"));
}

void TestNeedsModel::lockClears()
{
    m_fx->session->lock();
    QCOMPARE(m_model->rowCount(), 0);
    m_model->reload(); // nothing to read while locked
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_fx->session->unlock(passphrase(), QStringLiteral("tester")), QString());
    QCOMPARE(m_model->rowCount(), 2);
}

QTEST_MAIN(TestNeedsModel)
#include "TestNeedsModel.moc"
