#pragma once

#include "CaseDetailModel.h"
#include "core/Agency.h"
#include "core/CaseAgency.h"

#include <QList>

// The agencies involved in one case, in the order they joined, each with its contact for
// this case. Follows the session like the other per-case tables.
class CaseAgenciesModel : public CaseDetailModel
{
    Q_OBJECT

public:
    enum Column { Name, Kind, Contact, ColumnCount };

    explicit CaseAgenciesModel(StoreSession* session, QObject* parent = nullptr);

    CaseAgency involvementAt(int row) const { return m_rows.value(row).involvement; }
    bool involves(const QString& agencyId) const;

protected:
    void load(Store& store, const QString& caseId) override;
    void clearRows() override { m_rows.clear(); }
    int rows() const override { return static_cast<int>(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QVariant cellData(int row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    struct Row
    {
        CaseAgency involvement;
        Agency agency;
    };
    QList<Row> m_rows;
};
