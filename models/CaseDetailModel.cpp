#include "CaseDetailModel.h"

#include "ModelsLog.h"
#include "StoreSession.h"
#include "store/StoreError.h"

CaseDetailModel::CaseDetailModel(StoreSession* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    // The case id stays across a lock (it is not personal data) so the workspace shows the
    // same case again after unlocking; the rows themselves go with the key.
    connect(session, &StoreSession::locked, this, &CaseDetailModel::clear);
    connect(session, &StoreSession::unlocked, this, &CaseDetailModel::reload);
    connect(session, &StoreSession::caseChanged, this, [this](const QString& changedId) {
        if (!m_caseId.isEmpty() && changedId == m_caseId)
            reload();
    });
}

void CaseDetailModel::setCaseId(const QString& caseId)
{
    m_caseId = caseId;
    reload();
}

void CaseDetailModel::reload()
{
    beginResetModel();
    clearRows();
    Store* store = m_session ? m_session->store() : nullptr;
    QString failure;
    if (store && !m_caseId.isEmpty()) {
        try {
            load(*store, m_caseId);
        } catch (const StoreError& e) {
            qCWarning(lcModels) << metaObject()->className() << "failed:" << e.message();
            clearRows();
            failure = e.message();
        }
    }
    endResetModel();
    if (!failure.isEmpty())
        emit loadFailed(failure);
}

void CaseDetailModel::clear()
{
    beginResetModel();
    clearRows();
    endResetModel();
}

int CaseDetailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rows();
}

int CaseDetailModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : columns();
}

Qt::ItemFlags CaseDetailModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Read-only: edits go through the workspace's editors and the repositories.
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant CaseDetailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return cellData(index.row(), index.column(), role);
}

QVariant CaseDetailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columns())
        return {};
    return columnTitle(section);
}
