#include "AgencyRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariantMap fieldsOf(const Agency& a)
{
    return {{QStringLiteral("name"), a.name.trimmed()}, {QStringLiteral("kind"), a.kind},
        {QStringLiteral("active"), a.active}};
}
} // namespace

AgencyRepository::AgencyRepository(Store& store)
    : m_store(store)
{ }

void AgencyRepository::add(Agency& agency)
{
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "agencies", QStringLiteral("agency"), agency.meta, fieldsOf(agency), QString());
    });
}

void AgencyRepository::update(Agency& agency)
{
    m_store.write([&] {
        RecordWriter(m_store).update(
            "agencies", QStringLiteral("agency"), agency.meta, fieldsOf(agency), QString());
    });
}

QList<Agency> AgencyRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + RowReader::MetaColumns
        + ", name, kind, active FROM agencies WHERE deleted = 0 " + where + " ORDER BY name COLLATE NOCASE";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<Agency> result;
    while (st.next()) {
        Agency a;
        a.meta = RowReader::meta(st);
        a.name = st.text(7);
        a.kind = st.text(8);
        a.active = st.boolean(9);
        result << a;
    }
    return result;
}

std::optional<Agency> AgencyRepository::get(const QString& id)
{
    const auto found = query("AND id = ?1", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<Agency> AgencyRepository::findByName(const QString& name)
{
    const auto found = query("AND name = ?1 COLLATE NOCASE", {name.trimmed()});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

Agency AgencyRepository::findOrCreate(const QString& name)
{
    if (auto existing = findByName(name))
        return *existing;
    Agency agency;
    agency.name = name.trimmed();
    add(agency);
    return agency;
}

QList<Agency> AgencyRepository::list()
{
    return query("", {});
}
