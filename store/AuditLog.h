#pragma once

#include "core/AuditEntry.h"

#include <QList>

class Store;

// The append-only record of who viewed, changed, printed or exported what. Entries carry
// references and ids, never personal data, so the log itself can be shown to auditors.
class AuditLog
{
public:
    explicit AuditLog(Store& store);

    void append(const QString& action, const QString& entity, const QString& entityId,
        const QString& caseReference, const QString& detail);
    // Newest first; all entries when caseReference is empty.
    QList<AuditEntry> entries(const QString& caseReference = QString(), int limit = 1000);
    qint64 count();

private:
    Store& m_store;
};
