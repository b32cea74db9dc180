#include "CaseRepository.h"

#include "AuditLog.h"
#include "RecordWriter.h"
#include "RowReader.h"
#include "SearchIndex.h"
#include "Store.h"
#include "core/CaseReference.h"

namespace {
QVariantMap fieldsOf(const CaseRecord& c)
{
    return {{QStringLiteral("reference"), c.reference}, {QStringLiteral("status"), c.status},
        {QStringLiteral("referral_date"), c.referralDate},
        {QStringLiteral("referring_agency_id"),
            c.referringAgencyId.isEmpty() ? QVariant() : c.referringAgencyId},
        {QStringLiteral("referrer_name"), c.referrerName},
        {QStringLiteral("referrer_contact"), c.referrerContact}, {QStringLiteral("reason"), c.reason},
        {QStringLiteral("consent"), c.consent}, {QStringLiteral("consent_date"), c.consentDate},
        {QStringLiteral("consent_recorded_by"), c.consentRecordedBy},
        {QStringLiteral("lawful_basis"), c.lawfulBasis}, {QStringLiteral("risk"), c.risk},
        {QStringLiteral("risk_rationale"), c.riskRationale}, {QStringLiteral("lead_worker"), c.leadWorker},
        {QStringLiteral("review_date"), c.reviewDate}, {QStringLiteral("status_date"), c.statusDate},
        {QStringLiteral("closed_date"), c.closedDate}, {QStringLiteral("closure_reason"), c.closureReason},
        {QStringLiteral("decline_reason"), c.declineReason}};
}

constexpr const char* caseColumns
    = "id, rev, deleted, created_at, created_by, updated_at, updated_by, reference, status, referral_date, "
      "referring_agency_id, referrer_name, referrer_contact, reason, consent, consent_date, "
      "consent_recorded_by, "
      "lawful_basis, risk, risk_rationale, lead_worker, review_date, status_date, closed_date, "
      "closure_reason, "
      "decline_reason";

CaseRecord readCase(const Statement& st)
{
    CaseRecord c;
    c.meta = RowReader::meta(st);
    int i = RowReader::MetaColumnCount;
    c.reference = st.text(i++);
    c.status = st.text(i++);
    c.referralDate = st.date(i++);
    c.referringAgencyId = st.text(i++);
    c.referrerName = st.text(i++);
    c.referrerContact = st.text(i++);
    c.reason = st.text(i++);
    c.consent = st.text(i++);
    c.consentDate = st.date(i++);
    c.consentRecordedBy = st.text(i++);
    c.lawfulBasis = st.text(i++);
    c.risk = st.text(i++);
    c.riskRationale = st.text(i++);
    c.leadWorker = st.text(i++);
    c.reviewDate = st.date(i++);
    c.statusDate = st.date(i++);
    c.closedDate = st.date(i++);
    c.closureReason = st.text(i++);
    c.declineReason = st.text(i++);
    return c;
}

// The WHERE clause shared by list() and count(); parameters ?1..?7 and ?11..?14 (?8..?10
// belong to list()'s page).
constexpr const char* filterWhere
    = " WHERE c.deleted = 0 AND (?1 = '' OR c.status = ?1) AND (?2 = '' OR c.lead_worker = ?2)"
      " AND (?3 = '' OR EXISTS (SELECT 1 FROM case_needs n WHERE n.case_id = c.id AND n.deleted = 0"
      " AND n.need_key = ?3)) AND (?4 = '' OR c.referring_agency_id = ?4 OR EXISTS (SELECT 1 FROM "
      "case_agencies"
      " ca WHERE ca.case_id = c.id AND ca.deleted = 0 AND ca.agency_id = ?4)) AND (?5 = '' OR c.risk = ?5)"
      " AND (?6 = 0 OR c.id IN (SELECT a.case_id FROM actions a WHERE a.status = 'open' AND a.due_date < ?7"
      " AND a.deleted = 0))"
      " AND (?11 IS NULL OR c.referral_date >= ?11) AND (?12 IS NULL OR c.referral_date <= ?12)"
      " AND (?13 = 0 OR coalesce((SELECT r.name FROM agencies r WHERE r.id = c.referring_agency_id), '')"
      " = ?14)";

QVariantList filterValues(const CaseFilter& f)
{
    const QDate today = f.today.isValid() ? f.today : QDate::currentDate();
    QVariantList values {f.status, f.leadWorker, f.needKey, f.agencyId, f.risk, f.overdueOnly ? 1 : 0, today,
        QString(), f.limit, f.offset, f.referredFrom, f.referredTo, f.referringAgencyName ? 1 : 0,
        f.referringAgencyName.value_or(QString())};
    for (const QString& term : SearchIndex::matchTerms(f.search))
        values << term;
    return values;
}

// The case list's columns, read by readSummary(); ?7 is today, for the overdue count.
constexpr const char* summarySelect
    = "SELECT c.id, c.reference, c.status, c.risk, c.lead_worker, c.referral_date, c.review_date,"
      " (SELECT trim(pe.given_name || ' ' || pe.family_name) FROM case_people cp JOIN people pe"
      "  ON pe.id = cp.person_id WHERE cp.case_id = c.id AND cp.role = 'subject' AND cp.deleted = 0 "
      "LIMIT 1),"
      " (SELECT count(*) FROM actions a WHERE a.case_id = c.id AND a.deleted = 0 AND a.status = 'open'),"
      " (SELECT count(*) FROM actions a WHERE a.case_id = c.id AND a.deleted = 0 AND a.status = 'open'"
      "  AND a.due_date < ?7), ag.name"
      " FROM cases c LEFT JOIN agencies ag ON ag.id = c.referring_agency_id";

CaseSummary readSummary(const Statement& st)
{
    CaseSummary s;
    s.id = st.text(0);
    s.reference = st.text(1);
    s.status = st.text(2);
    s.risk = st.text(3);
    s.leadWorker = st.text(4);
    s.referralDate = st.date(5);
    s.reviewDate = st.date(6);
    s.subjectName = st.text(7);
    s.openActions = static_cast<int>(st.integer(8));
    s.overdueActions = static_cast<int>(st.integer(9));
    s.referringAgency = st.text(10);
    return s;
}

// Search words are bound from ?15 on (after the filter's own parameters), one IN per word,
// so each word may be found on a different part of the case.
constexpr int firstTermParameter = 15;

QByteArray filterSql(const CaseFilter& f)
{
    QByteArray sql = filterWhere;
    const auto terms = SearchIndex::matchTerms(f.search);
    for (int i = 0; i < terms.size(); ++i)
        sql += " AND c.id IN (" + SearchIndex::matchingCaseIdsSql(firstTermParameter + i) + ")";
    return sql;
}

// list()'s statement: the page of summaries in the list's order.
QByteArray listSql(const CaseFilter& filter)
{
    return summarySelect + filterSql(filter)
        + " ORDER BY c.referral_date DESC, c.reference DESC LIMIT ?9 OFFSET ?10";
}
} // namespace

CaseRepository::CaseRepository(Store& store)
    : m_store(store)
{ }

QString CaseRepository::nextReference(int year)
{
    Statement st = m_store.db().prepare("SELECT reference FROM cases WHERE reference LIKE ?1");
    st.bind(1, QStringLiteral("PVT-%1-%").arg(year));
    QStringList existing;
    while (st.next())
        existing << st.text(0);
    return CaseReference::next(year, existing);
}

void CaseRepository::add(CaseRecord& record)
{
    m_store.write([&] {
        if (record.reference.isEmpty())
            record.reference = nextReference(
                record.referralDate.isValid() ? record.referralDate.year() : m_store.now().date().year());
        RecordWriter(m_store).insert("cases", QStringLiteral("case"), record.meta, fieldsOf(record),
            record.reference, QStringLiteral("status %1").arg(record.status));
    });
}

bool CaseRepository::update(CaseRecord& record)
{
    return m_store.write([&] {
        return RecordWriter(m_store).update(
            "cases", QStringLiteral("case"), record.meta, fieldsOf(record), record.reference);
    });
}

QList<CaseRecord> CaseRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + caseColumns + " FROM cases WHERE deleted = 0 " + where;
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<CaseRecord> result;
    while (st.next())
        result << readCase(st);
    return result;
}

std::optional<CaseRecord> CaseRepository::get(const QString& id)
{
    const auto found = query("AND id = ?1", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<CaseRecord> CaseRepository::byReference(const QString& reference)
{
    const auto found = query("AND reference = ?1", {reference.trimmed().toUpper()});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<CaseRecord> CaseRepository::view(const QString& reference, const QString& purpose)
{
    auto record = byReference(reference);
    if (record) {
        m_store.write([&] {
            AuditLog(m_store).append(
                QStringLiteral("view"), QStringLiteral("case"), record->meta.id, record->reference, purpose);
        });
    }
    return record;
}

bool CaseRepository::referenceExists(const QString& reference)
{
    Statement st = m_store.db().prepare("SELECT 1 FROM cases WHERE reference = ?1");
    st.bind(1, reference);
    return st.next();
}

QList<CaseSummary> CaseRepository::list(const CaseFilter& filter)
{
    Statement st = m_store.db().prepare(listSql(filter).constData());
    st.bindAll(filterValues(filter));
    QList<CaseSummary> result;
    while (st.next())
        result << readSummary(st);
    return result;
}

QString CaseRepository::listPlan(const CaseFilter& filter)
{
    Statement st = m_store.db().prepare(QByteArray("EXPLAIN QUERY PLAN " + listSql(filter)).constData());
    st.bindAll(filterValues(filter));
    QStringList steps;
    while (st.next())
        steps << st.text(3);
    return steps.join(QLatin1Char('\n'));
}

std::optional<CaseSummary> CaseRepository::summary(const CaseFilter& filter, const QString& caseId)
{
    QVariantList values = filterValues(filter);
    values[8] = 1; // ?9, the limit
    values[9] = 0; // ?10, the offset
    values << caseId;
    const QByteArray sql = summarySelect + filterSql(filter) + " AND c.id = ?"
        + QByteArray::number(values.size()) + " LIMIT ?9 OFFSET ?10";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    return st.next() ? std::optional(readSummary(st)) : std::nullopt;
}

qint64 CaseRepository::count(const CaseFilter& filter)
{
    const QByteArray sql = "SELECT count(*) FROM cases c" + filterSql(filter);
    Statement st = m_store.db().prepare(sql.constData());
    // ?8..?10 are unused here but lie below ?14, so binding them is harmless.
    st.bindAll(filterValues(filter));
    return st.next() ? st.integer(0) : 0;
}

QMap<QString, int> CaseRepository::countsByStatus()
{
    Statement st
        = m_store.db().prepare("SELECT status, count(*) FROM cases WHERE deleted = 0 GROUP BY status");
    QMap<QString, int> result;
    while (st.next())
        result.insert(st.text(0), static_cast<int>(st.integer(1)));
    return result;
}

void CaseRepository::linkPerson(CasePerson& link, const QString& caseReference)
{
    m_store.write([&] {
        RecordWriter(m_store).insert("case_people", QStringLiteral("case_person"), link.meta,
            {{QStringLiteral("case_id"), link.caseId}, {QStringLiteral("person_id"), link.personId},
                {QStringLiteral("role"), link.role}},
            caseReference, link.role);
    });
}

QList<CasePerson> CaseRepository::people(const QString& caseId)
{
    Statement st
        = m_store.db().prepare("SELECT id, rev, deleted, created_at, created_by, updated_at, updated_by, "
                               "case_id, person_id, role FROM case_people WHERE case_id = ?1 AND "
                               "deleted = 0 ORDER BY role = 'subject' DESC, created_at");
    st.bind(1, caseId);
    QList<CasePerson> result;
    while (st.next()) {
        CasePerson p;
        p.meta = RowReader::meta(st);
        p.caseId = st.text(7);
        p.personId = st.text(8);
        p.role = st.text(9);
        result << p;
    }
    return result;
}

void CaseRepository::addAgency(CaseAgency& involvement, const QString& caseReference)
{
    m_store.write([&] {
        RecordWriter(m_store).insert("case_agencies", QStringLiteral("case_agency"), involvement.meta,
            {{QStringLiteral("case_id"), involvement.caseId},
                {QStringLiteral("agency_id"), involvement.agencyId},
                {QStringLiteral("contact"), involvement.contact}},
            caseReference);
    });
}

QList<CaseAgency> CaseRepository::agencies(const QString& caseId)
{
    Statement st
        = m_store.db().prepare("SELECT id, rev, deleted, created_at, created_by, updated_at, updated_by, "
                               "case_id, agency_id, contact FROM case_agencies WHERE case_id = ?1 AND "
                               "deleted = 0 ORDER BY created_at");
    st.bind(1, caseId);
    QList<CaseAgency> result;
    while (st.next()) {
        CaseAgency a;
        a.meta = RowReader::meta(st);
        a.caseId = st.text(7);
        a.agencyId = st.text(8);
        a.contact = st.text(9);
        result << a;
    }
    return result;
}
