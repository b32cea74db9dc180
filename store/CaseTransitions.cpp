#include "CaseTransitions.h"

#include "AssessmentRepository.h"
#include "CaseRepository.h"
#include "NoteRepository.h"
#include "Store.h"
#include "core/CaseLifecycle.h"

QString CaseTransitions::apply(
    Store& store, CaseRecord& record, TransitionRequest request, const QDate& today)
{
    for (const Assessment& a : AssessmentRepository(store).forCase(record.meta.id))
        request.closingAssessmentOffered |= a.stage == QLatin1String("closing")
            && (!record.statusDate.isValid() || a.assessedOn >= record.statusDate);
    if (QString problem = CaseLifecycle::check(record, request, today); !problem.isEmpty())
        return problem;
    CaseRecord changed = record;
    CaseLifecycle::apply(changed, request);
    store.write([&] {
        CaseRepository(store).update(changed);
        // Reopening is rare and must be explained: the reason joins the chronology.
        if (record.status == QLatin1String("closed")) {
            CaseNote note;
            note.caseId = record.meta.id;
            note.occurredOn = request.date;
            note.author = store.actor();
            note.significant = true;
            note.text = tr("Case reopened: %1").arg(request.reason);
            NoteRepository(store).add(note, record.reference);
        }
    });
    record = changed;
    return {};
}
