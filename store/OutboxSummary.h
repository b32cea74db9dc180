#pragma once

#include <QStringList>

class Store;

// What the outbox holds, in words a worker recognises: how many changes wait for the server
// and which cases they touch. Shown before anything would leave them behind (logging in as
// someone else or to another server).
class OutboxSummary
{
public:
    explicit OutboxSummary(Store& store);

    int pendingCount();
    // The references of the cases the waiting changes belong to (a case itself, or its
    // people, needs, agencies, actions, notes and assessments), sorted, each once.
    QStringList caseReferences();

private:
    Store& m_store;
};
