#pragma once

class Store;

// Read side of the outbox: how many local changes wait for the server (shown in the status
// bar; the sync engine will drain it).
class OutboxRepository
{
public:
    explicit OutboxRepository(Store& store);

    int pendingCount();

private:
    Store& m_store;
};
