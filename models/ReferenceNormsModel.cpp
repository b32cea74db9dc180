#include "ReferenceNormsModel.h"

#include "core/Ons4.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"

#include <QLocale>

#include <cmath>

namespace {
// New rows are the team's own; the national rows ship with the store (Migrations v3).
const QStringList& newRowScopes()
{
    static const QStringList scopes {QStringLiteral("regional"), QStringLiteral("local")};
    return scopes;
}

QString valueText(double value)
{
    return QLocale().toString(value, 'f', 2);
}
} // namespace

ReferenceNormsModel::ReferenceNormsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

int ReferenceNormsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReferenceNormsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReferenceNormsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Scope:
            return Vocabulary::normScopes().label(row.norm.scope);
        case Label:
            return row.norm.label;
        case Item:
            return Ons4::itemLabel(row.norm.item);
        case Value: {
            // Shown as it will be stored; text that is not a number stays as typed.
            const std::optional<double> value = parseValue(row.valueText);
            return value ? valueText(*value) : row.valueText;
        }
        default:
            return {};
        }
    case Qt::EditRole:
        switch (column) {
        case Scope:
            return row.norm.scope;
        case Label:
            return row.norm.label;
        case Item:
            return row.norm.item;
        case Value:
            return row.valueText;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == Label && !row.norm.label.isEmpty())
            return row.norm.label; // long source names are cut short in the column
        if ((column == Scope || column == Item) && !row.isNew)
            return tr("A saved norm keeps its scope and item; add a norm for another.");
        return {};
    case Qt::TextAlignmentRole:
        if (column == Value)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case ChoiceValuesRole:
    case ChoiceLabelsRole: {
        if (!row.isNew || (column != Scope && column != Item))
            return {};
        QVariantList values;
        QStringList labels;
        if (column == Scope) {
            for (const QString& scope : newRowScopes()) {
                values << scope;
                labels << Vocabulary::normScopes().label(scope);
            }
        } else {
            for (int item = 0; item < Ons4::itemCount; ++item) {
                values << item;
                labels << Ons4::itemLabel(item);
            }
        }
        return role == ChoiceValuesRole ? QVariant(values) : QVariant(labels);
    }
    default:
        return {};
    }
}

QVariant ReferenceNormsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Scope:
        return tr("Scope");
    case Label:
        return tr("Label");
    case Item:
        return tr("ONS4 item");
    case Value:
        return tr("Value (0-10)");
    default:
        return {};
    }
}

Qt::ItemFlags ReferenceNormsModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const bool editable = index.column() == Label || index.column() == Value || m_rows.at(index.row()).isNew;
    if (editable)
        result |= Qt::ItemIsEditable;
    return result;
}

bool ReferenceNormsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Row& row = m_rows[index.row()];
    switch (index.column()) {
    case Scope: {
        const QString scope = value.toString();
        if (!newRowScopes().contains(scope))
            return false;
        if (scope == row.norm.scope)
            return true;
        row.norm.scope = scope;
        break;
    }
    case Label:
        if (value.toString() == row.norm.label)
            return true;
        row.norm.label = value.toString();
        break;
    case Item: {
        bool ok = false;
        const int item = value.toInt(&ok);
        if (!ok || item < 0 || item >= Ons4::itemCount)
            return false;
        if (item == row.norm.item)
            return true;
        row.norm.item = item;
        break;
    }
    case Value:
        if (value.toString() == row.valueText)
            return true;
        row.valueText = value.toString();
        break;
    default:
        return false;
    }
    emit dataChanged(index, index);
    return true;
}

void ReferenceNormsModel::setNorms(const QList<ReferenceNorm>& norms)
{
    beginResetModel();
    m_rows.clear();
    for (const ReferenceNorm& norm : norms) {
        Row row;
        row.norm = norm;
        row.valueText = valueText(norm.value);
        row.storedLabel = norm.label;
        row.storedValue = norm.value;
        m_rows << row;
    }
    endResetModel();
}

int ReferenceNormsModel::addNorm()
{
    Row row;
    row.isNew = true;
    row.norm.scope = QStringLiteral("local");
    if (!m_rows.isEmpty() && m_rows.constLast().isNew) {
        const ReferenceNorm& previous = m_rows.constLast().norm;
        row.norm.scope = previous.scope;
        row.norm.label = previous.label;
        row.norm.item = (previous.item + 1) % Ons4::itemCount;
    }
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows << row;
    endInsertRows();
    return at;
}

bool ReferenceNormsModel::isNew(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).isNew;
}

bool ReferenceNormsModel::removeNewNorm(int row)
{
    if (!isNew(row))
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    return true;
}

QString ReferenceNormsModel::describe(const Row& row) const
{
    const QString scope = Vocabulary::normScopes().label(row.norm.scope);
    const QString item = Ons4::itemLabel(row.norm.item);
    const QString label = row.norm.label.trimmed();
    if (label.isEmpty())
        return tr("%1 norm for %2").arg(scope, item);
    return tr("%1 \"%2\", %3").arg(scope, label, item);
}

QList<ReferenceNormsModel::Problem> ReferenceNormsModel::problems() const
{
    QList<Problem> result;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows.at(i);
        const QString what = describe(row);
        const QString label = row.norm.label.trimmed();
        if (label.isEmpty()) {
            result << Problem {
                i, Label, tr("%1: the label is blank; name where the figures come from.").arg(what)};
        } else if (const QString tooLong = Validation::optionalText(label, tr("The label"), labelMaxLength);
                   !tooLong.isEmpty()) {
            result << Problem {i, Label, tr("%1: %2.").arg(what, tooLong)};
        }

        const QString typed = row.valueText.trimmed();
        const std::optional<double> value = parseValue(typed);
        if (typed.isEmpty())
            result << Problem {
                i, Value, tr("%1: the value is blank; enter a number from 0 to 10.").arg(what)};
        else if (!value)
            result << Problem {i, Value,
                tr("%1: the value \"%2\" is not a number; enter one from 0 to 10.").arg(what, typed)};
        else if (*value < 0 || *value > 10)
            result << Problem {i, Value, tr("%1: the value %2 is outside 0 to 10.").arg(what, typed)};

        // The same scope, label and item twice would leave reports to pick one at random.
        if (!label.isEmpty()) {
            for (int j = 0; j < i; ++j) {
                const Row& earlier = m_rows.at(j);
                if (earlier.norm.scope == row.norm.scope && earlier.norm.item == row.norm.item
                    && earlier.norm.label.trimmed() == label) {
                    result << Problem {
                        i, Label, tr("%1 is there twice; change the label or item of one.").arg(what)};
                    break;
                }
            }
        }
    }
    return result;
}

ReferenceNorm ReferenceNormsModel::edited(const Row& row) const
{
    ReferenceNorm norm = row.norm;
    norm.label = norm.label.trimmed();
    norm.value = parseValue(row.valueText).value_or(row.storedValue);
    return norm;
}

QList<ReferenceNorm> ReferenceNormsModel::changedNorms() const
{
    QList<ReferenceNorm> result;
    for (const Row& row : m_rows) {
        if (row.isNew)
            continue;
        const ReferenceNorm norm = edited(row);
        // Only a real change becomes a synced edit (RecordWriter would skip the rest anyway).
        if (norm.label != row.storedLabel || std::abs(norm.value - row.storedValue) >= 0.005)
            result << norm;
    }
    return result;
}

QList<ReferenceNorm> ReferenceNormsModel::newNorms() const
{
    QList<ReferenceNorm> result;
    for (const Row& row : m_rows) {
        if (row.isNew)
            result << edited(row);
    }
    return result;
}

std::optional<double> ReferenceNormsModel::parseValue(const QString& text)
{
    // Group separators refused: otherwise "7,45" could read as 745 in one locale or the other.
    const QString trimmed = text.trimmed();
    QLocale local;
    local.setNumberOptions(QLocale::RejectGroupSeparator);
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::RejectGroupSeparator);
    bool ok = false;
    double value = local.toDouble(trimmed, &ok);
    if (!ok)
        value = c.toDouble(trimmed, &ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return std::round(value * 100) / 100;
}
