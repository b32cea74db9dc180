#pragma once

#include "ReferenceNorm.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// The ONS4 personal wellbeing questions and the ONS thresholds for reading the answers.
// Items are numbered 0-3: life satisfaction, worthwhile, happiness, anxiety.
class Ons4
{
    Q_DECLARE_TR_FUNCTIONS(Ons4)

public:
    static constexpr int itemCount = 4;
    static constexpr int anxietyItem = 3;

    static QString question(int item); // translated; empty for an unknown item
    static QString itemKey(int item); // "life_satisfaction", "worthwhile", "happiness", "anxiety"
    static QString itemLabel(int item); // translated short name, e.g. "Life satisfaction"
    // Band key: items 0-2 "low", "medium", "high", "very-high"; anxiety "very-low", "low",
    // "medium", "high". Empty when the item or the 0-10 score is out of range.
    static QString band(int item, int score);
    static QString bandLabel(const QString& band); // translated; the key itself when unknown
    // Anxiety is the one item where a lower score is the better outcome.
    static bool higherIsBetter(int item);
    // UK averages, year ending March 2023, ONS Annual Population Survey. Shipped as editable
    // rows so a team can add regional and local norms beside them.
    static QList<ReferenceNorm> defaultNorms();

private:
    static bool validItem(int item) { return item >= 0 && item < itemCount; }
};
