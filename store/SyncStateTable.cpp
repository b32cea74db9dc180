#include "SyncStateTable.h"

#include "Store.h"

SyncStateTable::SyncStateTable(Store& store)
    : m_store(store)
{ }

QString SyncStateTable::value(const QString& key, const QString& fallback)
{
    Statement st = m_store.db().prepare("SELECT value FROM sync_state WHERE key = ?1");
    st.bind(1, key);
    return st.next() ? st.text(0) : fallback;
}

void SyncStateTable::setValue(const QString& key, const QString& value)
{
    m_store.db()
        .prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)")
        .bindAll({key, value})
        .run();
}

void SyncStateTable::remove(const QString& key)
{
    m_store.db().prepare("DELETE FROM sync_state WHERE key = ?1").bind(1, key).run();
}
