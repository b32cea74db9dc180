#include "ModelTestSupport.h"
#include "models/ActionsModel.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace ModelTestSupport;

class TestActionsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsActionsWithOverdueAsText();
    void todayDecidesOverdue();
    void reloadsOnCaseChanged();
    void lockClears();

private:
    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<ActionsModel> m_model;
    CaseRecord m_case;
};

void TestActionsModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_case = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0001"), QDate(2025, 1, 10)));
    Agency fire;
    fire.name = QStringLiteral("County Fire and Rescue");
    fire.kind = QStringLiteral("fire");
    AgencyRepository(m_fx->store()).add(fire);
    ActionRepository actions(m_fx->store());
    CaseAction check;
    check.caseId = m_case.meta.id;
    check.description = QStringLiteral("Fit smoke alarms");
    check.agencyId = fire.meta.id;
    check.owner = QStringLiteral("Watch manager");
    check.dueDate = QDate(2025, 2, 1);
    actions.add(check, m_case.reference);
    CaseAction done;
    done.caseId = m_case.meta.id;
    done.description = QStringLiteral("Book GP review");
    done.owner = QStringLiteral("Sam Patel");
    done.dueDate = QDate(2025, 1, 20);
    done.status = QStringLiteral("done");
    done.completedDate = QDate(2025, 1, 18);
    actions.add(done, m_case.reference);
    CaseAction later;
    later.caseId = m_case.meta.id;
    later.description = QStringLiteral("Review tenancy");
    later.dueDate = QDate(2025, 3, 1);
    actions.add(later, m_case.reference);

    m_model = std::make_unique<ActionsModel>(m_fx->session.get());
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    m_model->setToday(QDate(2025, 2, 15));
    m_model->setCaseId(m_case.meta.id);
}

void TestActionsModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

void TestActionsModel::showsActionsWithOverdueAsText()
{
    QCOMPARE(m_model->rowCount(), 3);
    // Soonest due first: the done one (20 Jan), smoke alarms (1 Feb), tenancy (1 Mar).
    QCOMPARE(display(*m_model, 0, ActionsModel::What), QStringLiteral("Book GP review"));
    QCOMPARE(display(*m_model, 0, ActionsModel::Status), QStringLiteral("Done"));
    QCOMPARE(display(*m_model, 0, ActionsModel::Overdue), QString()); // past due but done
    QCOMPARE(roleData(*m_model, 0, 0, ActionsModel::OverdueRole), QVariant(false));

    QCOMPARE(display(*m_model, 1, ActionsModel::What), QStringLiteral("Fit smoke alarms"));
    QCOMPARE(display(*m_model, 1, ActionsModel::Agency), QStringLiteral("County Fire and Rescue"));
    QCOMPARE(display(*m_model, 1, ActionsModel::Owner), QStringLiteral("Watch manager"));
    QCOMPARE(display(*m_model, 1, ActionsModel::Due), QStringLiteral("01/02/2025"));
    QCOMPARE(display(*m_model, 1, ActionsModel::Status), QStringLiteral("Open"));
    QCOMPARE(display(*m_model, 1, ActionsModel::Overdue), QStringLiteral("Overdue"));
    QCOMPARE(roleData(*m_model, 1, ActionsModel::What, ActionsModel::OverdueRole), QVariant(true));
    QCOMPARE(roleData(*m_model, 1, ActionsModel::Due, ActionsModel::SortRole), QVariant(QDate(2025, 2, 1)));
    QCOMPARE(roleData(*m_model, 1, ActionsModel::Overdue, Qt::ToolTipRole).toString(),
        QStringLiteral("Due 01/02/2025, still open"));

    QCOMPARE(display(*m_model, 2, ActionsModel::Agency), QString());
    QCOMPARE(display(*m_model, 2, ActionsModel::Overdue), QString());
    QCOMPARE(m_model->headerData(ActionsModel::What, Qt::Horizontal).toString(), QStringLiteral("Action"));
}

void TestActionsModel::todayDecidesOverdue()
{
    m_model->setToday(QDate(2025, 3, 2));
    QCOMPARE(display(*m_model, 1, ActionsModel::Overdue), QStringLiteral("Overdue"));
    QCOMPARE(display(*m_model, 2, ActionsModel::Overdue), QStringLiteral("Overdue"));
    m_model->setToday(QDate(2025, 1, 1));
    QCOMPARE(display(*m_model, 1, ActionsModel::Overdue), QString());
}

void TestActionsModel::reloadsOnCaseChanged()
{
    CaseAction a = m_model->actionAt(1);
    a.status = QStringLiteral("done");
    a.completedDate = QDate(2025, 2, 10);
    QVERIFY(ActionRepository(m_fx->store()).update(a, m_case.reference));
    m_fx->session->notifyCaseChanged(m_case.meta.id);
    QCOMPARE(display(*m_model, 1, ActionsModel::Overdue), QString());
    QCOMPARE(display(*m_model, 1, ActionsModel::Status), QStringLiteral("Done"));
    QCOMPARE(roleData(*m_model, 1, ActionsModel::Status, Qt::ToolTipRole).toString(),
        QStringLiteral("Completed 10/02/2025"));
}

void TestActionsModel::lockClears()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_fx->session->lock();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(TestActionsModel)
#include "TestActionsModel.moc"
