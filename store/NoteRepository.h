#pragma once

#include "core/CaseNote.h"

#include <QList>

#include <optional>

class Store;

// Notes are written once and never changed; a correction is a new note pointing at the old.
class NoteRepository
{
public:
    explicit NoteRepository(Store& store);

    void add(CaseNote& note, const QString& caseReference);
    std::optional<CaseNote> get(const QString& id);
    // Oldest first. significantOnly narrows to the chronology.
    QList<CaseNote> forCase(const QString& caseId, bool significantOnly = false);
    qint64 countForCase(const QString& caseId);

private:
    QList<CaseNote> query(const char* where, const QVariantList& values);
    Store& m_store;
};
