#include "NeedDialog.h"

#include "FieldProblem.h"
#include "FormDraft.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "models/StoreSession.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/StoreError.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>

#include <memory>
#include <optional>

namespace {
// The same cap as `casebook-cli need --notes`, so a need written there can be edited here.
constexpr int maxNotesLength = 20000;
constexpr int maxClutterRating = 9;
constexpr QLatin1String hoarding("hoarding");

QComboBox* vocabularyCombo(const Vocabulary& vocabulary, const QString& accessibleName, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    for (const QString& key : vocabulary.keys())
        combo->addItem(vocabulary.label(key), key);
    combo->setAccessibleName(accessibleName);
    return combo;
}

bool sameValues(const CaseNeed& a, const CaseNeed& b)
{
    return a.needKey == b.needKey && a.severity == b.severity && a.status == b.status
        && a.clutterRating == b.clutterRating && a.notes == b.notes;
}

std::optional<CaseNeed> storedNeed(Store& store, const QString& caseId, const QString& id)
{
    for (const CaseNeed& n : NeedRepository(store).forCase(caseId)) {
        if (n.meta.id == id)
            return n;
    }
    return std::nullopt;
}

// What an undo or redo of one edit needs once the dialog has gone: the need as the last
// step left it, so a step refuses to overwrite a change made in between.
struct NeedEditTrack
{
    QPointer<StoreSession> session;
    QString caseId;
    QString reference;
    CaseNeed current;
};

QString rewrite(NeedEditTrack& track, const CaseNeed& values, bool undoing)
{
    const QString label = Vocabulary::needs().label(values.needKey);
    Store* store = track.session ? track.session->store() : nullptr;
    if (!store)
        return undoing ? NeedDialog::tr("The change to %1 was not undone: the store is locked.").arg(label)
                       : NeedDialog::tr("The change to %1 was not redone: the store is locked.").arg(label);
    try {
        const auto stored = storedNeed(*store, track.caseId, track.current.meta.id);
        if (!stored)
            return NeedDialog::tr("%1 is no longer on this case, so nothing was changed.").arg(label);
        if (stored->meta.updatedAt != track.current.meta.updatedAt || !sameValues(*stored, track.current))
            return undoing
                ? NeedDialog::tr("The change to %1 was not undone: the need has been changed since.")
                      .arg(label)
                : NeedDialog::tr("The change to %1 was not redone: the need has been changed since.")
                      .arg(label);
        CaseNeed next = values;
        next.meta = stored->meta;
        store->write([&] { NeedRepository(*store).update(next, track.reference); });
        track.current = next;
    } catch (const StoreError& e) {
        return e.message();
    }
    track.session->notifyCaseChanged(track.caseId);
    return {};
}
} // namespace

NeedDialog::NeedDialog(StoreSession& session, QUndoStack& undoStack, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_caseId(caseId)
{
    setWindowTitle(tr("Add a need"));
    setMinimumWidth(460);
    auto* form = new QFormLayout(this);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    buildFields(form);
    markNeedsOnCase();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save the need"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel without saving"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save().isEmpty())
            accept();
    });

    connect(m_need, &QComboBox::currentIndexChanged, this, &NeedDialog::followNeedKind);
    const auto recheck = [this] {
        if (m_checked)
            check(needFromFields());
    };
    connect(m_need, &QComboBox::currentIndexChanged, this, recheck);
    connect(m_clutter, &QSpinBox::valueChanged, this, recheck);
    connect(m_notes, &QPlainTextEdit::textChanged, this, recheck);
    // Nothing of the case may stay on screen once the store locks; what was typed was
    // parked in the store just before (FormDraft, on aboutToLock).
    connect(&m_session, &StoreSession::locked, this, &QDialog::reject);
    followNeedKind();
}

void NeedDialog::setVisible(bool visible)
{
    // The draft starts when the dialog first shows rather than in the constructor: only by
    // then has setNeed() filled the fields and said which need, and so which draft, this is.
    if (visible && !m_draft) {
        const QString need = isEditing() ? m_original.meta.id : QStringLiteral("new");
        m_draft = new FormDraft(
            m_session, this, QStringLiteral("dialog:need:%1:%2").arg(m_caseId, need), m_caseId);
    }
    QDialog::setVisible(visible);
}

void NeedDialog::buildFields(QFormLayout* form)
{
    m_need = vocabularyCombo(Vocabulary::needs(), tr("Need"), this);
    form->addRow(tr("&Need:"), m_need);
    m_needProblem = FieldProblem::addRow(form, tr("Problem with the need"), false);
    m_severity = vocabularyCombo(Vocabulary::severities(), tr("Severity"), this);
    m_severity->setCurrentIndex(m_severity->findData(CaseNeed {}.severity));
    form->addRow(tr("Se&verity:"), m_severity);
    m_status = vocabularyCombo(Vocabulary::needStatuses(), tr("Status"), this);
    m_status->setCurrentIndex(m_status->findData(CaseNeed {}.status));
    form->addRow(tr("S&tatus:"), m_status);

    m_clutter = new QSpinBox(this);
    m_clutter->setRange(0, maxClutterRating);
    m_clutter->setSpecialValueText(tr("Not recorded"));
    m_clutter->setAccessibleName(tr("Clutter Image Rating"));
    m_clutter->setAccessibleDescription(tr("1 to 9, for hoarding only"));
    m_clutterHint = new QLabel(this);
    m_clutterHint->setWordWrap(true);
    auto* clutterRow = new QHBoxLayout;
    clutterRow->addWidget(m_clutter);
    clutterRow->addWidget(m_clutterHint, 1);
    form->addRow(tr("C&lutter rating:"), clutterRow);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(clutterRow)))
        label->setBuddy(m_clutter);
    m_clutterProblem = FieldProblem::addRow(form, tr("Problem with the clutter rating"), false);

    m_notes = new QPlainTextEdit(this);
    m_notes->setTabChangesFocus(true);
    m_notes->setAccessibleName(tr("Notes on this need"));
    m_notes->setPlaceholderText(tr("What the need looks like now, and what would help"));
    form->addRow(tr("N&otes:"), m_notes);
    m_notesProblem = FieldProblem::addRow(form, tr("Problem with the notes"), false);
    m_saveProblem = FieldProblem::addRow(form, tr("Problem saving"), true);
}

void NeedDialog::markNeedsOnCase()
{
    // Needs already on the case stay in the list (so the worker sees them) but say so.
    QStringList onCase;
    if (Store* store = m_session.store()) {
        try {
            for (const CaseNeed& n : NeedRepository(*store).forCase(m_caseId))
                onCase << n.needKey;
        } catch (const StoreError& e) {
            FieldProblem::show(m_needProblem, e.message());
        }
    }
    for (int i = 0; i < m_need->count(); ++i) {
        if (onCase.contains(m_need->itemData(i).toString()))
            m_need->setItemText(i, tr("%1 (already on this case)").arg(m_need->itemText(i)));
    }
    for (int i = 0; i < m_need->count(); ++i) {
        if (!onCase.contains(m_need->itemData(i).toString())) {
            m_need->setCurrentIndex(i);
            break;
        }
    }
}

void NeedDialog::setNeed(const CaseNeed& need)
{
    m_original = need;
    setWindowTitle(tr("Edit need: %1").arg(Vocabulary::needs().label(need.needKey)));
    m_need->setCurrentIndex(m_need->findData(need.needKey));
    m_need->setEnabled(false);
    m_need->setToolTip(tr("The kind of need cannot change; add another need instead."));
    m_severity->setCurrentIndex(m_severity->findData(need.severity));
    m_status->setCurrentIndex(m_status->findData(need.status));
    m_clutter->setValue(need.clutterRating);
    m_notes->setPlainText(need.notes);
    m_severity->setFocus();
}

QString NeedDialog::duplicateProblem(const QString& needKey) const
{
    Store* store = m_session.store();
    if (!store)
        return tr("The store is locked.");
    try {
        if (NeedRepository(*store).find(m_caseId, needKey))
            return tr("This case already has the need %1. Edit that need instead of adding it again.")
                .arg(Vocabulary::needs().label(needKey));
    } catch (const StoreError& e) {
        return e.message();
    }
    return {};
}

void NeedDialog::followNeedKind()
{
    // The Clutter Image Rating is a hoarding scale: offered only there, cleared otherwise
    // so no hidden value is left behind a disabled field.
    const bool isHoarding = m_need->currentData().toString() == hoarding;
    m_clutter->setEnabled(isHoarding);
    if (!isHoarding)
        m_clutter->setValue(0);
    m_clutterHint->setText(isHoarding ? tr("1 (clear) to 9 (severe), from the Clutter Image Rating pictures")
                                      : tr("Only for hoarding"));
}

CaseNeed NeedDialog::needFromFields() const
{
    CaseNeed need = m_original;
    need.caseId = m_caseId;
    need.needKey = m_need->currentData().toString();
    need.severity = m_severity->currentData().toString();
    need.status = m_status->currentData().toString();
    need.clutterRating = m_clutter->value();
    need.notes = m_notes->toPlainText().trimmed();
    return need;
}

QStringList NeedDialog::check(const CaseNeed& need)
{
    QString needProblem;
    if (!Vocabulary::needs().contains(need.needKey))
        needProblem = tr("Choose a need from the list.");
    else if (!isEditing())
        needProblem = duplicateProblem(need.needKey);
    QString clutterProblem;
    if (need.clutterRating != 0 && need.needKey != hoarding)
        clutterProblem = tr("A clutter rating is only recorded for hoarding. Set it to Not recorded.");
    else if (need.clutterRating < 0 || need.clutterRating > maxClutterRating)
        clutterProblem = tr("The clutter rating must be from 1 to 9.");
    const QString notesProblem = Validation::optionalText(need.notes, tr("The notes"), maxNotesLength);
    QString otherProblem;
    if (!Vocabulary::severities().contains(need.severity)
        || !Vocabulary::needStatuses().contains(need.status))
        otherProblem = tr("Choose a severity and a status from the lists.");
    FieldProblem::show(m_needProblem, needProblem);
    FieldProblem::show(m_clutterProblem, clutterProblem);
    FieldProblem::show(m_notesProblem, notesProblem);
    FieldProblem::show(m_saveProblem, otherProblem);
    QStringList all;
    for (const QString& p : {needProblem, clutterProblem, notesProblem, otherProblem}) {
        if (!p.isEmpty())
            all << p;
    }
    return all;
}

QString NeedDialog::save()
{
    if (!m_session.store())
        return tr("The store is locked.");
    m_checked = true;
    CaseNeed need = needFromFields();
    if (const QStringList problems = check(need); !problems.isEmpty())
        return problems.join(QLatin1Char('\n'));
    // A store error has no field to sit beside, so it goes under the form; the fields keep
    // what was typed.
    const QString failure = write(need);
    FieldProblem::show(m_saveProblem, failure);
    return failure;
}

QString NeedDialog::write(CaseNeed& need)
{
    Store& store = *m_session.store();
    try {
        const auto record = CaseRepository(store).get(m_caseId);
        if (!record)
            return tr("That case no longer exists.");
        if (!isEditing()) {
            store.write([&] { NeedRepository(store).add(need, record->reference); });
            m_savedId = need.meta.id;
            m_session.notifyCaseChanged(m_caseId);
            return {};
        }
        // The undo step restores what the store held just before this write, which may be
        // newer than what the dialog was opened with.
        CaseNeed before;
        const bool changed = store.write([&] {
            const auto stored = storedNeed(store, m_caseId, m_original.meta.id);
            if (!stored)
                throw StoreError(StoreError::Code::NotFound, tr("That need is no longer on this case."));
            before = *stored;
            need.meta = stored->meta;
            return NeedRepository(store).update(need, record->reference);
        });
        m_savedId = need.meta.id;
        if (!changed)
            return {};
        pushUndo(before, need, record->reference);
    } catch (const StoreError& e) {
        return e.message();
    }
    m_session.notifyCaseChanged(m_caseId);
    return {};
}

void NeedDialog::pushUndo(const CaseNeed& before, const CaseNeed& after, const QString& reference)
{
    auto track = std::make_shared<NeedEditTrack>(NeedEditTrack {&m_session, m_caseId, reference, after});
    m_undoStack.push(new StoreEditCommand(
        tr("Edit need: %1").arg(Vocabulary::needs().label(after.needKey)),
        [track, before] { return rewrite(*track, before, true); },
        [track, after] { return rewrite(*track, after, false); }, m_onUndoFailure));
}
