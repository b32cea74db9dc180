#include "OutboxRepository.h"

#include "Store.h"

OutboxRepository::OutboxRepository(Store& store)
    : m_store(store)
{ }

int OutboxRepository::pendingCount()
{
    return static_cast<int>(m_store.db().scalar("SELECT count(*) FROM outbox"));
}
