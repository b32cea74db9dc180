#pragma once

#include "CaseDetailModel.h"
#include "core/CaseAction.h"

#include <QDate>
#include <QHash>
#include <QList>

// The agreed actions of one case, soonest due first. Overdue is spelled out as text in its
// own column (and OverdueRole) so it never rests on colour alone.
class ActionsModel : public CaseDetailModel
{
    Q_OBJECT

public:
    enum Column { What, Agency, Owner, Due, Status, Overdue, ColumnCount };
    enum ActionRole { OverdueRole = FirstModelRole };

    explicit ActionsModel(StoreSession* session, QObject* parent = nullptr);

    CaseAction actionAt(int row) const { return m_actions.value(row); }
    // The day "overdue" is judged against; today when not set (tests pin it).
    void setToday(const QDate& today);

protected:
    void load(Store& store, const QString& caseId) override;
    void clearRows() override;
    int rows() const override { return static_cast<int>(m_actions.size()); }
    int columns() const override { return ColumnCount; }
    QVariant cellData(int row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QDate today() const { return m_today.isValid() ? m_today : QDate::currentDate(); }

    QList<CaseAction> m_actions;
    QHash<QString, QString> m_agencyNames; // agency id -> name
    QDate m_today;
};
