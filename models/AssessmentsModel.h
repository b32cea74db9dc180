#pragma once

#include "CaseDetailModel.h"
#include "core/Assessment.h"

#include <QList>

// The outcome measures of one case by date: ONS4, PAM and health service use, each row a
// one-line summary of the values of its kind.
class AssessmentsModel : public CaseDetailModel
{
    Q_OBJECT

public:
    enum Column { Date, Kind, Stage, Values, PamLevel, ColumnCount };

    explicit AssessmentsModel(StoreSession* session, QObject* parent = nullptr);

    Assessment assessmentAt(int row) const { return m_assessments.value(row); }
    static QString valuesSummary(const Assessment& assessment);

protected:
    void load(Store& store, const QString& caseId) override;
    void clearRows() override { m_assessments.clear(); }
    int rows() const override { return static_cast<int>(m_assessments.size()); }
    int columns() const override { return ColumnCount; }
    QVariant cellData(int row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QList<Assessment> m_assessments;
};
