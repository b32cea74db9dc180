#include "CaseSummarySections.h"

CaseSummarySections CaseSummarySections::all()
{
    CaseSummarySections sections;
    for (Section section : order())
        sections.add(section);
    return sections;
}

QList<CaseSummarySections::Section> CaseSummarySections::order()
{
    return {Subject, Referral, Risk, Needs, Actions, Chronology, Notes, Outcomes};
}

QString CaseSummarySections::key(Section section)
{
    switch (section) {
    case Subject:
        return QStringLiteral("subject");
    case Referral:
        return QStringLiteral("referral");
    case Risk:
        return QStringLiteral("risk");
    case Needs:
        return QStringLiteral("needs");
    case Actions:
        return QStringLiteral("actions");
    case Chronology:
        return QStringLiteral("chronology");
    case Notes:
        return QStringLiteral("notes");
    case Outcomes:
        return QStringLiteral("outcomes");
    }
    return QString();
}

QString CaseSummarySections::label(Section section)
{
    switch (section) {
    case Subject:
        return tr("Subject and household");
    case Referral:
        return tr("Referral and consent");
    case Risk:
        return tr("Risk");
    case Needs:
        return tr("Needs");
    case Actions:
        return tr("Agencies and actions");
    case Chronology:
        return tr("Chronology of significant events");
    case Notes:
        return tr("Recent notes");
    case Outcomes:
        return tr("Outcome measures");
    }
    return QString();
}

QStringList CaseSummarySections::keys()
{
    QStringList result;
    for (Section section : order())
        result << key(section);
    return result;
}

QStringList CaseSummarySections::chosenKeys() const
{
    QStringList result;
    for (Section section : order()) {
        if (contains(section))
            result << key(section);
    }
    return result;
}

bool CaseSummarySections::parse(const QString& list, CaseSummarySections* sections, QString* error)
{
    CaseSummarySections chosen;
    for (const QString& part : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString wanted = part.trimmed();
        bool known = false;
        for (Section section : order()) {
            if (key(section) == wanted) {
                chosen.add(section);
                known = true;
            }
        }
        if (!known) {
            if (error)
                *error = tr("Unknown section \"%1\"; the sections are: %2.")
                             .arg(wanted, keys().join(QStringLiteral(", ")));
            return false;
        }
    }
    if (chosen.isEmpty()) {
        if (error)
            *error = tr("No sections chosen; the sections are: %1.").arg(keys().join(QStringLiteral(", ")));
        return false;
    }
    *sections = chosen;
    return true;
}
