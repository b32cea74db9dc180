#pragma once

#include <QStyledItemDelegate>

// Edits a cell by picking from a list when the model offers one for it (a combo box of the
// labels in labelsRole, writing the matching value from valuesRole); any other cell gets the
// usual editor. A list keeps stored keys valid without the worker typing them.
class ChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ChoiceDelegate(int valuesRole, int labelsRole, QObject* parent = nullptr);

    QWidget* createEditor(
        QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    int m_valuesRole;
    int m_labelsRole;
};
