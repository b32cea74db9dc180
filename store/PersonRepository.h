#pragma once

#include "core/Person.h"

#include <QList>

#include <optional>

class Store;

class PersonRepository
{
public:
    explicit PersonRepository(Store& store);

    void add(Person& person, const QString& caseReference = QString());
    bool update(Person& person, const QString& caseReference = QString());
    std::optional<Person> get(const QString& id);

private:
    Store& m_store;
};
