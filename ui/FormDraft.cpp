#include "FormDraft.h"

#include "models/StoreSession.h"
#include "store/DraftRepository.h"
#include "store/StoreError.h"

#include <QAbstractItemView>
#include <QBoxLayout>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHash>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTextEdit>
#include <QTimeEdit>

namespace {
// Bumped if the content's shape ever changes, so an old draft is recognised, not misread.
constexpr int draftFormat = 1;

// Editors have parts that are editors themselves (a combo box's or a date field's line
// edit, a calendar popup's year box, an item view's cell editor). Only the outer control
// holds the worker's value, and the parts come and go, which would shift every position.
bool isPartOfAnotherControl(const QWidget* widget, const QDialog* dialog)
{
    for (const QWidget* up = widget->parentWidget(); up && up != dialog; up = up->parentWidget()) {
        if (up->isWindow() || qobject_cast<const QComboBox*>(up) || qobject_cast<const QAbstractSpinBox*>(up)
            || qobject_cast<const QAbstractItemView*>(up) || qobject_cast<const QCalendarWidget*>(up)
            || qobject_cast<const QPlainTextEdit*>(up) || qobject_cast<const QTextEdit*>(up))
            return true;
    }
    return false;
}

// A list item is known by its key (UserRole) where it has one, as vocabularies are;
// otherwise by its text.
QString listItemKey(const QListWidgetItem* item)
{
    const QVariant key = item->data(Qt::UserRole);
    return key.isValid() ? key.toString() : item->text();
}

// The worker's value in one editor as JSON; undefined when the widget is not an editor.
QJsonValue readValue(const QWidget* widget)
{
    if (const auto* line = qobject_cast<const QLineEdit*>(widget))
        return line->text();
    if (const auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
        return plain->toPlainText();
    if (const auto* rich = qobject_cast<const QTextEdit*>(widget))
        return rich->acceptRichText() ? rich->toHtml() : rich->toPlainText();
    if (const auto* combo = qobject_cast<const QComboBox*>(widget)) {
        QJsonObject value {{QStringLiteral("text"), combo->currentText()}};
        if (combo->currentData().isValid())
            value.insert(QStringLiteral("data"), QJsonValue::fromVariant(combo->currentData()));
        return value;
    }
    if (const auto* date = qobject_cast<const QDateEdit*>(widget))
        return date->date().toString(Qt::ISODate);
    if (const auto* time = qobject_cast<const QTimeEdit*>(widget))
        return time->time().toString(Qt::ISODateWithMs);
    if (const auto* dateTime = qobject_cast<const QDateTimeEdit*>(widget))
        return dateTime->dateTime().toString(Qt::ISODateWithMs);
    if (const auto* spin = qobject_cast<const QSpinBox*>(widget))
        return spin->value();
    if (const auto* spin = qobject_cast<const QDoubleSpinBox*>(widget))
        return spin->value();
    if (const auto* check = qobject_cast<const QCheckBox*>(widget))
        return static_cast<int>(check->checkState());
    if (const auto* radio = qobject_cast<const QRadioButton*>(widget))
        return radio->isChecked();
    if (const auto* list = qobject_cast<const QListWidget*>(widget)) {
        QJsonObject states;
        for (int i = 0; i < list->count(); ++i) {
            const QListWidgetItem* item = list->item(i);
            if (item->data(Qt::CheckStateRole).isValid())
                states.insert(listItemKey(item), static_cast<int>(item->checkState()));
        }
        return states;
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool isCheckState(const QJsonValue& value)
{
    const int state = value.toInt(-1);
    return value.isDouble() && state >= Qt::Unchecked && state <= Qt::Checked;
}

void writeCombo(QComboBox* combo, const QJsonObject& value)
{
    const QString text = value.value(QStringLiteral("text")).toString();
    // By key where the item had one: labels are translated and may repeat. An item no longer
    // offered (an agency made inactive, say) is not swapped for a look-alike.
    const int index = value.contains(QStringLiteral("data"))
        ? combo->findData(value.value(QStringLiteral("data")).toVariant())
        : combo->findText(text);
    if (index >= 0)
        combo->setCurrentIndex(index);
    // In an editable combo box the text is what the worker typed, list item or not.
    if (combo->isEditable() && combo->currentText() != text)
        combo->setEditText(text);
}

// Puts a saved value back. Returns false, leaving the editor as it is, when the value does
// not fit it any more (a date or number now out of range, an item no longer in the list).
bool writeValue(QWidget* widget, const QJsonValue& value)
{
    if (auto* line = qobject_cast<QLineEdit*>(widget)) {
        if (!value.isString())
            return false;
        line->setText(value.toString());
        return true;
    }
    if (auto* plain = qobject_cast<QPlainTextEdit*>(widget)) {
        if (!value.isString())
            return false;
        plain->setPlainText(value.toString());
        return true;
    }
    if (auto* rich = qobject_cast<QTextEdit*>(widget)) {
        if (!value.isString())
            return false;
        if (rich->acceptRichText())
            rich->setHtml(value.toString());
        else
            rich->setPlainText(value.toString());
        return true;
    }
    if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        if (!value.isObject())
            return false;
        writeCombo(combo, value.toObject());
        return true;
    }
    if (auto* date = qobject_cast<QDateEdit*>(widget)) {
        const QDate d = QDate::fromString(value.toString(), Qt::ISODate);
        if (!d.isValid() || d < date->minimumDate() || d > date->maximumDate())
            return false;
        date->setDate(d);
        return true;
    }
    if (auto* time = qobject_cast<QTimeEdit*>(widget)) {
        const QTime t = QTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!t.isValid() || t < time->minimumTime() || t > time->maximumTime())
            return false;
        time->setTime(t);
        return true;
    }
    if (auto* dateTime = qobject_cast<QDateTimeEdit*>(widget)) {
        const QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!dt.isValid() || dt < dateTime->minimumDateTime() || dt > dateTime->maximumDateTime())
            return false;
        dateTime->setDateTime(dt);
        return true;
    }
    if (auto* spin = qobject_cast<QSpinBox*>(widget)) {
        const int number = value.toInt(spin->minimum() - 1);
        if (!value.isDouble() || number < spin->minimum() || number > spin->maximum())
            return false;
        spin->setValue(number);
        return true;
    }
    if (auto* spin = qobject_cast<QDoubleSpinBox*>(widget)) {
        const double number = value.toDouble();
        if (!value.isDouble() || number < spin->minimum() || number > spin->maximum())
            return false;
        spin->setValue(number);
        return true;
    }
    if (auto* check = qobject_cast<QCheckBox*>(widget)) {
        if (!isCheckState(value))
            return false;
        check->setCheckState(static_cast<Qt::CheckState>(value.toInt()));
        return true;
    }
    if (auto* radio = qobject_cast<QRadioButton*>(widget)) {
        if (!value.isBool())
            return false;
        radio->setChecked(value.toBool());
        return true;
    }
    if (auto* list = qobject_cast<QListWidget*>(widget)) {
        const QJsonObject states = value.toObject();
        for (int i = 0; i < list->count(); ++i) {
            QListWidgetItem* item = list->item(i);
            const QJsonValue state = states.value(listItemKey(item));
            if (item->data(Qt::CheckStateRole).isValid() && isCheckState(state))
                item->setCheckState(static_cast<Qt::CheckState>(state.toInt()));
        }
        return value.isObject();
    }
    return false;
}
} // namespace

FormDraft::FormDraft(StoreSession& session, QDialog* dialog, const QString& draftKey, const QString& caseId)
    : QObject(dialog)
    , m_session(session)
    , m_dialog(dialog)
    , m_key(draftKey)
    , m_caseId(caseId)
{
    m_opened = values();
    restore();
    // Parked while the store is still open: by `locked` the key is gone.
    connect(&m_session, &StoreSession::aboutToLock, this, &FormDraft::park);
    connect(&m_session, &StoreSession::unlocked, this, [this] { m_locking = false; });
    connect(dialog, &QDialog::accepted, this, &FormDraft::discard);
    connect(dialog, &QDialog::rejected, this, &FormDraft::discard);
}

QList<FormDraft::Editor> FormDraft::editors() const
{
    QList<Editor> found;
    if (!m_dialog)
        return found;
    // findChildren walks the widget tree in creation order, which a dialog repeats exactly
    // each time it is built; a name, where given, holds even if that order changes.
    QHash<QString, int> seen;
    for (QWidget* widget : m_dialog->findChildren<QWidget*>()) {
        if (readValue(widget).isUndefined() || isPartOfAnotherControl(widget, m_dialog))
            continue;
        const QString base = widget->objectName().isEmpty()
            ? QString::fromLatin1(widget->metaObject()->className())
            : widget->objectName();
        found << Editor {base + QLatin1Char(':') + QString::number(seen[base]++), widget};
    }
    return found;
}

QJsonObject FormDraft::values() const
{
    QJsonObject all;
    for (const Editor& editor : editors())
        all.insert(editor.id, readValue(editor.widget));
    return all;
}

QJsonObject FormDraft::changedValues() const
{
    // Only what the worker changed is kept: less of their typing sits in the store, and a
    // field changed elsewhere meanwhile is not put back to what it was when they opened it.
    QJsonObject changed;
    const QJsonObject now = values();
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        if (m_opened.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    return changed;
}

void FormDraft::restore()
{
    Store* store = m_session.store();
    if (!store)
        return;
    std::optional<QString> content;
    try {
        content = DraftRepository(*store).load(m_key);
    } catch (const StoreError&) {
        return; // the dialog still opens, as it would without a draft
    }
    if (!content)
        return;
    m_stored = true;
    const QJsonObject draft = QJsonDocument::fromJson(content->toUtf8()).object();
    if (draft.value(QStringLiteral("format")).toInt() != draftFormat)
        return;
    const QJsonObject fields = draft.value(QStringLiteral("fields")).toObject();
    // In the dialog's own order, so a field that follows another (a date enabled by a
    // check box, a rating cleared by the kind of need) gets its value after it.
    int putBack = 0;
    for (const Editor& editor : editors()) {
        if (fields.contains(editor.id) && writeValue(editor.widget, fields.value(editor.id)))
            ++putBack;
    }
    if (putBack > 0) {
        m_restored = true;
        showRestoredNote();
    }
}

void FormDraft::showRestoredNote()
{
    m_note = new QLabel(
        tr("Restored what you had typed before the store locked. Save it, or Cancel to discard it."),
        m_dialog);
    m_note->setObjectName(QStringLiteral("restoredDraftNote"));
    m_note->setAccessibleName(tr("Restored typing"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    // A framed line at the top, so it is read before the fields it explains.
    m_note->setFrameShape(QFrame::StyledPanel);
    m_note->setMargin(6);
    QLayout* layout = m_dialog->layout();
    if (auto* form = qobject_cast<QFormLayout*>(layout))
        form->insertRow(0, m_note);
    else if (auto* box = qobject_cast<QBoxLayout*>(layout))
        box->insertWidget(0, m_note);
    else if (layout)
        layout->addWidget(m_note);
}

void FormDraft::park()
{
    m_locking = true;
    Store* store = m_session.store();
    if (!store || !m_dialog)
        return;
    const QJsonObject changed = changedValues();
    try {
        DraftRepository drafts(*store);
        if (changed.isEmpty()) {
            if (m_stored)
                drafts.discard(m_key); // put back as it was opened: nothing left to keep
            m_stored = false;
            return;
        }
        const QJsonObject draft {
            {QStringLiteral("format"), draftFormat}, {QStringLiteral("fields"), changed}};
        drafts.save(m_key, m_caseId, QString::fromUtf8(QJsonDocument(draft).toJson(QJsonDocument::Compact)));
        m_stored = true;
    } catch (const StoreError&) {
        // Locking must go ahead regardless: keeping the store open to save a draft would
        // leave the key in memory, and nothing may be written outside the store instead.
    }
}

void FormDraft::discard()
{
    // Closed by the lock: the draft was just parked for next time. Otherwise the worker
    // saved (the record now holds it) or cancelled (they chose to throw it away).
    if (m_locking || !m_stored)
        return;
    Store* store = m_session.store();
    if (!store)
        return;
    try {
        DraftRepository(*store).discard(m_key);
        m_stored = false;
    } catch (const StoreError&) {
        // Left in the store; it comes back with its note next time and can be cancelled then.
    }
}
