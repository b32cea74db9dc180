#include "ChangeRules.h"

#include "core/Vocabulary.h"

#include <QList>

namespace {
struct VocabularyField
{
    const char* entity;
    const char* field;
    const Vocabulary& (*vocabulary)();
};

const QList<VocabularyField>& vocabularyFields()
{
    static const QList<VocabularyField> fields {
        {"case", "status", &Vocabulary::caseStatuses},
        {"case", "risk", &Vocabulary::riskLevels},
        {"case", "consent", &Vocabulary::consentStatuses},
        {"case_person", "role", &Vocabulary::casePersonRoles},
        {"need", "need_key", &Vocabulary::needs},
        {"need", "severity", &Vocabulary::severities},
        {"need", "status", &Vocabulary::needStatuses},
        {"action", "status", &Vocabulary::actionStatuses},
        {"note", "kind", &Vocabulary::noteKinds},
        {"assessment", "kind", &Vocabulary::assessmentKinds},
        {"assessment", "stage", &Vocabulary::assessmentStages},
        {"reference_norm", "scope", &Vocabulary::normScopes},
    };
    return fields;
}
} // namespace

QString ChangeRules::check(const Change& change)
{
    for (const VocabularyField& rule : vocabularyFields()) {
        if (change.entity != QLatin1String(rule.entity))
            continue;
        const QString field = QString::fromLatin1(rule.field);
        const QJsonValue value = change.fields.value(field);
        if (value.isString() && !rule.vocabulary().contains(value.toString()))
            return QStringLiteral("fields.%1 is not one of the allowed values.").arg(field);
    }
    const bool agencyOnly = change.fields.value(QStringLiteral("agency_only")).toInt() == 1;
    if (change.entity == QLatin1String("note") && agencyOnly
        && !change.fields.value(QStringLiteral("agency_id")).isString())
        return QStringLiteral("fields.agency_id must name the agency of an agency-only note.");
    return {};
}
