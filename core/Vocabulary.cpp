#include "Vocabulary.h"

Vocabulary::Vocabulary(QString name, QList<Term> terms)
    : m_name(std::move(name))
    , m_terms(std::move(terms))
{
}

bool Vocabulary::contains(const QString& key) const
{
    return std::any_of(m_terms.cbegin(), m_terms.cend(), [&](const Term& t) { return t.key == key; });
}

QStringList Vocabulary::keys() const
{
    QStringList result;
    for (const Term& t : m_terms)
        result << t.key;
    return result;
}

QString Vocabulary::label(const QString& key) const
{
    for (const Term& t : m_terms) {
        if (t.key == key)
            return tr(t.label);
    }
    return key;
}

QString Vocabulary::unknownKeyMessage(const QString& field, const QString& key) const
{
    return tr("%1: \"%2\" is not one of: %3").arg(field, key, keys().join(QStringLiteral(", ")));
}

#define TERM(key, label)                                                                                     \
    Vocabulary::Term { QStringLiteral(key), QT_TR_NOOP(label) }

const Vocabulary& Vocabulary::caseStatuses()
{
    static const Vocabulary v(QStringLiteral("status"),
                              {TERM("referred", "Referred"), TERM("accepted", "Accepted"), TERM("open", "Open"),
                               TERM("closed", "Closed"), TERM("declined", "Declined")});
    return v;
}

const Vocabulary& Vocabulary::riskLevels()
{
    static const Vocabulary v(QStringLiteral("risk"),
                              {TERM("low", "Low"), TERM("medium", "Medium"), TERM("high", "High")});
    return v;
}

const Vocabulary& Vocabulary::consentStatuses()
{
    static const Vocabulary v(QStringLiteral("consent"),
                              {TERM("given", "Given"), TERM("refused", "Refused"),
                               TERM("not-sought", "Not sought")});
    return v;
}

const Vocabulary& Vocabulary::closureReasons()
{
    static const Vocabulary v(QStringLiteral("closure reason"),
                              {TERM("outcomes-met", "Outcomes met"), TERM("disengaged", "Disengaged"),
                               TERM("moved-away", "Moved away"), TERM("transferred", "Transferred"),
                               TERM("deceased", "Deceased"), TERM("other", "Other")});
    return v;
}

const Vocabulary& Vocabulary::needs()
{
    static const Vocabulary v(
        QStringLiteral("need"),
        {TERM("hoarding", "Hoarding"), TERM("mental-health", "Declining mental health"),
         TERM("loneliness", "Loneliness"), TERM("isolation", "Isolation"),
         TERM("substance-misuse", "Substance misuse"), TERM("housing", "Homelessness or housing"),
         TERM("debt", "Financial issues or debt"), TERM("bereavement", "Bereavement"),
         TERM("domestic-abuse", "Domestic abuse"), TERM("physical-health", "Physical health"),
         TERM("fire-risk", "Fire risk"), TERM("antisocial-behaviour", "Anti-social behaviour"),
         TERM("employment", "Employment or training"), TERM("other", "Other")});
    return v;
}

const Vocabulary& Vocabulary::severities()
{
    static const Vocabulary v(QStringLiteral("severity"),
                              {TERM("low", "Low"), TERM("medium", "Medium"), TERM("high", "High")});
    return v;
}

const Vocabulary& Vocabulary::needStatuses()
{
    static const Vocabulary v(QStringLiteral("need status"),
                              {TERM("open", "Open"), TERM("improving", "Improving"),
                               TERM("resolved", "Resolved")});
    return v;
}

const Vocabulary& Vocabulary::agencyKinds()
{
    static const Vocabulary v(
        QStringLiteral("agency kind"),
        {TERM("police", "Police"), TERM("fire", "Fire and rescue"), TERM("health", "Health"),
         TERM("council", "Council"), TERM("childrens-services", "Children's services"),
         TERM("housing", "Housing"), TERM("voluntary", "Voluntary sector"), TERM("education", "Education"),
         TERM("other", "Other")});
    return v;
}

const Vocabulary& Vocabulary::userRoles()
{
    static const Vocabulary v(QStringLiteral("role"),
                              {TERM("worker", "Case worker"), TERM("lead", "Team lead"),
                               TERM("admin", "Administrator"), TERM("partner", "Partner (read only)")});
    return v;
}

const Vocabulary& Vocabulary::casePersonRoles()
{
    static const Vocabulary v(QStringLiteral("person role"),
                              {TERM("subject", "Subject"), TERM("household", "Household member"),
                               TERM("carer", "Carer"), TERM("other", "Other linked person")});
    return v;
}

const Vocabulary& Vocabulary::actionStatuses()
{
    static const Vocabulary v(QStringLiteral("action status"),
                              {TERM("open", "Open"), TERM("done", "Done"), TERM("cancelled", "Cancelled")});
    return v;
}

const Vocabulary& Vocabulary::noteKinds()
{
    static const Vocabulary v(
        QStringLiteral("note kind"),
        {TERM("home-visit", "Home visit"), TERM("phone", "Phone call"), TERM("meeting", "Meeting"),
         TERM("multi-agency-meeting", "Multi-agency meeting"), TERM("office", "Office visit"),
         TERM("letter-email", "Letter or email"), TERM("other", "Other")});
    return v;
}

const Vocabulary& Vocabulary::assessmentKinds()
{
    static const Vocabulary v(QStringLiteral("assessment"),
                              {TERM("ons4", "ONS4 personal wellbeing"),
                               TERM("pam", "Patient Activation Measure"),
                               TERM("service-use", "Health service use")});
    return v;
}

const Vocabulary& Vocabulary::assessmentStages()
{
    static const Vocabulary v(QStringLiteral("stage"),
                              {TERM("baseline", "Baseline"), TERM("review", "Review"),
                               TERM("closing", "Closing")});
    return v;
}

const Vocabulary& Vocabulary::auditActions()
{
    static const Vocabulary v(
        QStringLiteral("audit action"),
        {TERM("view", "Viewed"), TERM("create", "Created"), TERM("update", "Updated"),
         TERM("delete", "Deleted"), TERM("print", "Printed"), TERM("export", "Exported"),
         TERM("sync", "Synchronised"), TERM("login", "Signed in"), TERM("unlock", "Unlocked"),
         TERM("failed-unlock", "Failed unlock"), TERM("import", "Imported"),
         TERM("rekey", "Passphrase changed")});
    return v;
}

const Vocabulary& Vocabulary::normScopes()
{
    static const Vocabulary v(QStringLiteral("norm scope"),
        {TERM("national", "National"), TERM("regional", "Regional"), TERM("local", "Local")});
    return v;
}

#undef TERM
