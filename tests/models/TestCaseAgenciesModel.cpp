#include "ModelTestSupport.h"
#include "models/CaseAgenciesModel.h"
#include "store/AgencyRepository.h"

#include <QAbstractItemModelTester>

using namespace ModelTestSupport;

class TestCaseAgenciesModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsAgenciesOfTheCase();
    void reloadsWhenTheCaseChanges();
    void lockClears();

private:
    void involve(
        const CaseRecord& record, const QString& agencyName, const QString& kind, const QString& contact);

    std::unique_ptr<SessionFixture> m_fx;
    std::unique_ptr<CaseAgenciesModel> m_model;
    CaseRecord m_case;
    CaseRecord m_other;
};

void TestCaseAgenciesModel::involve(
    const CaseRecord& record, const QString& agencyName, const QString& kind, const QString& contact)
{
    Agency agency;
    agency.name = agencyName;
    agency.kind = kind;
    AgencyRepository(m_fx->store()).add(agency);
    CaseAgency involvement;
    involvement.caseId = record.meta.id;
    involvement.agencyId = agency.meta.id;
    involvement.contact = contact;
    CaseRepository(m_fx->store()).addAgency(involvement, record.reference);
}

void TestCaseAgenciesModel::init()
{
    m_fx = std::make_unique<SessionFixture>();
    QCOMPARE(m_fx->error, QString());
    m_case = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0001"), QDate(2025, 1, 10)));
    m_other = addCase(m_fx->store(), caseSpec(QStringLiteral("PVT-2025-0002"), QDate(2025, 1, 11)));
    involve(m_case, QStringLiteral("Lancashire Fire and Rescue"), QStringLiteral("fire"),
        QStringLiteral("Watch Manager Ali"));
    involve(m_case, QStringLiteral("Age UK Lancashire"), QStringLiteral("voluntary"), QString());
    involve(m_other, QStringLiteral("Lancashire Police"), QStringLiteral("police"), QStringLiteral("PC Jo"));

    m_model = std::make_unique<CaseAgenciesModel>(m_fx->session.get());
    new QAbstractItemModelTester(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    m_model->setCaseId(m_case.meta.id);
}

void TestCaseAgenciesModel::cleanup()
{
    m_model.reset();
    m_fx.reset();
}

void TestCaseAgenciesModel::showsAgenciesOfTheCase()
{
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->columnCount(), int(CaseAgenciesModel::ColumnCount));
    QCOMPARE(display(*m_model, 0, CaseAgenciesModel::Name), QStringLiteral("Lancashire Fire and Rescue"));
    QCOMPARE(display(*m_model, 0, CaseAgenciesModel::Kind), QStringLiteral("Fire and rescue"));
    QCOMPARE(display(*m_model, 0, CaseAgenciesModel::Contact), QStringLiteral("Watch Manager Ali"));
    // A missing contact says so in words.
    QCOMPARE(display(*m_model, 1, CaseAgenciesModel::Contact), QStringLiteral("No contact recorded"));
    QCOMPARE(
        roleData(*m_model, 1, CaseAgenciesModel::Contact, CaseDetailModel::SortRole).toString(), QString());
    QCOMPARE(m_model->headerData(CaseAgenciesModel::Contact, Qt::Horizontal).toString(),
        QStringLiteral("Contact for this case"));
    QVERIFY(m_model->involves(m_model->involvementAt(0).agencyId));
    QVERIFY(!m_model->involves(CaseRepository(m_fx->store()).agencies(m_other.meta.id).first().agencyId));
    QCOMPARE(roleData(*m_model, 0, 0, CaseDetailModel::IdRole).toString(), m_model->involvementAt(0).meta.id);
}

void TestCaseAgenciesModel::reloadsWhenTheCaseChanges()
{
    involve(m_case, QStringLiteral("Preston Housing"), QStringLiteral("housing"),
        QStringLiteral("Tenancy officer"));
    QCOMPARE(m_model->rowCount(), 2); // not yet announced
    m_fx->session->notifyCaseChanged(m_other.meta.id);
    QCOMPARE(m_model->rowCount(), 2); // another case
    m_fx->session->notifyCaseChanged(m_case.meta.id);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(display(*m_model, 2, CaseAgenciesModel::Name), QStringLiteral("Preston Housing"));
}

void TestCaseAgenciesModel::lockClears()
{
    m_fx->session->lock();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->caseId(), m_case.meta.id); // shown again after unlocking
}

QTEST_MAIN(TestCaseAgenciesModel)
#include "TestCaseAgenciesModel.moc"
