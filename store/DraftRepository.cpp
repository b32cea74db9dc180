#include "DraftRepository.h"

#include "Store.h"

DraftRepository::DraftRepository(Store& store)
    : m_store(store)
{ }

void DraftRepository::save(const QString& key, const QString& caseId, const QString& content)
{
    m_store.write([&] {
        Statement st
            = m_store.db().prepare("INSERT OR REPLACE INTO drafts (key, case_id, content, updated_at, "
                                   "updated_by) VALUES (?1, ?2, ?3, ?4, ?5)");
        st.bindAll({key, caseId, content, m_store.now(), m_store.actor()}).run();
    });
}

std::optional<QString> DraftRepository::load(const QString& key)
{
    Statement st = m_store.db().prepare("SELECT content FROM drafts WHERE key = ?1");
    st.bind(1, key);
    return st.next() ? std::optional(st.text(0)) : std::nullopt;
}

void DraftRepository::discard(const QString& key)
{
    m_store.write([&] {
        Statement st = m_store.db().prepare("DELETE FROM drafts WHERE key = ?1");
        st.bind(1, key).run();
    });
}

int DraftRepository::count()
{
    return static_cast<int>(m_store.db().scalar("SELECT count(*) FROM drafts"));
}
