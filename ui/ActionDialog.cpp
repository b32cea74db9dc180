#include "ActionDialog.h"

#include "FieldProblem.h"
#include "FormDraft.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "models/DisplayFormat.h"
#include "models/StoreSession.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/CaseRepository.h"
#include "store/StoreError.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QUndoStack>

#include <memory>

namespace {
// The same cap as `casebook-cli action add --what`.
constexpr int maxDescriptionLength = 2000;
constexpr int maxOwnerLength = 200;
constexpr int maxOutcomeLength = 5000;
constexpr int defaultDueInDays = 14;
constexpr qsizetype undoTextLength = 40;
constexpr QLatin1String doneKey("done");

QDateEdit* dateEdit(const QString& accessibleName, QWidget* parent)
{
    auto* edit = new QDateEdit(QDate::currentDate(), parent);
    edit->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // a date needs no full row
    edit->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    edit->setCalendarPopup(true);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QPlainTextEdit* shortTextEdit(const QString& accessibleName, int lines, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setAccessibleName(accessibleName);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 2 * edit->frameWidth() + 8);
    return edit;
}

QString shortened(const QString& text)
{
    const QString line = text.simplified();
    return line.size() <= undoTextLength ? line : line.left(undoTextLength - 1) + QChar(0x2026);
}

bool sameValues(const CaseAction& a, const CaseAction& b)
{
    return a.description == b.description && a.agencyId == b.agencyId && a.owner == b.owner
        && a.dueDate == b.dueDate && a.status == b.status && a.completedDate == b.completedDate
        && a.outcome == b.outcome;
}

// What an undo or redo of one edit needs once the dialog has gone: the action as the last
// step left it, so a step refuses to overwrite a change made in between.
struct ActionEditTrack
{
    QPointer<StoreSession> session;
    QString reference;
    CaseAction current;
};

QString rewrite(ActionEditTrack& track, const CaseAction& values, bool undoing)
{
    const QString what = shortened(values.description);
    Store* store = track.session ? track.session->store() : nullptr;
    if (!store)
        return undoing
            ? ActionDialog::tr("The change to \"%1\" was not undone: the store is locked.").arg(what)
            : ActionDialog::tr("The change to \"%1\" was not redone: the store is locked.").arg(what);
    try {
        const auto stored = ActionRepository(*store).get(track.current.meta.id);
        if (!stored)
            return ActionDialog::tr("The action \"%1\" no longer exists, so nothing was changed.").arg(what);
        if (stored->meta.updatedAt != track.current.meta.updatedAt || !sameValues(*stored, track.current))
            return undoing
                ? ActionDialog::tr("The change to \"%1\" was not undone: the action has been changed since.")
                      .arg(what)
                : ActionDialog::tr("The change to \"%1\" was not redone: the action has been changed since.")
                      .arg(what);
        CaseAction next = values;
        next.meta = stored->meta;
        store->write([&] { ActionRepository(*store).update(next, track.reference); });
        track.current = next;
    } catch (const StoreError& e) {
        return e.message();
    }
    track.session->notifyCaseChanged(track.current.caseId);
    return {};
}
} // namespace

ActionDialog::ActionDialog(
    StoreSession& session, QUndoStack& undoStack, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_caseId(caseId)
{
    setWindowTitle(tr("Add an action"));
    setMinimumWidth(500);
    m_form = new QFormLayout(this);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    buildFields(m_form);
    loadAgencies();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save the action"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel without saving"));
    m_form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save().isEmpty())
            accept();
    });

    const auto recheck = [this] {
        if (m_checked)
            check(actionFromFields());
    };
    connect(m_description, &QPlainTextEdit::textChanged, this, recheck);
    connect(m_owner, &QLineEdit::textChanged, this, recheck);
    connect(m_hasDue, &QCheckBox::toggled, this, recheck);
    connect(m_due, &QDateEdit::dateChanged, this, recheck);
    connect(m_status, &QComboBox::currentIndexChanged, this, recheck);
    connect(m_completed, &QDateEdit::dateChanged, this, recheck);
    connect(m_outcome, &QPlainTextEdit::textChanged, this, recheck);
    connect(m_hasDue, &QCheckBox::toggled, m_due, &QWidget::setEnabled);
    connect(m_status, &QComboBox::currentIndexChanged, this, &ActionDialog::followStatus);
    // Nothing of the case may stay on screen once the store locks; what was typed was
    // parked in the store just before (FormDraft, on aboutToLock).
    connect(&m_session, &StoreSession::locked, this, &QDialog::reject);

    if (Store* store = m_session.store()) {
        try {
            if (const auto record = CaseRepository(*store).get(m_caseId))
                m_referralDate = record->referralDate;
        } catch (const StoreError& e) {
            FieldProblem::show(m_saveProblem, e.message());
        }
    }
    followStatus();
}

void ActionDialog::setVisible(bool visible)
{
    // The draft starts when the dialog first shows rather than in the constructor: only by
    // then has setAction() filled the fields and said which action, and so which draft, this
    // is. Marking done has a draft of its own: it shows other fields than editing does.
    if (visible && !m_draft) {
        QString key = QStringLiteral("dialog:action:%1:%2")
                          .arg(m_caseId, m_mode == Mode::Add ? QStringLiteral("new") : m_original.meta.id);
        if (m_mode == Mode::MarkDone)
            key += QStringLiteral(":mark-done");
        m_draft = new FormDraft(m_session, this, key, m_caseId);
    }
    QDialog::setVisible(visible);
}

void ActionDialog::buildFields(QFormLayout* form)
{
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    m_heading->setFont(headingFont);
    m_heading->hide();
    form->addRow(m_heading);

    m_description = shortTextEdit(tr("What is to be done"), 3, this);
    m_description->setPlaceholderText(tr("What is to be done, in a sentence"));
    form->addRow(tr("&What:"), m_description);
    m_descriptionProblem = FieldProblem::addRow(form, tr("Problem with what is to be done"), false);

    m_agency = new QComboBox(this);
    m_agency->setAccessibleName(tr("Agency that owns the action"));
    form->addRow(tr("&Agency:"), m_agency);
    m_owner = new QLineEdit(this);
    m_owner->setAccessibleName(tr("Person who owns the action"));
    m_owner->setPlaceholderText(tr("Name of the person doing it"));
    form->addRow(tr("Own&er:"), m_owner);
    m_ownerProblem = FieldProblem::addRow(form, tr("Problem with the owner"), false);

    m_hasDue = new QCheckBox(tr("&Due by"), this);
    m_hasDue->setAccessibleName(tr("The action has a due date"));
    m_hasDue->setChecked(true);
    m_due = dateEdit(tr("Due date"), this);
    m_due->setDate(QDate::currentDate().addDays(defaultDueInDays));
    m_dueRow = new QHBoxLayout;
    m_dueRow->addWidget(m_hasDue);
    m_dueRow->addWidget(m_due);
    m_dueRow->addStretch(1);
    form->addRow(tr("Due date:"), m_dueRow);
    m_dueProblem = FieldProblem::addRow(form, tr("Problem with the due date"), false);

    m_status = new QComboBox(this);
    for (const QString& key : Vocabulary::actionStatuses().keys())
        m_status->addItem(Vocabulary::actionStatuses().label(key), key);
    m_status->setAccessibleName(tr("Status of the action"));
    form->addRow(tr("S&tatus:"), m_status);
    m_completed = dateEdit(tr("Date it was done"), this);
    form->addRow(tr("Done o&n:"), m_completed);
    m_completedProblem = FieldProblem::addRow(form, tr("Problem with the date it was done"), false);
    m_outcome = shortTextEdit(tr("Outcome"), 3, this);
    m_outcome->setPlaceholderText(tr("What came of it"));
    form->addRow(tr("O&utcome:"), m_outcome);
    m_outcomeProblem = FieldProblem::addRow(form, tr("Problem with the outcome"), false);
    m_saveProblem = FieldProblem::addRow(form, tr("Problem saving"), true);
}

void ActionDialog::loadAgencies()
{
    m_agency->addItem(tr("No agency"), QString());
    Store* store = m_session.store();
    if (!store)
        return;
    try {
        for (const Agency& a : AgencyRepository(*store).list()) {
            if (a.active)
                m_agency->addItem(a.name, a.meta.id);
        }
    } catch (const StoreError& e) {
        FieldProblem::show(m_saveProblem, e.message());
    }
}

void ActionDialog::setAction(const CaseAction& action, Mode mode)
{
    m_original = action;
    m_mode = mode;
    m_description->setPlainText(action.description);
    int agency = m_agency->findData(action.agencyId);
    if (agency < 0 && !action.agencyId.isEmpty()) {
        // An agency since marked inactive still shows on the actions it owns.
        if (Store* store = m_session.store()) {
            const auto record = AgencyRepository(*store).get(action.agencyId);
            m_agency->addItem(record ? record->name : action.agencyId, action.agencyId);
            agency = m_agency->count() - 1;
        }
    }
    m_agency->setCurrentIndex(qMax(0, agency));
    m_owner->setText(action.owner);
    m_hasDue->setChecked(action.dueDate.isValid());
    if (action.dueDate.isValid())
        m_due->setDate(action.dueDate);
    m_status->setCurrentIndex(m_status->findData(mode == Mode::MarkDone ? QString(doneKey) : action.status));
    m_completed->setDate(action.completedDate.isValid() ? action.completedDate : QDate::currentDate());
    m_outcome->setPlainText(action.outcome);

    const bool markingDone = mode == Mode::MarkDone;
    setWindowTitle(markingDone ? tr("Mark action done") : tr("Edit action"));
    m_heading->setText(tr("Action: %1").arg(action.description));
    m_heading->setVisible(markingDone);
    // Marking done asks only when and what came of it; the rest is shown in the heading.
    for (QWidget* field : {static_cast<QWidget*>(m_description), static_cast<QWidget*>(m_agency),
             static_cast<QWidget*>(m_owner), static_cast<QWidget*>(m_status)})
        m_form->setRowVisible(field, !markingDone);
    m_form->setRowVisible(m_dueRow, !markingDone);
    (markingDone ? static_cast<QWidget*>(m_completed) : static_cast<QWidget*>(m_description))->setFocus();
    followStatus();
}

void ActionDialog::followStatus()
{
    const bool isDone = m_status->currentData().toString() == doneKey;
    m_completed->setEnabled(isDone);
}

CaseAction ActionDialog::actionFromFields() const
{
    CaseAction action = m_original;
    action.caseId = m_caseId;
    action.description = m_description->toPlainText().trimmed();
    action.agencyId = m_agency->currentData().toString();
    action.owner = m_owner->text().trimmed();
    action.dueDate = m_hasDue->isChecked() ? m_due->date() : QDate();
    action.status = m_status->currentData().toString();
    // A completion date belongs to a done action only; reopening one clears it.
    action.completedDate = action.status == doneKey ? m_completed->date() : QDate();
    action.outcome = m_outcome->toPlainText().trimmed();
    return action;
}

QStringList ActionDialog::check(const CaseAction& action)
{
    const QDate today = QDate::currentDate();
    const QString referral = DisplayFormat::date(m_referralDate);
    const QString descriptionProblem = action.description.isEmpty()
        ? tr("Say what is to be done; it cannot be left blank.")
        : Validation::optionalText(action.description, tr("The description"), maxDescriptionLength);
    const QString ownerProblem = Validation::optionalText(action.owner, tr("The owner"), maxOwnerLength);
    QString dueProblem;
    // A due date recorded before (perhaps elsewhere) is not held against an unrelated edit.
    const bool dueChanged = m_mode == Mode::Add || action.dueDate != m_original.dueDate;
    if (dueChanged && action.dueDate.isValid() && m_referralDate.isValid() && action.dueDate < m_referralDate)
        dueProblem = tr("The due date cannot be before the referral on %1.").arg(referral);
    QString completedProblem;
    if (!Vocabulary::actionStatuses().contains(action.status))
        completedProblem = tr("Choose a status from the list.");
    else if (action.status == doneKey && !action.completedDate.isValid())
        completedProblem = tr("Give the date the action was done.");
    else if (action.status == doneKey && action.completedDate > today)
        completedProblem = tr("The date it was done cannot be in the future.");
    else if (action.status == doneKey && m_referralDate.isValid() && action.completedDate < m_referralDate)
        completedProblem = tr("The date it was done cannot be before the referral on %1.").arg(referral);
    const QString outcomeProblem
        = Validation::optionalText(action.outcome, tr("The outcome"), maxOutcomeLength);
    FieldProblem::show(m_descriptionProblem, descriptionProblem);
    FieldProblem::show(m_ownerProblem, ownerProblem);
    FieldProblem::show(m_dueProblem, dueProblem);
    FieldProblem::show(m_completedProblem, completedProblem);
    FieldProblem::show(m_outcomeProblem, outcomeProblem);
    FieldProblem::show(m_saveProblem, QString());
    QStringList all;
    for (const QString& p :
        {descriptionProblem, ownerProblem, dueProblem, completedProblem, outcomeProblem}) {
        if (!p.isEmpty())
            all << p;
    }
    return all;
}

QString ActionDialog::save()
{
    if (!m_session.store())
        return tr("The store is locked.");
    m_checked = true;
    CaseAction action = actionFromFields();
    if (const QStringList problems = check(action); !problems.isEmpty())
        return problems.join(QLatin1Char('\n'));
    // A store error has no field to sit beside, so it goes under the form; the fields keep
    // what was typed.
    const QString failure = write(action);
    FieldProblem::show(m_saveProblem, failure);
    return failure;
}

QString ActionDialog::write(CaseAction& action)
{
    Store& store = *m_session.store();
    try {
        const auto record = CaseRepository(store).get(m_caseId);
        if (!record)
            return tr("That case no longer exists.");
        if (m_mode == Mode::Add) {
            store.write([&] { ActionRepository(store).add(action, record->reference); });
            m_savedId = action.meta.id;
            m_session.notifyCaseChanged(m_caseId);
            return {};
        }
        // The undo step restores what the store held just before this write, which may be
        // newer than what the dialog was opened with.
        CaseAction before;
        const bool changed = store.write([&] {
            const auto stored = ActionRepository(store).get(m_original.meta.id);
            if (!stored)
                throw StoreError(StoreError::Code::NotFound, tr("That action no longer exists."));
            if (m_mode == Mode::MarkDone && stored->status != QLatin1String("open"))
                throw StoreError(StoreError::Code::Invalid,
                    tr("That action is already %1.").arg(Vocabulary::actionStatuses().label(stored->status)));
            before = *stored;
            action.meta = stored->meta;
            return ActionRepository(store).update(action, record->reference);
        });
        m_savedId = action.meta.id;
        if (!changed)
            return {};
        pushUndo(before, action, record->reference);
    } catch (const StoreError& e) {
        return e.message();
    }
    m_session.notifyCaseChanged(m_caseId);
    return {};
}

void ActionDialog::pushUndo(const CaseAction& before, const CaseAction& after, const QString& reference)
{
    auto track = std::make_shared<ActionEditTrack>(ActionEditTrack {&m_session, reference, after});
    const QString what = shortened(after.description);
    const QString text
        = m_mode == Mode::MarkDone ? tr("Mark action done: %1").arg(what) : tr("Edit action: %1").arg(what);
    m_undoStack.push(new StoreEditCommand(
        text, [track, before] { return rewrite(*track, before, true); },
        [track, after] { return rewrite(*track, after, false); }, m_onUndoFailure));
}
