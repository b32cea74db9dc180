#pragma once

#include "store/CaseRemoval.h"
#include "store/QuarantinedChange.h"
#include "store/ReopenFlag.h"
#include "store/SyncConflict.h"

#include <QAbstractTableModel>
#include <QList>

class StoreSession;

// One kind of what a sync left for a worker (store/SyncIssues), as a table, with the
// worker's decisions on a row. Read from the session's store on reload() (these lists are
// short: a handful of rows, not the case list's thousands); cleared on lock. Each decision
// returns an empty string or why it failed, and reloads.
class SyncIssuesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind {
        Conflicts, // case, record, field, yours, the server's
        SetAside, // case, what, the server's reason
        Removed, // case, reason, when
        Reopen, // case, status on the server, when
    };
    Q_ENUM(Kind)

    enum Role { SortRole = Qt::UserRole + 1 };

    SyncIssuesModel(Kind kind, StoreSession* session, QObject* parent = nullptr);

    Kind kind() const { return m_kind; }
    void reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The case a row belongs to (empty when none), to open it.
    QString caseIdAt(int row) const;
    QString caseReferenceAt(int row) const;

    // Conflicts: keep the server's value (useMine false) or write mine back.
    QString resolveConflict(int row, bool useMine);
    // Set aside: send it again with the next sync.
    QString release(int row);
    // Removed: the worker has seen it.
    QString acknowledge(int row);
    // Reopen: decided (reopened or left closed).
    QString clearReopen(int row);

private:
    QStringList titles() const;
    QVariant display(int row, int column) const;
    template<typename Action> QString decide(Action action);
    void clear();

    Kind m_kind;
    StoreSession* m_session;
    QList<SyncConflict> m_conflicts;
    QList<QuarantinedChange> m_setAside;
    QList<CaseRemoval> m_removed;
    QList<ReopenFlag> m_reopen;
};
