#pragma once

#include "core/ReferenceNorm.h"

#include <QList>

class Store;

// The ONS4 reference norms reports compare against (national rows ship with the store;
// regional and local rows are the team's to add).
class NormRepository
{
public:
    explicit NormRepository(Store& store);

    QList<ReferenceNorm> list();
    void add(ReferenceNorm& norm);
    bool update(ReferenceNorm& norm);

private:
    Store& m_store;
};
