#include "ChoiceDelegate.h"

#include <QComboBox>

#include <algorithm>

ChoiceDelegate::ChoiceDelegate(int valuesRole, int labelsRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_valuesRole(valuesRole)
    , m_labelsRole(labelsRole)
{ }

QWidget* ChoiceDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariantList values = index.data(m_valuesRole).toList();
    const QStringList labels = index.data(m_labelsRole).toStringList();
    if (values.isEmpty() || values.size() != labels.size())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    combo->setFrame(false);
    for (qsizetype i = 0; i < values.size(); ++i)
        combo->addItem(labels.at(i), values.at(i));
    combo->setAccessibleName(index.model()->headerData(index.column(), Qt::Horizontal).toString());
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    const int at = combo->findData(index.data(Qt::EditRole));
    combo->setCurrentIndex(std::max(at, 0));
}

void ChoiceDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    model->setData(index, combo->currentData(), Qt::EditRole);
}
