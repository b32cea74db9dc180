#pragma once

#include "core/ReferralRow.h"

#include <QCoreApplication>
#include <QList>

class Store;

// Writes validated referral rows (core ReferralCsv) into the store all-or-nothing: one
// transaction, so a problem with any row leaves the store exactly as it was.
class ReferralImporter
{
    Q_DECLARE_TR_FUNCTIONS(ReferralImporter)

public:
    explicit ReferralImporter(Store& store);

    // Returns the references given to the imported cases, in file order. Throws StoreError
    // (code Invalid, message naming the line) when a reference is already in the store.
    QStringList import(QList<ReferralRow> rows, const QString& sourceName);
    // One new referral (from the CLI's "case add" or the desktop's new case dialog): the
    // referring agency (created when new), the case (given the next reference when it has
    // none), its subject and needs, in one transaction. Throws StoreError.
    void addReferral(ReferralRow& row);

private:
    void assignReferences(QList<ReferralRow>& rows);
    Store& m_store;
};
