#pragma once

#include <QStringList>

class Store;

// The values the case list can be narrowed by that live in the data rather than in a fixed
// vocabulary (today the lead workers), for the desktop's filter choices.
class CaseFacets
{
public:
    explicit CaseFacets(Store& store);

    // Every lead worker named on a live case, in alphabetical order, without blanks.
    QStringList leadWorkers();

private:
    Store& m_store;
};
