#include "cli/DemoCommand.h"
#include "models/CaseListModel.h"
#include "models/StoreSession.h"
#include "store/CaseFacets.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/Store.h"
#include "ui/AppSettings.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// The case list's filters over a real store of demo cases: each combo narrows the list to
// exactly what the store says matches, and every action is in a menu with its shortcut.
class TestCaseListFilters : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void riskFilterMatchesTheStore();
    void leadWorkerChoicesComeFromTheStore();
    void filtersCombineAndClear();
    void lockEmptiesTheChoices();
    void menusOfferEveryActionWithItsShortcut();

private:
    QByteArray passphrase() const { return QByteArrayLiteral("correct horse battery staple"); }
    QComboBox* combo(const QString& accessibleName) const;
    QStringList columnValues(int column) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestCaseListFilters::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("PivotCasebookTest"));
}

void TestCaseListFilters::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(QStringLiteral("demo.store"));
    {
        auto store = Store::create(path, passphrase(),
            KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit),
            QStringLiteral("tester"));
        DemoCommand::populate(*store, 60, 11, QDate::currentDate());
    }
    m_settings = std::make_unique<AppSettings>();
    m_session = std::make_unique<StoreSession>();
    m_session->setStorePath(path);
    m_window = std::make_unique<MainWindow>(*m_session, *m_settings);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_session->unlock(passphrase(), QStringLiteral("tester")), QString());
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(60));
}

void TestCaseListFilters::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_settings.reset();
    m_dir.reset();
}

QComboBox* TestCaseListFilters::combo(const QString& accessibleName) const
{
    for (QComboBox* box : m_window->findChildren<QComboBox*>()) {
        if (box->accessibleName() == accessibleName)
            return box;
    }
    return nullptr;
}

QStringList TestCaseListFilters::columnValues(int column) const
{
    CaseListModel* model = m_window->caseListModel();
    while (model->canFetchMore({}))
        model->fetchMore({});
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

void TestCaseListFilters::riskFilterMatchesTheStore()
{
    QComboBox* risk = combo(QStringLiteral("Risk filter"));
    QVERIFY(risk);
    risk->setCurrentIndex(risk->findData(QStringLiteral("high")));
    CaseFilter high;
    high.risk = QStringLiteral("high");
    const qint64 expected = CaseRepository(*m_session->store()).count(high);
    QVERIFY(expected > 0 && expected < 60); // the demo has a mix, so the filter is seen to narrow
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), expected);
    const QStringList risks = columnValues(CaseListModel::Risk);
    QCOMPARE(risks.size(), int(expected));
    QCOMPARE(risks.count(risks.value(0)), risks.size()); // one risk level shown
    QVERIFY(risks.value(0).contains(QStringLiteral("High")));
}

void TestCaseListFilters::leadWorkerChoicesComeFromTheStore()
{
    QComboBox* lead = combo(QStringLiteral("Lead worker filter"));
    QVERIFY(lead);
    const QStringList workers = CaseFacets(*m_session->store()).leadWorkers();
    QVERIFY(!workers.isEmpty());
    QCOMPARE(lead->count(), int(workers.size()) + 1); // plus "Any lead worker"
    lead->setCurrentIndex(1);
    CaseFilter one;
    one.leadWorker = workers.first();
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), CaseRepository(*m_session->store()).count(one));
    const QStringList shown = columnValues(CaseListModel::LeadWorker);
    QCOMPARE(shown.count(workers.first()), shown.size());
}

void TestCaseListFilters::filtersCombineAndClear()
{
    QComboBox* need = combo(QStringLiteral("Need filter"));
    QComboBox* status = combo(QStringLiteral("Status filter"));
    QVERIFY(need && status);
    need->setCurrentIndex(need->findData(QStringLiteral("loneliness")));
    status->setCurrentIndex(status->findData(QStringLiteral("closed")));
    CaseFilter both;
    both.needKey = QStringLiteral("loneliness");
    both.status = QStringLiteral("closed");
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), CaseRepository(*m_session->store()).count(both));
    QVERIFY(m_window->caseListModel()->totalCount() < 60);

    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(m_window->caseListModel()->totalCount(), qint64(60));
    QCOMPARE(need->currentIndex(), 0);
    QCOMPARE(status->currentIndex(), 0);
}

void TestCaseListFilters::lockEmptiesTheChoices()
{
    QComboBox* agency = combo(QStringLiteral("Agency filter"));
    QVERIFY(agency);
    QVERIFY(agency->count() > 1); // the demo's PIVOT partner agencies
    agency->setCurrentIndex(1);
    m_session->lock();
    // Agency and worker names belong to the store: none stay on screen once it is locked.
    QCOMPARE(agency->count(), 1);
    QCOMPARE(combo(QStringLiteral("Lead worker filter"))->count(), 1);
    QCOMPARE(m_window->caseListModel()->rowCount(), 0);
}

void TestCaseListFilters::menusOfferEveryActionWithItsShortcut()
{
    QStringList menuTexts;
    int withShortcut = 0;
    for (QAction* top : m_window->menuBar()->actions()) {
        QVERIFY(top->menu());
        for (QAction* item : top->menu()->actions()) {
            if (item->isSeparator())
                continue;
            menuTexts << item->text().remove(QLatin1Char('&'));
            withShortcut += item->shortcut().isEmpty() ? 0 : 1;
        }
    }
    for (const char* expected : {"Lock", "New referral...", "Import referrals from CSV...", "Settings...",
             "Find cases", "Clear filters", "Edit case details...", "Add note", "Keyboard shortcuts",
             "Sync now", "Sign in to the sync server...", "Sync problems...", "Sign out of the sync server"})
        QVERIFY2(menuTexts.contains(QLatin1String(expected)), expected);
    QVERIFY(menuTexts.filter(QStringLiteral("Undo")).size() == 1);
    QCOMPARE(withShortcut, menuTexts.size()); // every menu item has a key
}

QTEST_MAIN(TestCaseListFilters)
#include "TestCaseListFilters.moc"
