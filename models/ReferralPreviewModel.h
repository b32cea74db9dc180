#pragma once

#include "core/ReferralRow.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

// The valid rows of a referrals file, read once by ReferralCsv, shown before anything is
// written so a worker can check the file is the one they meant. Read-only; held only in
// memory (the rows are personal data from an unencrypted file).
class ReferralPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Line,
        Reference,
        Name,
        DateOfBirth,
        NhsNumber,
        Postcode,
        ReferralDate,
        ReferringAgency,
        Needs,
        Reason,
        Consent,
        Risk,
        Status,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw values: line number, QDate, keys
    };

    explicit ReferralPreviewModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // A new file is a whole new data set, so these reset the model.
    void setRows(QList<ReferralRow> rows);
    void clear();
    const QList<ReferralRow>& rows() const { return m_rows; }

    // After an import: the references the store gave, in file order, shown in place of
    // "next free" so the worker can see which line became which case.
    void setAssignedReferences(const QStringList& references);

private:
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    QVariant toolTipData(int row, int column) const;
    QString reference(int row) const;

    QList<ReferralRow> m_rows;
    QStringList m_assigned;
};
