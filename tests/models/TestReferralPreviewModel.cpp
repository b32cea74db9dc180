#include "ModelTestSupport.h"
#include "core/ReferralCsv.h"
#include "models/ReferralPreviewModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using ModelTestSupport::display;
using ModelTestSupport::roleData;

// The preview of a referrals file: the valid rows as ReferralCsv read them, before import.
class TestReferralPreviewModel : public QObject
{
    Q_OBJECT

private slots:
    void emptyModel();
    void showsEachRowAsRead();
    void assignedReferencesAfterImport();
    void newFileResets();
    void fiveThousandRows();

private:
    static QList<ReferralRow> parse(const QString& text);
    static QString header();
};

QString TestReferralPreviewModel::header()
{
    return QStringLiteral(
        "reference,referral_date,referring_agency,given_name,family_name,date_of_birth,"
        "nhs_number,postcode,needs,reason,consent,risk,status,closed_date,closure_reason\n");
}

QList<ReferralRow> TestReferralPreviewModel::parse(const QString& text)
{
    const ReferralCsv::Result result = ReferralCsv::parse(text, QDate(2025, 3, 10));
    [&] { QVERIFY2(result.ok(), qPrintable(result.errors.value(0).message)); }();
    return result.rows;
}

void TestReferralPreviewModel::emptyModel()
{
    ReferralPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(ReferralPreviewModel::ColumnCount));
    QCOMPARE(model.headerData(ReferralPreviewModel::ReferralDate, Qt::Horizontal).toString(),
        QStringLiteral("Referred"));
}

void TestReferralPreviewModel::showsEachRowAsRead()
{
    ReferralPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(parse(header()
        + QStringLiteral("PVT-2024-0007,2024-03-04,Lancashire Police,Siân,Jones,1950-04-01,9434765919,"
                         "pr7 1dp,hoarding;fire-risk,\"Smell reported,\nhallway blocked\",given,high,open,,\n"
                         ",2024-04-10,Fire Service,,Ó Briain,,,,,Lonely,not-sought,low,closed,2024-09-30,"
                         "outcomes-met\n")));
    QCOMPARE(model.rowCount(), 2);
    using M = ReferralPreviewModel;
    QCOMPARE(display(model, 0, M::Line), QStringLiteral("2"));
    QCOMPARE(display(model, 0, M::Reference), QStringLiteral("PVT-2024-0007"));
    QCOMPARE(display(model, 0, M::Name), QStringLiteral("Siân Jones"));
    QCOMPARE(display(model, 0, M::DateOfBirth), QStringLiteral("01/04/1950"));
    QCOMPARE(display(model, 0, M::NhsNumber), QStringLiteral("943 476 5919"));
    QCOMPARE(display(model, 0, M::Postcode), QStringLiteral("PR7 1DP"));
    QCOMPARE(display(model, 0, M::ReferralDate), QStringLiteral("04/03/2024"));
    QCOMPARE(display(model, 0, M::ReferringAgency), QStringLiteral("Lancashire Police"));
    QCOMPARE(display(model, 0, M::Needs), QStringLiteral("Hoarding, Fire risk"));
    // One line in the cell (rows are one line high); the whole reason in the tooltip.
    QCOMPARE(display(model, 0, M::Reason), QStringLiteral("Smell reported, hallway blocked"));
    QCOMPARE(roleData(model, 0, M::Reason, Qt::ToolTipRole).toString(),
        QStringLiteral("Smell reported,\nhallway blocked"));
    QCOMPARE(display(model, 0, M::Risk), QStringLiteral("High"));
    QCOMPARE(display(model, 0, M::Status), QStringLiteral("Open"));
    QCOMPARE(roleData(model, 0, M::ReferralDate, M::SortRole).toDate(), QDate(2024, 3, 4));
    QCOMPARE(roleData(model, 0, M::Line, M::SortRole).toInt(), 2);

    // The line a text editor shows: the quoted reason above took two lines of the file.
    QCOMPARE(display(model, 1, M::Line), QStringLiteral("4"));
    QCOMPARE(display(model, 1, M::Reference), QStringLiteral("next free"));
    QVERIFY(!roleData(model, 1, M::Reference, Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(display(model, 1, M::Name), QStringLiteral("Ó Briain"));
    QCOMPARE(display(model, 1, M::DateOfBirth), QString());
    QCOMPARE(display(model, 1, M::Status), QStringLiteral("Closed"));
    QCOMPARE(roleData(model, 1, M::Status, Qt::ToolTipRole).toString(),
        QStringLiteral("Closed on 30/09/2024: Outcomes met"));
    QVERIFY(!model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEditable));
}

void TestReferralPreviewModel::assignedReferencesAfterImport()
{
    ReferralPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(parse(header()
        + QStringLiteral(",2024-03-04,Police,Ann,,,,,,Hoarding,given,low,open,,\n"
                         "PVT-2024-0009,2024-03-05,Police,Bob,,,,,,Debt,given,low,open,,\n")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setAssignedReferences({QStringLiteral("PVT-2024-0001"), QStringLiteral("PVT-2024-0009")});
    QCOMPARE(reset.count(), 0); // only the Reference column changed
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(ReferralPreviewModel::Reference));
    QCOMPARE(display(model, 0, ReferralPreviewModel::Reference), QStringLiteral("PVT-2024-0001"));
    QCOMPARE(display(model, 1, ReferralPreviewModel::Reference), QStringLiteral("PVT-2024-0009"));
    QVERIFY(roleData(model, 0, ReferralPreviewModel::Reference, Qt::ToolTipRole).isNull());
}

void TestReferralPreviewModel::newFileResets()
{
    ReferralPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(
        parse(header() + QStringLiteral(",2024-03-04,Police,Ann,,,,,,Hoarding,given,low,open,,\n")));
    model.setAssignedReferences({QStringLiteral("PVT-2024-0001")});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRows(parse(header() + QStringLiteral(",2024-03-04,Police,Cat,,,,,,Debt,given,low,open,,\n")));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(display(model, 0, ReferralPreviewModel::Reference), QStringLiteral("next free"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 2);
}

void TestReferralPreviewModel::fiveThousandRows()
{
    QString text = header();
    for (int i = 0; i < 5000; ++i)
        text
            += QStringLiteral(",2024-03-04,Police,Person %1,,,,,loneliness,Lonely,given,low,open,,\n").arg(i);
    ReferralPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QElapsedTimer timer;
    timer.start();
    model.setRows(parse(text));
    QCOMPARE(model.rowCount(), 5000);
    QCOMPARE(display(model, 4999, ReferralPreviewModel::Name), QStringLiteral("Person 4999"));
    QCOMPARE(display(model, 4999, ReferralPreviewModel::Line), QStringLiteral("5001"));
    qInfo("5,000 rows parsed and shown in %lld ms", timer.elapsed());
}

QTEST_GUILESS_MAIN(TestReferralPreviewModel)
#include "TestReferralPreviewModel.moc"
