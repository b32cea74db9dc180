#include "ModelTestSupport.h"
#include "models/AssessmentsModel.h"
#include "store/AssessmentRepository.h"

#include <QAbstractItemModelTester>

using namespace ModelTestSupport;

class TestAssessmentsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void summarisesEachKind();
    void reloadsAndClears();

private:
    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<AssessmentsModel> m_model;
    CaseRecord m_case;
};

void TestAssessmentsModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_case = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0001"), QDate(2025, 1, 10)));
    AssessmentRepository assessments(m_fx->store());
    Assessment ons4;
    ons4.caseId = m_case.meta.id;
    ons4.kind = QStringLiteral("ons4");
    ons4.stage = QStringLiteral("baseline");
    ons4.assessedOn = QDate(2025, 1, 12);
    ons4.ons4 = {{4, 5, 3, 8}};
    assessments.add(ons4, m_case.reference);
    Assessment pam;
    pam.caseId = m_case.meta.id;
    pam.kind = QStringLiteral("pam");
    pam.stage = QStringLiteral("baseline");
    pam.assessedOn = QDate(2025, 1, 13);
    pam.pamScore = 51.2;
    assessments.add(pam, m_case.reference);
    Assessment use;
    use.caseId = m_case.meta.id;
    use.kind = QStringLiteral("service-use");
    use.stage = QStringLiteral("closing");
    use.assessedOn = QDate(2025, 6, 1);
    use.gpAppointments = 2;
    use.periodMonths = 3;
    assessments.add(use, m_case.reference);

    m_model = std::make_unique<AssessmentsModel>(m_fx->session.get());
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    m_model->setCaseId(m_case.meta.id);
}

void TestAssessmentsModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

void TestAssessmentsModel::summarisesEachKind()
{
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(display(*m_model, 0, AssessmentsModel::Date), QStringLiteral("12/01/2025"));
    QCOMPARE(display(*m_model, 0, AssessmentsModel::Kind), QStringLiteral("ONS4 personal wellbeing"));
    QCOMPARE(display(*m_model, 0, AssessmentsModel::Stage), QStringLiteral("Baseline"));
    QCOMPARE(display(*m_model, 0, AssessmentsModel::Values),
        QStringLiteral("Life satisfaction 4, worthwhile 5, happy 3, anxious 8"));
    QCOMPARE(display(*m_model, 0, AssessmentsModel::PamLevel), QString());

    QCOMPARE(display(*m_model, 1, AssessmentsModel::Kind), QStringLiteral("Patient Activation Measure"));
    QCOMPARE(display(*m_model, 1, AssessmentsModel::Values), QStringLiteral("Score 51.2"));
    QCOMPARE(display(*m_model, 1, AssessmentsModel::PamLevel), QStringLiteral("Level 2"));
    QCOMPARE(roleData(*m_model, 1, AssessmentsModel::PamLevel, AssessmentsModel::SortRole), QVariant(2));
    QCOMPARE(roleData(*m_model, 1, AssessmentsModel::Values, AssessmentsModel::SortRole).toDouble(), 51.2);

    QCOMPARE(display(*m_model, 2, AssessmentsModel::Stage), QStringLiteral("Closing"));
    QCOMPARE(display(*m_model, 2, AssessmentsModel::Values),
        QStringLiteral("GP appointments 2, A&E attendances not recorded over 3 month(s)"));
    QCOMPARE(roleData(*m_model, 2, AssessmentsModel::Date, AssessmentsModel::SortRole),
        QVariant(QDate(2025, 6, 1)));
    QCOMPARE(m_model->headerData(AssessmentsModel::PamLevel, Qt::Horizontal).toString(),
        QStringLiteral("PAM level"));
}

void TestAssessmentsModel::reloadsAndClears()
{
    Assessment review;
    review.caseId = m_case.meta.id;
    review.kind = QStringLiteral("pam");
    review.stage = QStringLiteral("review");
    review.assessedOn = QDate(2025, 3, 1);
    review.pamScore = 70;
    AssessmentRepository(m_fx->store()).add(review, m_case.reference);
    m_fx->session->notifyCaseChanged(m_case.meta.id);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(display(*m_model, 2, AssessmentsModel::PamLevel), QStringLiteral("Level 4"));
    m_fx->session->lock();
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(TestAssessmentsModel)
#include "TestAssessmentsModel.moc"
