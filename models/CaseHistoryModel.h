#pragma once

#include "CaseDetailModel.h"
#include "core/AuditEntry.h"

#include <QList>

// The audit entries of one case, newest first: who viewed or changed what, and when (shown
// in local time). Entries hold references and field names, never personal data.
class CaseHistoryModel : public CaseDetailModel
{
    Q_OBJECT

public:
    enum Column { When, Who, What, Record, Detail, ColumnCount };

    explicit CaseHistoryModel(StoreSession* session, QObject* parent = nullptr);

    AuditEntry entryAt(int row) const { return m_entries.value(row); }
    static QString recordLabel(const QString& entity);

protected:
    void load(Store& store, const QString& caseId) override;
    void clearRows() override { m_entries.clear(); }
    int rows() const override { return static_cast<int>(m_entries.size()); }
    int columns() const override { return ColumnCount; }
    QVariant cellData(int row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QList<AuditEntry> m_entries;
};
