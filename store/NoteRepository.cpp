#include "NoteRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

NoteRepository::NoteRepository(Store& store)
    : m_store(store)
{ }

void NoteRepository::add(CaseNote& note, const QString& caseReference)
{
    const QVariantMap fields {{QStringLiteral("case_id"), note.caseId},
        {QStringLiteral("occurred_on"), note.occurredOn}, {QStringLiteral("author"), note.author},
        {QStringLiteral("agency_id"), note.agencyId.isEmpty() ? QVariant() : note.agencyId},
        {QStringLiteral("kind"), note.kind}, {QStringLiteral("text"), note.text},
        {QStringLiteral("significant"), note.significant}, {QStringLiteral("agency_only"), note.agencyOnly},
        {QStringLiteral("corrects_note_id"),
            note.correctsNoteId.isEmpty() ? QVariant() : note.correctsNoteId}};
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "notes", QStringLiteral("note"), note.meta, fields, caseReference, note.kind);
    });
}

QList<CaseNote> NoteRepository::query(const char* where, const QVariantList& values)
{
    const QByteArray sql = QByteArray("SELECT ") + RowReader::MetaColumns
        + ", case_id, occurred_on, author, agency_id, kind, text, significant, agency_only, corrects_note_id "
          "FROM notes WHERE deleted = 0 "
        + where + " ORDER BY occurred_on, created_at";
    Statement st = m_store.db().prepare(sql.constData());
    st.bindAll(values);
    QList<CaseNote> result;
    while (st.next()) {
        CaseNote n;
        n.meta = RowReader::meta(st);
        n.caseId = st.text(7);
        n.occurredOn = st.date(8);
        n.author = st.text(9);
        n.agencyId = st.text(10);
        n.kind = st.text(11);
        n.text = st.text(12);
        n.significant = st.boolean(13);
        n.agencyOnly = st.boolean(14);
        n.correctsNoteId = st.text(15);
        result << n;
    }
    return result;
}

std::optional<CaseNote> NoteRepository::get(const QString& id)
{
    const auto found = query("AND id = ?1", {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

QList<CaseNote> NoteRepository::forCase(const QString& caseId, bool significantOnly)
{
    return significantOnly ? query("AND case_id = ?1 AND significant = 1", {caseId})
                           : query("AND case_id = ?1", {caseId});
}

qint64 NoteRepository::countForCase(const QString& caseId)
{
    Statement st = m_store.db().prepare("SELECT count(*) FROM notes WHERE case_id = ?1 AND deleted = 0");
    st.bind(1, caseId);
    return st.next() ? st.integer(0) : 0;
}
