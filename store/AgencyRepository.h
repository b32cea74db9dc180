#pragma once

#include "core/Agency.h"

#include <QList>

#include <optional>

class Store;

class AgencyRepository
{
public:
    explicit AgencyRepository(Store& store);

    void add(Agency& agency);
    void update(Agency& agency);
    std::optional<Agency> get(const QString& id);
    std::optional<Agency> findByName(const QString& name); // case-insensitive
    // The agency of that name, created (kind "other") when the team has not met it before.
    Agency findOrCreate(const QString& name);
    QList<Agency> list();

private:
    QList<Agency> query(const char* where, const QVariantList& values);
    Store& m_store;
};
