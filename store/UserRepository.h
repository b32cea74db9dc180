#pragma once

#include "core/UserAccount.h"

#include <QList>

#include <optional>

class Store;

// Team members known to this store (the sync server is the authority; this is its copy).
class UserRepository
{
public:
    explicit UserRepository(Store& store);

    void add(UserAccount& user);
    bool update(UserAccount& user);
    std::optional<UserAccount> get(const QString& id);
    std::optional<UserAccount> findByUsername(const QString& username);
    QList<UserAccount> list();

private:
    QList<UserAccount> query(const char* where, const QVariantList& values);
    Store& m_store;
};
