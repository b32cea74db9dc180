#include "NotesModel.h"

#include "DisplayFormat.h"
#include "core/Vocabulary.h"
#include "store/AgencyRepository.h"
#include "store/NoteRepository.h"

#include <utility>

NotesModel::NotesModel(StoreSession* session, QObject* parent)
    : CaseDetailModel(session, parent)
{ }

void NotesModel::setSignificantOnly(bool significantOnly)
{
    if (m_significantOnly == significantOnly)
        return;
    m_significantOnly = significantOnly;
    reload();
}

int NotesModel::rowForNoteId(const QString& noteId) const
{
    for (int row = 0; row < m_notes.size(); ++row) {
        if (m_notes.at(row).meta.id == noteId)
            return row;
    }
    return -1;
}

void NotesModel::load(Store& store, const QString& caseId)
{
    NoteRepository notes(store);
    // Every note, so the correction links resolve even when the filter hides one end.
    const QList<CaseNote> all = notes.forCase(caseId);
    QHash<QString, CaseNote> byId;
    for (const CaseNote& n : all)
        byId.insert(n.meta.id, n);
    for (const CaseNote& n : all) {
        if (n.correctsNoteId.isEmpty())
            continue;
        m_correctedBy.insert(n.correctsNoteId, n.meta.id);
        if (byId.contains(n.correctsNoteId))
            m_corrected.insert(n.correctsNoteId, byId.value(n.correctsNoteId));
        else if (const auto other = notes.get(n.correctsNoteId))
            m_corrected.insert(n.correctsNoteId, *other);
    }
    for (const CaseNote& n : all) {
        if (!m_significantOnly || n.significant)
            m_notes << n;
        if (!n.agencyId.isEmpty() && !m_agencyNames.contains(n.agencyId)) {
            const auto agency = AgencyRepository(store).get(n.agencyId);
            m_agencyNames.insert(n.agencyId, agency ? agency->name : QString());
        }
    }
}

void NotesModel::clearRows()
{
    m_notes.clear();
    m_corrected.clear();
    m_correctedBy.clear();
    m_agencyNames.clear();
}

QString NotesModel::correctsText(const CaseNote& note) const
{
    if (note.correctsNoteId.isEmpty())
        return {};
    const auto it = m_corrected.constFind(note.correctsNoteId);
    if (it == m_corrected.cend())
        return tr("Corrects an earlier note");
    return tr("Corrects the note of %1 (%2)")
        .arg(DisplayFormat::date(it->occurredOn), Vocabulary::noteKinds().label(it->kind));
}

QVariant NotesModel::cellData(int row, int column, int role) const
{
    const CaseNote& n = m_notes.at(row);
    switch (role) {
    case IdRole:
        return n.meta.id;
    case CorrectsNoteIdRole:
        return n.correctsNoteId;
    case CorrectedRole:
        return m_correctedBy.contains(n.meta.id);
    case SignificantRole:
        return n.significant;
    case AgencyOnlyRole:
        return n.agencyOnly;
    case Qt::DisplayRole:
        switch (column) {
        case Date:
            return DisplayFormat::date(n.occurredOn);
        case Kind:
            return Vocabulary::noteKinds().label(n.kind);
        case Author:
            return n.author;
        case Agency:
            return m_agencyNames.value(n.agencyId);
        case Significant:
            return n.significant ? tr("Significant") : QString();
        case AgencyOnly:
            return n.agencyOnly ? tr("Agency only") : QString();
        case Text:
            return n.text;
        case Corrects:
            return correctsText(n);
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case Date:
            return n.occurredOn;
        case Kind:
            return Vocabulary::noteKinds().label(n.kind);
        case Author:
            return n.author;
        case Agency:
            return m_agencyNames.value(n.agencyId);
        case Significant:
            return n.significant;
        case AgencyOnly:
            return n.agencyOnly;
        case Text:
            return n.text;
        case Corrects:
            return n.correctsNoteId;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == Text)
            return m_correctedBy.contains(n.meta.id) ? tr("A later note corrects this one.") : n.text;
        if (column == AgencyOnly && n.agencyOnly)
            return tr("Shared only within the recording agency");
        return {};
    default:
        return {};
    }
}

QString NotesModel::columnTitle(int column) const
{
    switch (column) {
    case Date:
        return tr("Date");
    case Kind:
        return tr("Kind");
    case Author:
        return tr("Author");
    case Agency:
        return tr("Agency");
    case Significant:
        return tr("Significant");
    case AgencyOnly:
        return tr("Agency only");
    case Text:
        return tr("Note");
    case Corrects:
        return tr("Corrects");
    default:
        return {};
    }
}
