#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// Which parts of a case summary a worker chose to print. Keys are what the CLI's --sections
// takes and what the audit entry names; labels are the section headings.
class CaseSummarySections
{
    Q_DECLARE_TR_FUNCTIONS(CaseSummarySections)

public:
    enum Section {
        Subject = 0x01, // subject and household
        Referral = 0x02, // referral and consent
        Risk = 0x04,
        Needs = 0x08,
        Actions = 0x10, // agencies involved and actions (overdue marked)
        Chronology = 0x20, // significant events, oldest first
        Notes = 0x40, // notes, newest first
        Outcomes = 0x80, // outcome measures, baseline and closing
    };

    CaseSummarySections() = default; // none
    static CaseSummarySections all();
    // Comma-separated keys, e.g. "subject,needs,actions". On an unknown key returns false and
    // sets *error (when given) to a sentence naming it and every valid key.
    static bool parse(const QString& list, CaseSummarySections* sections, QString* error);

    static QList<Section> order(); // the order sections appear in the document
    static QString key(Section section);
    static QString label(Section section); // translated heading
    static QStringList keys(); // every key, in document order

    bool contains(Section section) const { return (m_bits & section) != 0; }
    void add(Section section) { m_bits |= section; }
    bool isEmpty() const { return m_bits == 0; }
    QStringList chosenKeys() const; // in document order

private:
    int m_bits = 0;
};
