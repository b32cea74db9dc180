#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// A closed list of keys with their user-facing labels (case statuses, risk levels,
// need kinds...). Keys are what the store, the CLI and the wire format use; labels are
// translated for display. One instance per list, built once.
class Vocabulary
{
    Q_DECLARE_TR_FUNCTIONS(Vocabulary)

public:
    struct Term
    {
        QString key;
        const char* label; // untranslated source text, see label()
    };

    Vocabulary(QString name, QList<Term> terms);

    const QString& name() const { return m_name; }
    bool contains(const QString& key) const;
    QStringList keys() const;
    QString label(const QString& key) const; // translated; the key itself when unknown
    // The one-line message for a key that is not in the list, naming the allowed keys.
    QString unknownKeyMessage(const QString& field, const QString& key) const;

    static const Vocabulary& caseStatuses();
    static const Vocabulary& riskLevels();
    static const Vocabulary& consentStatuses();
    static const Vocabulary& closureReasons();
    static const Vocabulary& needs();
    static const Vocabulary& severities();
    static const Vocabulary& needStatuses();
    static const Vocabulary& agencyKinds();
    static const Vocabulary& userRoles();
    static const Vocabulary& casePersonRoles();
    static const Vocabulary& actionStatuses();
    static const Vocabulary& noteKinds();
    static const Vocabulary& assessmentKinds();
    static const Vocabulary& assessmentStages();
    static const Vocabulary& auditActions();
    static const Vocabulary& normScopes(); // where a reference norm's population is

private:
    QString m_name;
    QList<Term> m_terms;
};
