#pragma once

#include <QString>

class Store;

// The local sync_state table (schema 7): named values for the laptop's own sync bookkeeping.
class SyncStateTable
{
public:
    explicit SyncStateTable(Store& store);

    QString value(const QString& key, const QString& fallback = QString());
    void setValue(const QString& key, const QString& value);
    void remove(const QString& key);

private:
    Store& m_store;
};
