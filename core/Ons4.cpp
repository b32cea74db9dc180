#include "Ons4.h"

QString Ons4::question(int item)
{
    static const char* const questions[itemCount] = {
        QT_TR_NOOP("Overall, how satisfied are you with your life nowadays?"),
        QT_TR_NOOP("Overall, to what extent do you feel that the things you do in your life are worthwhile?"),
        QT_TR_NOOP("Overall, how happy did you feel yesterday?"),
        QT_TR_NOOP("Overall, how anxious did you feel yesterday?"),
    };
    return validItem(item) ? tr(questions[item]) : QString();
}

QString Ons4::itemKey(int item)
{
    static const char* const keys[itemCount] = {"life_satisfaction", "worthwhile", "happiness", "anxiety"};
    return validItem(item) ? QLatin1String(keys[item]) : QString();
}

QString Ons4::itemLabel(int item)
{
    static const char* const labels[itemCount] = {
        QT_TR_NOOP("Life satisfaction"),
        QT_TR_NOOP("Worthwhile"),
        QT_TR_NOOP("Happiness"),
        QT_TR_NOOP("Anxiety"),
    };
    return validItem(item) ? tr(labels[item]) : QString();
}

QString Ons4::band(int item, int score)
{
    if (!validItem(item) || score < 0 || score > 10)
        return QString();
    if (item == anxietyItem) {
        if (score <= 1)
            return QStringLiteral("very-low");
        if (score <= 3)
            return QStringLiteral("low");
        return score <= 5 ? QStringLiteral("medium") : QStringLiteral("high");
    }
    if (score <= 4)
        return QStringLiteral("low");
    if (score <= 6)
        return QStringLiteral("medium");
    return score <= 8 ? QStringLiteral("high") : QStringLiteral("very-high");
}

QString Ons4::bandLabel(const QString& band)
{
    if (band == QLatin1String("very-low"))
        return tr("Very low");
    if (band == QLatin1String("low"))
        return tr("Low");
    if (band == QLatin1String("medium"))
        return tr("Medium");
    if (band == QLatin1String("high"))
        return tr("High");
    if (band == QLatin1String("very-high"))
        return tr("Very high");
    return band;
}

bool Ons4::higherIsBetter(int item)
{
    return item != anxietyItem;
}

QList<ReferenceNorm> Ons4::defaultNorms()
{
    static const double values[itemCount] = {7.45, 7.73, 7.39, 3.23};
    QList<ReferenceNorm> norms;
    for (int item = 0; item < itemCount; ++item) {
        ReferenceNorm norm;
        norm.scope = QStringLiteral("national");
        norm.label = tr("UK average (ONS APS, year ending March 2023)");
        norm.item = item;
        norm.value = values[item];
        norms << norm;
    }
    return norms;
}
