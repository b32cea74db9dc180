#pragma once

#include "core/ReferenceNorm.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

// The ONS4 reference norms as the Settings dialog edits them: the stored rows with the
// worker's changes and any new regional or local rows, held in memory until the dialog's
// OK so that Cancel leaves the store as it was. The model only reads and checks; the
// dialog writes changedNorms() and newNorms() through NormRepository.
class ReferenceNormsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Scope, Label, Item, Value, ColumnCount };
    enum Role {
        // For a cell edited by picking from a list (a new row's scope and item): the values
        // setData() takes (QVariantList) and the words shown for them (QStringList).
        ChoiceValuesRole = Qt::UserRole + 1,
        ChoiceLabelsRole,
    };

    // One thing that stops the norms being saved, at the cell to fix.
    struct Problem
    {
        int row = -1;
        int column = -1;
        QString text;
    };

    static constexpr int labelMaxLength = 200;

    explicit ReferenceNormsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Label and value on every row; scope (regional or local) and item on new rows only.
    // The value is taken as typed text and checked by problems(), so a wrong number stays
    // on screen beside its explanation instead of being silently refused.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The stored norms, as NormRepository::list() returns them; drops every unsaved change.
    void setNorms(const QList<ReferenceNorm>& norms);
    // Appends a new row and returns it. After a new row it continues that set (same scope
    // and label, the next ONS4 item), since a published norm comes as all four items.
    int addNorm();
    bool isNew(int row) const;
    // Only rows not yet saved can go: stored norms are synced records.
    bool removeNewNorm(int row);

    // Everything that stops saving, in row order; empty when every row may be written.
    QList<Problem> problems() const;
    QList<ReferenceNorm> changedNorms() const; // stored rows whose label or value was edited
    QList<ReferenceNorm> newNorms() const;

    // "7.45", "7,45" (the worker's locale) or " 7.4 " -> the value to two decimals.
    static std::optional<double> parseValue(const QString& text);

private:
    struct Row
    {
        ReferenceNorm norm; // as stored for a saved row; scope, label and item as edited
        QString valueText; // as typed (or the stored value to two decimals)
        bool isNew = false;
        QString storedLabel;
        double storedValue = 0;
    };

    QString describe(const Row& row) const;
    ReferenceNorm edited(const Row& row) const;

    QList<Row> m_rows;
};
