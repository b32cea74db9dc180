#pragma once

#include <QString>

// Turns what a worker types into a safe FTS4 MATCH expression: every word becomes a
// prefix term made only of letters, digits and their combining accents, so no FTS syntax from the user gets
// through.
class SearchIndex
{
public:
    static QString matchExpression(const QString& userText);
    // The same words one by one, each a prefix term: a case matches when every word is found
    // somewhere on it (a name in one place, a word of a note in another).
    static QStringList matchTerms(const QString& userText);
    // SQL selecting the ids of cases whose reason, notes or linked people match ?<n>.
    static QByteArray matchingCaseIdsSql(int parameter);
};
