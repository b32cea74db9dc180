#include "CaseSummaryDocument.h"

#include "ReportHtml.h"
#include "core/Ons4.h"
#include "core/PamLevel.h"
#include "core/Vocabulary.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"

#include <algorithm>
#include <iterator>

using H = ReportHtml;

QString CaseSummaryDocument::marking()
{
    return tr("OFFICIAL-SENSITIVE");
}

std::optional<ReportDocument> CaseSummaryDocument::build(
    Store& store, const QString& reference, const Options& options)
{
    auto record = CaseRepository(store).byReference(reference);
    if (!record || record->meta.deleted)
        return std::nullopt;
    const CaseSummaryDocument summary(store, *record, options);
    ReportDocument::Furniture furniture {marking(),
        tr("Case summary %1: %2").arg(record->reference, summary.m_subject.fullName()),
        summary.m_reader.shownAs(), options.printedAt};
    ReportDocument::AuditSubject audit {QStringLiteral("case"), record->meta.id, record->reference,
        QStringLiteral("case summary: %1").arg(options.sections.chosenKeys().join(QLatin1Char(',')))};
    ReportDocument document(std::move(furniture), std::move(audit));
    document.setJobName(tr("Case summary %1").arg(record->reference));
    document.body().setDefaultStyleSheet(H::stylesheet());
    document.body().setHtml(summary.toHtml());
    return document;
}

CaseSummaryDocument::CaseSummaryDocument(Store& store, CaseRecord record, Options options)
    : m_case(std::move(record))
    , m_options(std::move(options))
    , m_reader(ReportReader::forActor(store))
{
    for (const Agency& agency : AgencyRepository(store).list())
        m_agencyNames.insert(agency.meta.id, agency.name);
    CaseRepository cases(store);
    for (const CasePerson& link : cases.people(m_case.meta.id)) {
        const auto person = PersonRepository(store).get(link.personId);
        if (!person || link.meta.deleted)
            continue;
        if (link.role == QLatin1String("subject"))
            m_subject = *person;
        else
            m_others << LinkedPerson {*person, link.role};
    }
    for (const CaseAgency& involved : cases.agencies(m_case.meta.id)) {
        if (!involved.meta.deleted)
            m_agencies << qMakePair(agencyName(involved.agencyId), involved.contact);
    }
    m_needs = NeedRepository(store).forCase(m_case.meta.id);
    m_actions = ActionRepository(store).forCase(m_case.meta.id);
    for (const CaseNote& note : NoteRepository(store).forCase(m_case.meta.id)) {
        m_noteDates.insert(note.meta.id, note.occurredOn);
        if (readerMaySee(note))
            m_notes << note;
    }
    m_assessments = AssessmentRepository(store).forCase(m_case.meta.id);
}

// Need to know: an agency-only note is for its own agency's workers, on paper as on screen.
bool CaseSummaryDocument::readerMaySee(const CaseNote& note) const
{
    if (note.meta.deleted)
        return false;
    return !note.agencyOnly || (!m_reader.agencyId.isEmpty() && note.agencyId == m_reader.agencyId);
}

QString CaseSummaryDocument::agencyName(const QString& id) const
{
    return m_agencyNames.value(id);
}

QString CaseSummaryDocument::toHtml() const
{
    QStringList parts {overview()};
    for (CaseSummarySections::Section s : CaseSummarySections::order()) {
        if (m_options.sections.contains(s))
            parts << H::heading2(CaseSummarySections::label(s)) << section(s);
    }
    const QString html = parts.join(QString());
    return QStringLiteral("<html><body>%1</body></html>").arg(html);
}

QString CaseSummaryDocument::overview() const
{
    return H::heading1(tr("Case summary %1").arg(m_case.reference))
        + H::fields({{tr("Subject"), m_subject.fullName()},
            {tr("Status"), Vocabulary::caseStatuses().label(m_case.status)},
            {tr("Lead worker"), m_case.leadWorker}, {tr("Referral date"), H::date(m_case.referralDate)},
            {tr("Risk level"), Vocabulary::riskLevels().label(m_case.risk)}});
}

QString CaseSummaryDocument::section(CaseSummarySections::Section s) const
{
    switch (s) {
    case CaseSummarySections::Subject:
        return subjectSection();
    case CaseSummarySections::Referral:
        return referralSection();
    case CaseSummarySections::Risk:
        return riskSection();
    case CaseSummarySections::Needs:
        return needsSection();
    case CaseSummarySections::Actions:
        return actionsSection();
    case CaseSummarySections::Chronology:
        return chronologySection();
    case CaseSummarySections::Notes:
        return notesSection();
    case CaseSummarySections::Outcomes:
        return outcomesSection();
    }
    return QString();
}

QString CaseSummaryDocument::subjectSection() const
{
    const Person& p = m_subject;
    QString html = H::fields({{tr("Name"), p.fullName()}, {tr("Preferred name"), p.preferredName},
        {tr("Date of birth"), H::date(p.dateOfBirth)}, {tr("NHS number"), p.nhsNumber},
        {tr("Address"), p.address}, {tr("Postcode"), p.postcode}, {tr("Ward"), p.ward},
        {tr("Phone"), p.phone}, {tr("Email"), p.email}, {tr("Preferred language"), p.preferredLanguage},
        {tr("GP practice"), p.gpPractice}, {tr("Access and communication needs"), p.accessNeeds}});
    if (m_others.isEmpty())
        return html + H::paragraph(H::text(tr("No household members, carers or other people linked.")));
    QList<QStringList> rows;
    for (const LinkedPerson& other : m_others) {
        rows << QStringList {H::text(other.person.fullName()),
            H::text(Vocabulary::casePersonRoles().label(other.role)),
            H::text(H::date(other.person.dateOfBirth)), H::text(other.person.phone)};
    }
    return html + H::paragraph(QString())
        + H::table({tr("Household and linked people"), tr("Role"), tr("Date of birth"), tr("Phone")}, rows,
            {40, 25, 15, 20});
}

QString CaseSummaryDocument::referralSection() const
{
    const CaseRecord& c = m_case;
    QString consent = Vocabulary::consentStatuses().label(c.consent);
    if (c.consentDate.isValid())
        consent = tr("%1 on %2").arg(consent, H::date(c.consentDate));
    if (!c.consentRecordedBy.isEmpty())
        consent = tr("%1, recorded by %2").arg(consent, c.consentRecordedBy);
    QString closure;
    if (c.closedDate.isValid())
        closure
            = tr("%1 (%2)").arg(H::date(c.closedDate), Vocabulary::closureReasons().label(c.closureReason));
    return H::fields({{tr("Referral date"), H::date(c.referralDate)},
        {tr("Referring agency"), agencyName(c.referringAgencyId)}, {tr("Referrer"), c.referrerName},
        {tr("Referrer contact"), c.referrerContact}, {tr("Reason for referral"), c.reason},
        {tr("Consent to share"), consent}, {tr("Lawful basis without consent"), c.lawfulBasis},
        {tr("Status"), Vocabulary::caseStatuses().label(c.status)}, {tr("Since"), H::date(c.statusDate)},
        {tr("Closed"), closure}, {tr("Reason declined"), c.declineReason}});
}

QString CaseSummaryDocument::riskSection() const
{
    return H::fields({{tr("Risk level"), Vocabulary::riskLevels().label(m_case.risk)},
        {tr("Rationale"), m_case.riskRationale.isEmpty() ? tr("Not recorded") : m_case.riskRationale},
        {tr("Next review"), H::date(m_case.reviewDate)}});
}

QString CaseSummaryDocument::needsSection() const
{
    QList<QStringList> rows;
    for (const CaseNeed& n : m_needs) {
        if (n.meta.deleted)
            continue;
        QString notes = H::text(n.notes);
        if (n.clutterRating > 0)
            notes = H::text(tr("Clutter Image Rating %1").arg(n.clutterRating))
                + (notes.isEmpty() ? QString() : QStringLiteral("<br/>") + notes);
        rows << QStringList {H::text(Vocabulary::needs().label(n.needKey)),
            H::text(Vocabulary::severities().label(n.severity)),
            H::text(Vocabulary::needStatuses().label(n.status)), notes};
    }
    if (rows.isEmpty())
        return H::paragraph(H::text(tr("No needs recorded.")));
    return H::table({tr("Need"), tr("Severity"), tr("Status"), tr("Notes")}, rows, {22, 12, 12, 54});
}

QString CaseSummaryDocument::actionsSection() const
{
    QString html;
    if (m_agencies.isEmpty()) {
        html += H::paragraph(H::text(tr("No other agencies recorded as involved.")));
    } else {
        QList<QStringList> rows;
        for (const auto& [name, contact] : m_agencies)
            rows << QStringList {H::text(name), H::text(contact)};
        html += H::table({tr("Agency involved"), tr("Contact")}, rows, {40, 60});
    }
    QList<QStringList> rows;
    const QDate today = m_options.printedAt.date();
    for (const CaseAction& a : m_actions) {
        if (a.meta.deleted)
            continue;
        // Overdue is said in words and bold, never by colour alone: most copies are grey.
        const QString status = a.isOverdue(today) ? H::bold(tr("OVERDUE"))
                                                  : H::text(Vocabulary::actionStatuses().label(a.status));
        rows << QStringList {H::text(a.description), H::text(agencyName(a.agencyId)), H::text(a.owner),
            H::text(H::date(a.dueDate)), status, H::text(a.outcome)};
    }
    if (rows.isEmpty())
        return html + H::paragraph(H::text(tr("No actions recorded.")));
    return html + H::paragraph(QString())
        + H::table({tr("Action"), tr("Agency"), tr("Owner"), tr("Due"), tr("Status"), tr("Outcome")}, rows,
            {22, 19, 12, 14, 13, 20});
}

QString CaseSummaryDocument::chronologySection() const
{
    QList<QStringList> rows;
    for (const CaseNote& n : m_notes) {
        if (!n.significant)
            continue;
        const QString source
            = n.agencyId.isEmpty() ? n.author : tr("%1 (%2)").arg(n.author, agencyName(n.agencyId));
        rows << QStringList {H::text(H::date(n.occurredOn)), H::text(Vocabulary::noteKinds().label(n.kind)),
            H::text(source), H::text(n.text)};
    }
    if (rows.isEmpty())
        return H::paragraph(H::text(tr("No significant events recorded.")));
    return H::table({tr("Date"), tr("Kind"), tr("Recorded by"), tr("Event")}, rows, {14, 14, 18, 54});
}

QString CaseSummaryDocument::notesSection() const
{
    QList<CaseNote> newest = m_notes;
    std::stable_sort(newest.begin(), newest.end(),
        [](const CaseNote& a, const CaseNote& b) { return a.occurredOn > b.occurredOn; });
    const qsizetype total = newest.size();
    if (m_options.noteLimit > 0 && total > m_options.noteLimit)
        newest = newest.mid(0, m_options.noteLimit);
    if (newest.isEmpty())
        return H::paragraph(H::text(tr("No notes recorded.")));
    const QString caption = H::paragraph(H::small(total > newest.size()
            ? tr("The newest %1 of %2 notes, newest first.").arg(newest.size()).arg(total)
            : tr("All %1 notes, newest first.").arg(total)));
    QStringList parts {caption};
    parts.reserve(newest.size() + 1);
    std::transform(newest.cbegin(), newest.cend(), std::back_inserter(parts),
        [this](const CaseNote& note) { return noteHtml(note); });
    return parts.join(QString());
}

QString CaseSummaryDocument::noteHtml(const CaseNote& n) const
{
    QStringList about {H::date(n.occurredOn), Vocabulary::noteKinds().label(n.kind)};
    about << (n.agencyId.isEmpty() ? n.author : tr("%1 (%2)").arg(n.author, agencyName(n.agencyId)));
    if (n.significant)
        about << tr("Significant event");
    if (n.agencyOnly)
        about << tr("Agency only");
    if (!n.correctsNoteId.isEmpty())
        about << tr("Corrects the note of %1").arg(H::date(m_noteDates.value(n.correctsNoteId)));
    // An h3, so the printer keeps the note's heading on the same page as its first lines.
    return QStringLiteral("<h3>%1</h3><p class=\"note\">%2</p>")
        .arg(H::text(about.join(QStringLiteral(" · "))), H::text(n.text));
}

const Assessment* CaseSummaryDocument::latest(const QString& kind, const QString& stage) const
{
    const Assessment* found = nullptr;
    for (const Assessment& a : m_assessments) {
        if (!a.meta.deleted && a.kind == kind && a.stage == stage
            && (!found || a.assessedOn >= found->assessedOn))
            found = &a;
    }
    return found;
}

QStringList CaseSummaryDocument::measureRow(const QString& label, const Assessment* baseline,
    const Assessment* closing, const std::function<double(const Assessment&)>& value, int decimals) const
{
    const auto cell = [&](const Assessment* a) -> QString {
        if (!a || value(*a) < 0)
            return H::text(tr("Not recorded"));
        return H::text(QString::number(value(*a), 'f', decimals)) + QStringLiteral("<br/>")
            + H::small(H::date(a->assessedOn));
    };
    QString change = H::text(QStringLiteral("–"));
    if (baseline && closing && value(*baseline) >= 0 && value(*closing) >= 0) {
        const double delta = value(*closing) - value(*baseline);
        change = H::text(QStringLiteral("%1%2").arg(
            delta > 0 ? QStringLiteral("+") : QString(), QString::number(delta, 'f', decimals)));
    }
    return {H::text(label), cell(baseline), cell(closing), change};
}

QString CaseSummaryDocument::outcomesSection() const
{
    const QString ons4 = QStringLiteral("ons4");
    const QString pam = QStringLiteral("pam");
    const QString use = QStringLiteral("service-use");
    const QString base = QStringLiteral("baseline");
    const QString close = QStringLiteral("closing");
    QList<QStringList> rows;
    for (int item = 0; item < Ons4::itemCount; ++item) {
        const QString label = Ons4::higherIsBetter(item)
            ? Ons4::itemLabel(item)
            : tr("%1 (lower is better)").arg(Ons4::itemLabel(item));
        rows << measureRow(
            label, latest(ons4, base), latest(ons4, close),
            [item](const Assessment& a) { return double(a.ons4.at(size_t(item))); }, 0);
    }
    rows << measureRow(
        tr("PAM score"), latest(pam, base), latest(pam, close),
        [](const Assessment& a) { return a.pamScore; }, 1);
    const auto levelText = [](const Assessment* a) {
        return a && PamLevel::levelFor(a->pamScore) > 0 ? tr("Level %1").arg(PamLevel::levelFor(a->pamScore))
                                                        : tr("Not recorded");
    };
    rows << QStringList {H::text(tr("PAM level")), H::text(levelText(latest(pam, base))),
        H::text(levelText(latest(pam, close))), QString()};
    rows << measureRow(
        tr("GP appointments"), latest(use, base), latest(use, close),
        [](const Assessment& a) { return double(a.gpAppointments); }, 0);
    rows << measureRow(
        tr("A&E attendances"), latest(use, base), latest(use, close),
        [](const Assessment& a) { return double(a.aeAttendances); }, 0);
    QString html
        = H::table({tr("Measure"), tr("Baseline"), tr("Closing"), tr("Change")}, rows, {40, 20, 20, 20});
    if (const Assessment* a = latest(use, base); a && a->periodMonths > 0)
        html += H::paragraph(H::small(
            tr("Service use counts cover the %1 months before each assessment.").arg(a->periodMonths)));
    return html;
}
