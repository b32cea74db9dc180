#include "SyncIssuesModel.h"

#include "ModelsLog.h"
#include "StoreSession.h"
#include "core/Vocabulary.h"
#include "store/StoreError.h"
#include "store/SyncIssues.h"

#include <QLocale>

namespace {
// "case_need" -> "case need": entity and field names as a worker can read them.
QString words(const QString& name)
{
    QString text = name;
    return text.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString valueText(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return SyncIssuesModel::tr("(empty)");
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? SyncIssuesModel::tr("yes") : SyncIssuesModel::tr("no");
    return value.toVariant().toString();
}

QString when(const QString& iso)
{
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : iso;
}
} // namespace

SyncIssuesModel::SyncIssuesModel(Kind kind, StoreSession* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
    , m_session(session)
{
    connect(session, &StoreSession::locked, this, [this] {
        beginResetModel();
        clear();
        endResetModel();
    });
    reload();
}

void SyncIssuesModel::clear()
{
    m_conflicts.clear();
    m_setAside.clear();
    m_removed.clear();
    m_reopen.clear();
}

void SyncIssuesModel::reload()
{
    beginResetModel();
    clear();
    if (Store* store = m_session->store()) {
        try {
            SyncIssues issues(*store);
            switch (m_kind) {
            case Kind::Conflicts:
                m_conflicts = issues.openConflicts();
                break;
            case Kind::SetAside:
                m_setAside = issues.quarantinedChanges();
                break;
            case Kind::Removed:
                m_removed = issues.unacknowledgedRemovals();
                break;
            case Kind::Reopen:
                m_reopen = issues.reopenFlags();
                break;
            }
        } catch (const StoreError& error) {
            qCWarning(lcModels) << "sync issues could not be read:" << error.message();
        }
    }
    endResetModel();
}

int SyncIssuesModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    switch (m_kind) {
    case Kind::Conflicts:
        return static_cast<int>(m_conflicts.size());
    case Kind::SetAside:
        return static_cast<int>(m_setAside.size());
    case Kind::Removed:
        return static_cast<int>(m_removed.size());
    case Kind::Reopen:
        return static_cast<int>(m_reopen.size());
    }
    return 0;
}

int SyncIssuesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(titles().size());
}

QStringList SyncIssuesModel::titles() const
{
    switch (m_kind) {
    case Kind::Conflicts:
        return {tr("Case"), tr("Record"), tr("Field"), tr("Yours"), tr("The server's")};
    case Kind::SetAside:
        return {tr("Case"), tr("What"), tr("The server's reason")};
    case Kind::Removed:
        return {tr("Case"), tr("Reason"), tr("Removed")};
    case Kind::Reopen:
        return {tr("Case"), tr("Status on the server"), tr("Flagged")};
    }
    return {};
}

QVariant SyncIssuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return titles().value(section);
}

QVariant SyncIssuesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole)
        return display(index.row(), index.column());
    return {};
}

QVariant SyncIssuesModel::display(int row, int column) const
{
    const QString noCase = tr("(no case)");
    switch (m_kind) {
    case Kind::Conflicts: {
        const SyncConflict& c = m_conflicts.at(row);
        const QStringList cells {c.caseReference.isEmpty() ? noCase : c.caseReference, words(c.entity),
            words(c.field), valueText(c.localValue), valueText(c.serverValue)};
        return cells.value(column);
    }
    case Kind::SetAside: {
        const QuarantinedChange& q = m_setAside.at(row);
        const QString what = tr("%1 (%2)").arg(words(q.entity), words(q.op));
        const QString reason = q.message.isEmpty() ? words(q.reason) : q.message;
        const QStringList cells {q.caseReference.isEmpty() ? noCase : q.caseReference, what, reason};
        return cells.value(column);
    }
    case Kind::Removed: {
        const CaseRemoval& r = m_removed.at(row);
        const QStringList cells {r.caseReference, r.reason, when(r.removedAt)};
        return cells.value(column);
    }
    case Kind::Reopen: {
        const ReopenFlag& f = m_reopen.at(row);
        const QStringList cells {
            f.caseReference, Vocabulary::caseStatuses().label(f.serverStatus), when(f.raisedAt)};
        return cells.value(column);
    }
    }
    return {};
}

QString SyncIssuesModel::caseIdAt(int row) const
{
    switch (m_kind) {
    case Kind::Conflicts:
        return m_conflicts.value(row).caseId;
    case Kind::Removed:
        return m_removed.value(row).caseId;
    case Kind::Reopen:
        return m_reopen.value(row).caseId;
    case Kind::SetAside:
        break;
    }
    return {};
}

QString SyncIssuesModel::caseReferenceAt(int row) const
{
    return data(index(row, 0)).toString();
}

template<typename Action> QString SyncIssuesModel::decide(Action action)
{
    Store* store = m_session->store();
    if (!store)
        return tr("The store is locked.");
    QString problem;
    try {
        SyncIssues issues(*store);
        action(issues);
    } catch (const StoreError& error) {
        problem = error.message();
    }
    reload();
    return problem;
}

QString SyncIssuesModel::resolveConflict(int row, bool useMine)
{
    if (m_kind != Kind::Conflicts || row < 0 || row >= m_conflicts.size())
        return tr("Choose a conflict first.");
    const SyncConflict conflict = m_conflicts.at(row);
    const QString problem = decide([&](SyncIssues& issues) {
        issues.resolve(
            conflict.id, useMine ? SyncIssues::Resolution::UseMine : SyncIssues::Resolution::KeepServer);
    });
    if (problem.isEmpty() && !conflict.caseId.isEmpty())
        m_session->notifyCaseChanged(conflict.caseId);
    return problem;
}

QString SyncIssuesModel::release(int row)
{
    if (m_kind != Kind::SetAside || row < 0 || row >= m_setAside.size())
        return tr("Choose a change first.");
    const qint64 seq = m_setAside.at(row).seq;
    return decide([seq](SyncIssues& issues) { issues.release(seq); });
}

QString SyncIssuesModel::acknowledge(int row)
{
    if (m_kind != Kind::Removed || row < 0 || row >= m_removed.size())
        return tr("Choose a case first.");
    const qint64 id = m_removed.at(row).id;
    return decide([id](SyncIssues& issues) { issues.acknowledgeRemoval(id); });
}

QString SyncIssuesModel::clearReopen(int row)
{
    if (m_kind != Kind::Reopen || row < 0 || row >= m_reopen.size())
        return tr("Choose a case first.");
    const QString caseId = m_reopen.at(row).caseId;
    const QString problem = decide([&caseId](SyncIssues& issues) { issues.clearReopenFlag(caseId); });
    if (problem.isEmpty())
        m_session->notifyCaseChanged(caseId);
    return problem;
}
