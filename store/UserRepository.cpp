#include "UserRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariantMap fieldsOf(const UserAccount& u)
{
    return {{QStringLiteral("username"), u.username}, {QStringLiteral("display_name"), u.displayName},
        {QStringLiteral("agency_id"), u.agencyId.isEmpty() ? QVariant() : u.agencyId},
        {QStringLiteral("role"), u.role}, {QStringLiteral("team"), u.team}};
}
} // namespace

UserRepository::UserRepository(Store& store)
    : m_store(store)
{ }

void UserRepository::add(UserAccount& user)
{
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "users", QStringLiteral("user"), user.meta, fieldsOf(user), QString(), user.role);
    });
}

bool UserRepository::update(UserAccount& user)
{
    return m_store.write([&] {
        return RecordWriter(m_store).update(
            "users", QStringLiteral("user"), user.meta, fieldsOf(user), QString());
    });
}

QList<UserAccount> UserRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + RowReader::MetaColumns
        + ", username, display_name, agency_id, role, team FROM users WHERE deleted = 0 " + where
        + " ORDER BY display_name COLLATE NOCASE";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<UserAccount> result;
    while (st.next()) {
        UserAccount u;
        u.meta = RowReader::meta(st);
        u.username = st.text(7);
        u.displayName = st.text(8);
        u.agencyId = st.text(9);
        u.role = st.text(10);
        u.team = st.text(11);
        result << u;
    }
    return result;
}

std::optional<UserAccount> UserRepository::get(const QString& id)
{
    const auto found = query("AND id = ?1", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<UserAccount> UserRepository::findByUsername(const QString& username)
{
    const auto found = query("AND username = ?1", {username});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<UserAccount> UserRepository::list()
{
    return query("", {});
}
