#pragma once

#include "core/CaseRecord.h"
#include "core/TransitionRequest.h"

#include <QCoreApplication>

class Store;

// Moves a case through its lifecycle in the store, the one implementation the CLI and the
// desktop share: core's CaseLifecycle rules, then the case update and, for a reopening, a
// significant note with the reason, in one transaction.
class CaseTransitions
{
    Q_DECLARE_TR_FUNCTIONS(CaseTransitions)

public:
    // Returns an empty string when done (record then holds the new state), otherwise why
    // not, in plain words; nothing is written then. A closing assessment taken since the
    // case reached its current status counts as offered (one from before a reopening
    // belongs to the earlier closure).
    static QString apply(Store& store, CaseRecord& record, TransitionRequest request, const QDate& today);
};
