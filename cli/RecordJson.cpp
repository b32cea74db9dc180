#include "RecordJson.h"

#include "core/PamLevel.h"

#include <QJsonArray>

QJsonValue RecordJson::date(const QDate& d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject RecordJson::caseRecord(const CaseRecord& c, const QString& referringAgencyName)
{
    return {{QStringLiteral("id"), c.meta.id}, {QStringLiteral("reference"), c.reference},
        {QStringLiteral("status"), c.status}, {QStringLiteral("status_date"), date(c.statusDate)},
        {QStringLiteral("referral_date"), date(c.referralDate)},
        {QStringLiteral("referring_agency"), referringAgencyName},
        {QStringLiteral("referrer_name"), c.referrerName},
        {QStringLiteral("referrer_contact"), c.referrerContact}, {QStringLiteral("reason"), c.reason},
        {QStringLiteral("consent"), c.consent}, {QStringLiteral("consent_date"), date(c.consentDate)},
        {QStringLiteral("lawful_basis"), c.lawfulBasis}, {QStringLiteral("risk"), c.risk},
        {QStringLiteral("risk_rationale"), c.riskRationale}, {QStringLiteral("lead_worker"), c.leadWorker},
        {QStringLiteral("review_date"), date(c.reviewDate)},
        {QStringLiteral("closed_date"), date(c.closedDate)},
        {QStringLiteral("closure_reason"), c.closureReason},
        {QStringLiteral("decline_reason"), c.declineReason}, {QStringLiteral("rev"), c.meta.rev},
        {QStringLiteral("updated_at"), c.meta.updatedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("updated_by"), c.meta.updatedBy}};
}

QJsonObject RecordJson::summary(const CaseSummary& s, const QDate& today)
{
    return {{QStringLiteral("reference"), s.reference}, {QStringLiteral("subject"), s.subjectName},
        {QStringLiteral("status"), s.status}, {QStringLiteral("risk"), s.risk},
        {QStringLiteral("lead_worker"), s.leadWorker},
        {QStringLiteral("referral_date"), date(s.referralDate)},
        {QStringLiteral("review_date"), date(s.reviewDate)},
        {QStringLiteral("review_overdue"), s.reviewDate.isValid() && s.reviewDate < today},
        {QStringLiteral("referring_agency"), s.referringAgency},
        {QStringLiteral("open_actions"), s.openActions},
        {QStringLiteral("overdue_actions"), s.overdueActions}};
}

QJsonArray RecordJson::summaries(const QList<CaseSummary>& list, const QDate& today)
{
    QJsonArray array;
    for (const CaseSummary& s : list)
        array.append(summary(s, today));
    return array;
}

QJsonObject RecordJson::person(const Person& p, const QString& role)
{
    return {{QStringLiteral("id"), p.meta.id}, {QStringLiteral("role"), role},
        {QStringLiteral("given_name"), p.givenName}, {QStringLiteral("family_name"), p.familyName},
        {QStringLiteral("preferred_name"), p.preferredName},
        {QStringLiteral("date_of_birth"), date(p.dateOfBirth)}, {QStringLiteral("nhs_number"), p.nhsNumber},
        {QStringLiteral("address"), p.address}, {QStringLiteral("postcode"), p.postcode},
        {QStringLiteral("phone"), p.phone}, {QStringLiteral("email"), p.email}};
}

QJsonObject RecordJson::need(const CaseNeed& n)
{
    QJsonObject o {{QStringLiteral("need"), n.needKey}, {QStringLiteral("severity"), n.severity},
        {QStringLiteral("status"), n.status}, {QStringLiteral("notes"), n.notes}};
    o.insert(
        QStringLiteral("clutter_rating"), n.clutterRating > 0 ? QJsonValue(n.clutterRating) : QJsonValue());
    return o;
}

QJsonObject RecordJson::action(const CaseAction& a, const QString& agencyName, const QDate& today)
{
    return {{QStringLiteral("id"), a.meta.id}, {QStringLiteral("what"), a.description},
        {QStringLiteral("agency"), agencyName}, {QStringLiteral("owner"), a.owner},
        {QStringLiteral("due"), date(a.dueDate)}, {QStringLiteral("status"), a.status},
        {QStringLiteral("overdue"), a.isOverdue(today)}, {QStringLiteral("completed"), date(a.completedDate)},
        {QStringLiteral("outcome"), a.outcome}};
}

QJsonObject RecordJson::note(const CaseNote& n, const QString& agencyName)
{
    return {{QStringLiteral("id"), n.meta.id}, {QStringLiteral("date"), date(n.occurredOn)},
        {QStringLiteral("kind"), n.kind}, {QStringLiteral("author"), n.author},
        {QStringLiteral("agency"), agencyName}, {QStringLiteral("significant"), n.significant},
        {QStringLiteral("agency_only"), n.agencyOnly},
        {QStringLiteral("corrects"),
            n.correctsNoteId.isEmpty() ? QJsonValue() : QJsonValue(n.correctsNoteId)},
        {QStringLiteral("text"), n.text}};
}

QJsonObject RecordJson::assessment(const Assessment& a)
{
    QJsonObject o {{QStringLiteral("id"), a.meta.id}, {QStringLiteral("kind"), a.kind},
        {QStringLiteral("stage"), a.stage}, {QStringLiteral("date"), date(a.assessedOn)}};
    if (a.kind == QLatin1String("ons4")) {
        QJsonArray scores;
        for (int s : a.ons4)
            scores.append(s);
        o.insert(QStringLiteral("scores"), scores);
    } else if (a.kind == QLatin1String("pam")) {
        o.insert(QStringLiteral("score"), a.pamScore);
        o.insert(QStringLiteral("level"), PamLevel::levelFor(a.pamScore));
    } else {
        o.insert(QStringLiteral("gp"), a.gpAppointments);
        o.insert(QStringLiteral("ae"), a.aeAttendances);
        o.insert(QStringLiteral("months"), a.periodMonths);
    }
    return o;
}

QJsonObject RecordJson::audit(const AuditEntry& e)
{
    return {{QStringLiteral("seq"), e.sequence}, {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
        {QStringLiteral("actor"), e.actor}, {QStringLiteral("action"), e.action},
        {QStringLiteral("entity"), e.entity}, {QStringLiteral("entity_id"), e.entityId},
        {QStringLiteral("case"), e.caseReference}, {QStringLiteral("detail"), e.detail}};
}
