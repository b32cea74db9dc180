#pragma once

#include "CaseDetailModel.h"
#include "core/CaseNeed.h"

#include <QList>

// The needs of one case, in the order they were recorded.
class NeedsModel : public CaseDetailModel
{
    Q_OBJECT

public:
    enum Column { Need, Severity, Status, ClutterRating, Notes, ColumnCount };

    explicit NeedsModel(StoreSession* session, QObject* parent = nullptr);

    CaseNeed needAt(int row) const { return m_needs.value(row); }

protected:
    void load(Store& store, const QString& caseId) override;
    void clearRows() override { m_needs.clear(); }
    int rows() const override { return static_cast<int>(m_needs.size()); }
    int columns() const override { return ColumnCount; }
    QVariant cellData(int row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QList<CaseNeed> m_needs;
};
