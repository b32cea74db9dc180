#include "ModelTestSupport.h"
#include "core/Ons4.h"
#include "models/ReferenceNormsModel.h"
#include "store/NormRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using ModelTestSupport::display;
using ModelTestSupport::roleData;
using M = ReferenceNormsModel;

// The norms as the Settings dialog edits them: changes held in memory, checked in plain
// words, and handed back as the rows to update and the rows to add.
class TestReferenceNormsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheShippedNationalNorms();
    void editsLabelAndValueOfSavedRowsOnly();
    void addedRowsContinueASet();
    void onlyUnsavedRowsCanBeRemoved();
    void problemsInPlainWords();
    void duplicateScopeLabelAndItem();
    void unchangedRowsAreNotChanges();
    void parsesValues();

private:
    static QList<ReferenceNorm> stored();
};

void TestReferenceNormsModel::initTestCase()
{
    // The team's laptops run in en_GB; values are typed and shown as there.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

QList<ReferenceNorm> TestReferenceNormsModel::stored()
{
    // The rows as a new store holds them (Migrations v3), read through the repository.
    ModelTestSupport::SessionFixture fixture;
    [&] { QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error)); }();
    return NormRepository(fixture.store()).list();
}

void TestReferenceNormsModel::showsTheShippedNationalNorms()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setNorms(stored());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(M::ColumnCount));
    QCOMPARE(model.headerData(M::Value, Qt::Horizontal).toString(), QStringLiteral("Value (0-10)"));
    const char* const items[] = {"Life satisfaction", "Worthwhile", "Happiness", "Anxiety"};
    const char* const values[] = {"7.45", "7.73", "7.39", "3.23"};
    for (int row = 0; row < 4; ++row) {
        QCOMPARE(display(model, row, M::Scope), QStringLiteral("National"));
        QCOMPARE(
            display(model, row, M::Label), QStringLiteral("UK average (ONS APS, year ending March 2023)"));
        QCOMPARE(display(model, row, M::Item), QLatin1String(items[row]));
        QCOMPARE(display(model, row, M::Value), QLatin1String(values[row]));
        QVERIFY(!model.isNew(row));
    }
    QCOMPARE(roleData(model, 0, M::Scope, Qt::EditRole).toString(), QStringLiteral("national"));
    QCOMPARE(roleData(model, 3, M::Item, Qt::EditRole).toInt(), 3);
    QVERIFY(model.problems().isEmpty());
    QVERIFY(model.changedNorms().isEmpty());
    QVERIFY(model.newNorms().isEmpty());
}

void TestReferenceNormsModel::editsLabelAndValueOfSavedRowsOnly()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<ReferenceNorm> norms = stored();
    model.setNorms(norms);
    QVERIFY(model.flags(model.index(0, M::Value)) & Qt::ItemIsEditable);
    QVERIFY(model.flags(model.index(0, M::Label)) & Qt::ItemIsEditable);
    // A saved row keeps its scope and item (another item is another norm).
    QVERIFY(!(model.flags(model.index(0, M::Scope)) & Qt::ItemIsEditable));
    QVERIFY(!(model.flags(model.index(0, M::Item)) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(model.index(0, M::Scope), QStringLiteral("local")));
    QVERIFY(!model.setData(model.index(0, M::Item), 2));
    QVERIFY(!roleData(model, 0, M::Scope, M::ChoiceValuesRole).isValid());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(1, M::Value), QStringLiteral("7.8")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(display(model, 1, M::Value), QStringLiteral("7.80"));
    QCOMPARE(roleData(model, 1, M::Value, Qt::EditRole).toString(), QStringLiteral("7.8"));
    QVERIFY(model.setData(model.index(3, M::Label), QStringLiteral(" UK, year ending March 2023 ")));

    const QList<ReferenceNorm> changes = model.changedNorms();
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).meta.id, norms.at(1).meta.id);
    QCOMPARE(changes.at(0).value, 7.8);
    QCOMPARE(changes.at(0).label, norms.at(1).label);
    QCOMPARE(changes.at(1).meta.id, norms.at(3).meta.id);
    QCOMPARE(changes.at(1).label, QStringLiteral("UK, year ending March 2023")); // trimmed
    QCOMPARE(changes.at(1).value, 3.23);
    QVERIFY(model.newNorms().isEmpty());

    // setNorms is a fresh start: every unsaved change goes.
    model.setNorms(norms);
    QVERIFY(model.changedNorms().isEmpty());
}

void TestReferenceNormsModel::addedRowsContinueASet()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNorms(stored());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const int first = model.addNorm();
    QCOMPARE(first, 4);
    QCOMPARE(inserted.size(), 1);
    QVERIFY(model.isNew(first));
    QCOMPARE(roleData(model, first, M::Scope, Qt::EditRole).toString(), QStringLiteral("local"));
    QCOMPARE(display(model, first, M::Item), QStringLiteral("Life satisfaction"));
    for (int column = 0; column < M::ColumnCount; ++column)
        QVERIFY(model.flags(model.index(first, column)) & Qt::ItemIsEditable);

    // A new row's scope is regional or local, picked from a list; the item one of the four.
    QCOMPARE(roleData(model, first, M::Scope, M::ChoiceValuesRole).toList(),
        QVariantList({QStringLiteral("regional"), QStringLiteral("local")}));
    QCOMPARE(roleData(model, first, M::Scope, M::ChoiceLabelsRole).toStringList(),
        QStringList({QStringLiteral("Regional"), QStringLiteral("Local")}));
    QCOMPARE(roleData(model, first, M::Item, M::ChoiceLabelsRole).toStringList().size(), Ons4::itemCount);
    QVERIFY(!model.setData(model.index(first, M::Scope), QStringLiteral("national")));
    QVERIFY(!model.setData(model.index(first, M::Scope), QStringLiteral("county")));
    QVERIFY(!model.setData(model.index(first, M::Item), 4));
    QVERIFY(model.setData(model.index(first, M::Scope), QStringLiteral("regional")));
    QVERIFY(model.setData(model.index(first, M::Label), QStringLiteral("Lancashire 2023")));
    QVERIFY(model.setData(model.index(first, M::Value), QStringLiteral("7.5")));

    const int second = model.addNorm();
    QCOMPARE(display(model, second, M::Scope), QStringLiteral("Regional"));
    QCOMPARE(display(model, second, M::Label), QStringLiteral("Lancashire 2023"));
    QCOMPARE(display(model, second, M::Item), QStringLiteral("Worthwhile"));
    QCOMPARE(display(model, second, M::Value), QString());
    QVERIFY(model.setData(model.index(second, M::Value), QStringLiteral("7.61")));

    const QList<ReferenceNorm> added = model.newNorms();
    QCOMPARE(added.size(), 2);
    QVERIFY(added.at(0).meta.id.isEmpty()); // the repository gives the id
    QCOMPARE(added.at(0).scope, QStringLiteral("regional"));
    QCOMPARE(added.at(0).item, 0);
    QCOMPARE(added.at(0).value, 7.5);
    QCOMPARE(added.at(1).item, 1);
    QCOMPARE(added.at(1).value, 7.61);
    QVERIFY(model.changedNorms().isEmpty());
    QVERIFY(model.problems().isEmpty());
}

void TestReferenceNormsModel::onlyUnsavedRowsCanBeRemoved()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNorms(stored());
    QVERIFY(!model.removeNewNorm(0));
    QVERIFY(!model.removeNewNorm(-1));
    QVERIFY(!model.removeNewNorm(99));
    const int row = model.addNorm();
    QVERIFY(model.removeNewNorm(row));
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(model.newNorms().isEmpty());
}

void TestReferenceNormsModel::problemsInPlainWords()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNorms(stored());
    QVERIFY(model.setData(model.index(0, M::Value), QStringLiteral("10.5")));
    QVERIFY(model.setData(model.index(1, M::Value), QStringLiteral("-1")));
    QVERIFY(model.setData(model.index(2, M::Value), QStringLiteral("seven")));
    QVERIFY(model.setData(model.index(3, M::Label), QStringLiteral("   ")));
    const int added = model.addNorm(); // blank label and value

    const QList<M::Problem> problems = model.problems();
    QStringList texts;
    for (const M::Problem& p : problems)
        texts << p.text;
    QCOMPARE(problems.size(), 6);
    QCOMPARE(texts.at(0),
        QStringLiteral(
            "National \"UK average (ONS APS, year ending March 2023)\", Life satisfaction: the value 10.5 is "
            "outside 0 to 10."));
    QCOMPARE(problems.at(0).row, 0);
    QCOMPARE(problems.at(0).column, int(M::Value));
    QVERIFY2(texts.at(1).endsWith(QStringLiteral("Worthwhile: the value -1 is outside 0 to 10.")),
        qPrintable(texts.at(1)));
    QVERIFY2(
        texts.at(2).endsWith(QStringLiteral("the value \"seven\" is not a number; enter one from 0 to 10.")),
        qPrintable(texts.at(2)));
    QCOMPARE(texts.at(3),
        QStringLiteral("National norm for Anxiety: the label is blank; name where the figures come from."));
    QCOMPARE(problems.at(3).column, int(M::Label));
    QCOMPARE(problems.at(4).row, added);
    QCOMPARE(texts.at(4),
        QStringLiteral(
            "Local norm for Life satisfaction: the label is blank; name where the figures come from."));
    QCOMPARE(texts.at(5),
        QStringLiteral("Local norm for Life satisfaction: the value is blank; enter a number from 0 to 10."));

    // The edges are allowed; an overlong label is not.
    QVERIFY(model.setData(model.index(0, M::Value), QStringLiteral("10")));
    QVERIFY(model.setData(model.index(1, M::Value), QStringLiteral("0")));
    QVERIFY(model.setData(model.index(2, M::Value), QStringLiteral("7.39")));
    QVERIFY(model.setData(model.index(3, M::Label), QString(M::labelMaxLength + 1, QLatin1Char('x'))));
    QVERIFY(model.removeNewNorm(added));
    QCOMPARE(model.problems().size(), 1);
    QVERIFY2(model.problems().constFirst().text.contains(QStringLiteral("the limit is 200")),
        qPrintable(model.problems().constFirst().text));
}

void TestReferenceNormsModel::duplicateScopeLabelAndItem()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNorms(stored());
    const int a = model.addNorm();
    QVERIFY(model.setData(model.index(a, M::Label), QStringLiteral("Lancashire 2023")));
    QVERIFY(model.setData(model.index(a, M::Value), QStringLiteral("7.5")));
    const int b = model.addNorm(); // continues the set: Worthwhile
    QVERIFY(model.setData(model.index(b, M::Value), QStringLiteral("7.6")));
    QVERIFY(model.problems().isEmpty());

    QVERIFY(model.setData(model.index(b, M::Item), 0));
    QList<M::Problem> problems = model.problems();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).row, b);
    QCOMPARE(problems.at(0).text,
        QStringLiteral(
            "Local \"Lancashire 2023\", Life satisfaction is there twice; change the label or item of "
            "one."));

    // Another scope, or a label that differs, is another norm.
    QVERIFY(model.setData(model.index(b, M::Scope), QStringLiteral("regional")));
    QVERIFY(model.problems().isEmpty());
    QVERIFY(model.setData(model.index(b, M::Scope), QStringLiteral("local")));
    QVERIFY(model.setData(model.index(b, M::Label), QStringLiteral("Lancashire 2023 (revised)")));
    QVERIFY(model.problems().isEmpty());
    // Spaces around a label do not make it another one.
    QVERIFY(model.setData(model.index(b, M::Label), QStringLiteral("Lancashire 2023 ")));
    QCOMPARE(model.problems().size(), 1);
}

void TestReferenceNormsModel::unchangedRowsAreNotChanges()
{
    M model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNorms(stored());
    // Typed again as it was, or the same number written another way: not a change to sync.
    QVERIFY(model.setData(model.index(0, M::Value), QStringLiteral("7.450")));
    QVERIFY(model.setData(
        model.index(1, M::Label), QStringLiteral("UK average (ONS APS, year ending March 2023)")));
    QVERIFY(model.changedNorms().isEmpty());
    QVERIFY(model.setData(model.index(0, M::Value), QStringLiteral("7.46")));
    QCOMPARE(model.changedNorms().size(), 1);
}

void TestReferenceNormsModel::parsesValues()
{
    QCOMPARE(M::parseValue(QStringLiteral("7.45")), std::optional<double>(7.45));
    QCOMPARE(M::parseValue(QStringLiteral(" 7 ")), std::optional<double>(7.0));
    QCOMPARE(M::parseValue(QStringLiteral("7.456")), std::optional<double>(7.46)); // stored to two decimals
    QCOMPARE(M::parseValue(QStringLiteral("")), std::nullopt);
    QCOMPARE(M::parseValue(QStringLiteral("7,45")).has_value(), false); // not 745 (C and UK locales)
    QCOMPARE(M::parseValue(QStringLiteral("nan")), std::nullopt);
    QCOMPARE(M::parseValue(QStringLiteral("inf")), std::nullopt);
}

QTEST_MAIN(TestReferenceNormsModel)
#include "TestReferenceNormsModel.moc"
