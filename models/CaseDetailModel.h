#pragma once

#include "StoreSession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>

class Store;

// What the per-case tables of the workspace share: which case they show, reloading when the
// session says that case changed, emptying on lock. These lists are short (tens of rows),
// so a reload is a model reset; the case list is the one that must avoid resets.
class CaseDetailModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        SortRole = Qt::UserRole + 1, // raw values: QDate, QDateTime, numbers, vocabulary order
        IdRole, // the row's record id (need, action, note, assessment) or audit sequence
        FirstModelRole, // subclasses number their own roles from here
    };

    explicit CaseDetailModel(StoreSession* session, QObject* parent = nullptr);

    void setCaseId(const QString& caseId);
    QString caseId() const { return m_caseId; }
    void reload();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);

protected:
    StoreSession* session() const { return m_session; }
    // Reads the rows of caseId() (called inside a model reset; may throw StoreError).
    virtual void load(Store& store, const QString& caseId) = 0;
    virtual void clearRows() = 0;
    virtual int rows() const = 0;
    virtual int columns() const = 0;
    virtual QVariant cellData(int row, int column, int role) const = 0;
    virtual QString columnTitle(int column) const = 0;

private:
    void clear();

    QPointer<StoreSession> m_session;
    QString m_caseId;
};
