#include "core/Vocabulary.h"

#include <QTest>

class TestVocabulary : public QObject
{
    Q_OBJECT

private slots:
    void containsOnlyItsKeys();
    void unknownKeyMessageListsAllowedKeys();
    void needsCatalogueMatchesDomain();
    void normScopesMatchTheStoredRows();
};

void TestVocabulary::containsOnlyItsKeys()
{
    const Vocabulary& statuses = Vocabulary::caseStatuses();
    QVERIFY(statuses.contains(QStringLiteral("referred")));
    QVERIFY(statuses.contains(QStringLiteral("declined")));
    QVERIFY(!statuses.contains(QStringLiteral("Referred")));
    QVERIFY(!statuses.contains(QString()));
    QCOMPARE(statuses.label(QStringLiteral("open")), QStringLiteral("Open"));
    QCOMPARE(statuses.label(QStringLiteral("nonsense")), QStringLiteral("nonsense"));
}

void TestVocabulary::unknownKeyMessageListsAllowedKeys()
{
    const QString message =
        Vocabulary::riskLevels().unknownKeyMessage(QStringLiteral("risk"), QStringLiteral("severe"));
    QCOMPARE(message, QStringLiteral("risk: \"severe\" is not one of: low, medium, high"));
}

void TestVocabulary::needsCatalogueMatchesDomain()
{
    const QStringList keys = Vocabulary::needs().keys();
    QCOMPARE(keys.size(), 14);
    for (const char* k : {"hoarding", "mental-health", "loneliness", "isolation", "substance-misuse", "housing",
                          "debt", "bereavement", "domestic-abuse", "physical-health", "fire-risk",
                          "antisocial-behaviour", "employment", "other"})
        QVERIFY2(keys.contains(QLatin1String(k)), k);
}

void TestVocabulary::normScopesMatchTheStoredRows()
{
    // The keys are what reference_norms.scope holds (the shipped UK rows are "national").
    QCOMPARE(Vocabulary::normScopes().keys(),
        QStringList({QStringLiteral("national"), QStringLiteral("regional"), QStringLiteral("local")}));
    QCOMPARE(Vocabulary::normScopes().label(QStringLiteral("regional")), QStringLiteral("Regional"));
}

QTEST_GUILESS_MAIN(TestVocabulary)
#include "TestVocabulary.moc"
