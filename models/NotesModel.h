#pragma once

#include "CaseDetailModel.h"
#include "core/CaseNote.h"

#include <QHash>
#include <QList>

// The notes of one case, oldest first: the chronology when narrowed to significant events.
// Notes never change; a correction is a later note whose Corrects column names the earlier.
class NotesModel : public CaseDetailModel
{
    Q_OBJECT

public:
    enum Column { Date, Kind, Author, Agency, Significant, AgencyOnly, Text, Corrects, ColumnCount };
    enum NoteRole {
        CorrectsNoteIdRole = FirstModelRole, // id of the note this one corrects, or empty
        CorrectedRole, // bool: a later note corrects this one
        SignificantRole, // bool
        AgencyOnlyRole, // bool
    };

    explicit NotesModel(StoreSession* session, QObject* parent = nullptr);

    void setSignificantOnly(bool significantOnly);
    bool significantOnly() const { return m_significantOnly; }
    CaseNote noteAt(int row) const { return m_notes.value(row); }
    int rowForNoteId(const QString& noteId) const;

protected:
    void load(Store& store, const QString& caseId) override;
    void clearRows() override;
    int rows() const override { return static_cast<int>(m_notes.size()); }
    int columns() const override { return ColumnCount; }
    QVariant cellData(int row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    QString correctsText(const CaseNote& note) const;

    QList<CaseNote> m_notes;
    QHash<QString, CaseNote> m_corrected; // notes named by a correction, shown or filtered out
    QHash<QString, QString> m_correctedBy; // note id -> id of the note correcting it
    QHash<QString, QString> m_agencyNames;
    bool m_significantOnly = false;
};
