#pragma once

#include "RowMeta.h"

#include <QDate>

// A contact record. Immutable once written: a correction is a new note whose
// correctsNoteId names the note it corrects. kind is a key of Vocabulary::noteKinds().
struct CaseNote
{
    RowMeta meta;
    QString caseId;
    QDate occurredOn;
    QString author;
    QString agencyId;
    QString kind = QStringLiteral("other");
    QString text;
    bool significant = false;
    bool agencyOnly = false;
    QString correctsNoteId;
};
