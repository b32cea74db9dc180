#include "SearchIndex.h"

#include <QStringList>

QString SearchIndex::matchExpression(const QString& userText)
{
    return matchTerms(userText).join(QLatin1Char(' '));
}

QStringList SearchIndex::matchTerms(const QString& userText)
{
    QStringList terms;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty() && terms.size() < 16)
            terms << word.left(64) + QLatin1Char('*');
        word.clear();
    };
    for (const QChar c : userText) {
        // A combining accent (typed or pasted decomposed) belongs to its word, as it does
        // for the unicode61 tokenizer, which then folds it away.
        if (c.isLetterOrNumber() || (c.isMark() && !word.isEmpty()))
            word += c;
        else
            flush();
    }
    flush();
    return terms;
}

QByteArray SearchIndex::matchingCaseIdsSql(int parameter)
{
    const QByteArray p = "?" + QByteArray::number(parameter);
    return "SELECT c.id FROM cases c WHERE c.rowid IN (SELECT docid / 4 FROM search_index WHERE search_index "
           "MATCH "
        + p
        + " AND kind = 'case') UNION SELECT n.case_id FROM notes n WHERE n.rowid IN (SELECT docid / 4 FROM "
          "search_index WHERE search_index MATCH "
        + p
        + " AND kind = 'note') AND n.deleted = 0 UNION SELECT cp.case_id FROM case_people cp JOIN people pe "
          "ON "
          "pe.id = cp.person_id WHERE cp.deleted = 0 AND pe.rowid IN (SELECT docid / 4 FROM search_index "
          "WHERE "
          "search_index MATCH "
        + p + " AND kind = 'person')";
}
