#include "PersonRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariantMap fieldsOf(const Person& p)
{
    return {{QStringLiteral("given_name"), p.givenName}, {QStringLiteral("family_name"), p.familyName},
        {QStringLiteral("preferred_name"), p.preferredName}, {QStringLiteral("date_of_birth"), p.dateOfBirth},
        {QStringLiteral("nhs_number"), p.nhsNumber}, {QStringLiteral("address"), p.address},
        {QStringLiteral("postcode"), p.postcode}, {QStringLiteral("ward"), p.ward},
        {QStringLiteral("phone"), p.phone}, {QStringLiteral("email"), p.email},
        {QStringLiteral("preferred_language"), p.preferredLanguage},
        {QStringLiteral("gp_practice"), p.gpPractice}, {QStringLiteral("access_needs"), p.accessNeeds}};
}
} // namespace

PersonRepository::PersonRepository(Store& store)
    : m_store(store)
{ }

void PersonRepository::add(Person& person, const QString& caseReference)
{
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "people", QStringLiteral("person"), person.meta, fieldsOf(person), caseReference);
    });
}

bool PersonRepository::update(Person& person, const QString& caseReference)
{
    return m_store.write([&] {
        return RecordWriter(m_store).update(
            "people", QStringLiteral("person"), person.meta, fieldsOf(person), caseReference);
    });
}

std::optional<Person> PersonRepository::get(const QString& id)
{
    Statement st = m_store.db().prepare(
        "SELECT id, rev, deleted, created_at, created_by, updated_at, updated_by, given_name, family_name, "
        "preferred_name, date_of_birth, nhs_number, address, postcode, ward, phone, email, "
        "preferred_language, "
        "gp_practice, access_needs FROM people WHERE id = ?1 AND deleted = 0");
    st.bind(1, id);
    if (!st.next())
        return std::nullopt;
    Person p;
    p.meta = RowReader::meta(st);
    p.givenName = st.text(7);
    p.familyName = st.text(8);
    p.preferredName = st.text(9);
    p.dateOfBirth = st.date(10);
    p.nhsNumber = st.text(11);
    p.address = st.text(12);
    p.postcode = st.text(13);
    p.ward = st.text(14);
    p.phone = st.text(15);
    p.email = st.text(16);
    p.preferredLanguage = st.text(17);
    p.gpPractice = st.text(18);
    p.accessNeeds = st.text(19);
    return p;
}
