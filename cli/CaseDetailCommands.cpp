#include "CaseDetailCommands.h"

#include "CaseCommands.h"
#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "core/CaseRecord.h"
#include "core/PamLevel.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "store/ActionRepository.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/NeedRepository.h"
#include "store/NoteRepository.h"

namespace {
constexpr int maxNoteLength = 20000;

void requireKey(const Vocabulary& vocabulary, const QString& option, const QString& value)
{
    if (!vocabulary.contains(value))
        throw CliError(CliError::InvalidInput, vocabulary.unknownKeyMessage(option, value));
}

void requireValid(const QString& problem)
{
    if (!problem.isEmpty())
        throw CliError(CliError::InvalidInput, problem);
}

QString agencyIdFor(Store& store, const QString& name)
{
    if (name.isEmpty())
        return {};
    const auto agency = AgencyRepository(store).findByName(name);
    if (!agency)
        throw CliError(CliError::NotFound,
            QCoreApplication::translate("CaseDetailCommands", "There is no agency called \"%1\".").arg(name));
    return agency->meta.id;
}
} // namespace

int CaseDetailCommands::need(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("add") || sub == QLatin1String("update"))
        return needAddOrUpdate(session, arguments.mid(1), sub == QLatin1String("add"));
    throw CliError(CliError::Usage, tr("need: expected add or update (got \"%1\")").arg(sub));
}

int CaseDetailCommands::needAddOrUpdate(CliSession& session, const QStringList& arguments, bool adding)
{
    CommandParser p(adding ? QStringLiteral("need add") : QStringLiteral("need update"),
        adding ? tr("Add a need to a case.") : tr("Change a need on a case."));
    p.positional(QStringLiteral("REF"), tr("Case reference."));
    p.positional(QStringLiteral("NEED"), Vocabulary::needs().keys().join(QStringLiteral(", ")));
    p.option(QStringLiteral("severity"), tr("KEY"), tr("low, medium or high."));
    p.option(QStringLiteral("status"), tr("KEY"), tr("open, improving or resolved."));
    p.option(QStringLiteral("clutter-rating"), tr("N"), tr("Clutter Image Rating 1-9 (hoarding)."));
    p.option(QStringLiteral("notes"), tr("TEXT"), tr("Notes on this need."));
    if (!p.parse(session, arguments))
        return 0;
    const QString key = p.argument(1);
    requireKey(Vocabulary::needs(), QStringLiteral("NEED"), key);
    const CaseRecord record = CaseCommands::require(session, p.argument(0));
    Store& store = session.store();
    NeedRepository needs(store);
    auto existing = needs.find(record.meta.id, key);
    if (adding && existing)
        throw CliError(CliError::InvalidInput,
            tr("%1 already has the need %2; use \"need update\".").arg(record.reference, key));
    if (!adding && !existing)
        throw CliError(
            CliError::NotFound, tr("%1 has no need %2; use \"need add\".").arg(record.reference, key));
    CaseNeed need = existing.value_or(CaseNeed {});
    need.caseId = record.meta.id;
    need.needKey = key;
    if (p.isSet(QStringLiteral("severity"))) {
        need.severity = p.value(QStringLiteral("severity"));
        requireKey(Vocabulary::severities(), QStringLiteral("--severity"), need.severity);
    }
    if (p.isSet(QStringLiteral("status"))) {
        need.status = p.value(QStringLiteral("status"));
        requireKey(Vocabulary::needStatuses(), QStringLiteral("--status"), need.status);
    }
    need.clutterRating = p.integer(QStringLiteral("clutter-rating"), 1, 9, need.clutterRating);
    if (p.isSet(QStringLiteral("clutter-rating")) && key != QLatin1String("hoarding"))
        throw CliError(CliError::InvalidInput, tr("--clutter-rating applies only to the hoarding need."));
    if (p.isSet(QStringLiteral("notes"))) {
        need.notes = p.value(QStringLiteral("notes"));
        requireValid(Validation::optionalText(need.notes, QStringLiteral("--notes"), maxNoteLength));
    }
    if (adding)
        needs.add(need, record.reference);
    else
        needs.update(need, record.reference);
    session.out() << tr("%1: need %2 %3").arg(record.reference, key, need.status) << Qt::endl;
    return 0;
}

int CaseDetailCommands::action(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("add"))
        return actionAdd(session, arguments.mid(1));
    if (sub == QLatin1String("done"))
        return actionDone(session, arguments.mid(1));
    throw CliError(CliError::Usage, tr("action: expected add or done (got \"%1\")").arg(sub));
}

int CaseDetailCommands::actionAdd(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("action add"), tr("Agree an action on a case; prints its id."));
    p.positional(QStringLiteral("REF"), tr("Case reference."));
    p.option(QStringLiteral("what"), tr("TEXT"), tr("What is to be done."));
    p.option(QStringLiteral("agency"), tr("NAME"), tr("Agency that owns it."));
    p.option(QStringLiteral("owner"), tr("NAME"), tr("Person who owns it."));
    p.option(QStringLiteral("due"), tr("DATE"), tr("Due date."));
    if (!p.parse(session, arguments))
        return 0;
    CaseAction a;
    a.description = p.value(QStringLiteral("what"));
    requireValid(Validation::requiredText(a.description, QStringLiteral("--what"), 2000));
    a.owner = p.value(QStringLiteral("owner"));
    a.dueDate = p.date(QStringLiteral("due"), session.today(), QDate(), true);
    const CaseRecord record = CaseCommands::require(session, p.argument(0));
    Store& store = session.store();
    a.caseId = record.meta.id;
    a.agencyId = agencyIdFor(store, p.value(QStringLiteral("agency")));
    ActionRepository(store).add(a, record.reference);
    session.out() << a.meta.id << Qt::endl;
    return 0;
}

int CaseDetailCommands::actionDone(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("action done"), tr("Mark an action done."));
    p.positional(QStringLiteral("ID"), tr("Action id (shown by \"action add\" and \"case show\")."));
    p.option(QStringLiteral("outcome"), tr("TEXT"), tr("What came of it."));
    p.option(QStringLiteral("date"), tr("DATE"), tr("When it was done (default today)."));
    if (!p.parse(session, arguments))
        return 0;
    const QDate done = p.date(QStringLiteral("date"), session.today(), session.today());
    Store& store = session.store();
    auto action = ActionRepository(store).get(p.argument(0));
    if (!action)
        throw CliError(CliError::NotFound, tr("There is no action %1.").arg(p.argument(0)));
    if (action->status != QLatin1String("open"))
        throw CliError(CliError::InvalidInput, tr("That action is already %1.").arg(action->status));
    action->status = QStringLiteral("done");
    action->completedDate = done;
    action->outcome = p.value(QStringLiteral("outcome"));
    const auto caseRecord = CaseRepository(store).get(action->caseId);
    ActionRepository(store).update(*action, caseRecord ? caseRecord->reference : QString());
    session.out() << tr("Action done.") << Qt::endl;
    return 0;
}

int CaseDetailCommands::note(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("add"))
        return noteAdd(session, arguments.mid(1));
    throw CliError(CliError::Usage, tr("note: expected add (got \"%1\")").arg(sub));
}

int CaseDetailCommands::noteAdd(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("note add"),
        tr("Record a contact or event on a case. Notes are never edited: "
           "to correct one, add a note with --corrects."));
    p.positional(QStringLiteral("REF"), tr("Case reference."));
    p.option(QStringLiteral("kind"), tr("KEY"), Vocabulary::noteKinds().keys().join(QStringLiteral(", ")));
    p.option(QStringLiteral("text"), tr("TEXT"), tr("What happened."));
    p.option(QStringLiteral("date"), tr("DATE"), tr("When (default today)."));
    p.option(QStringLiteral("agency"), tr("NAME"), tr("Your agency (needed for --agency-only)."));
    p.flag(QStringLiteral("significant"), tr("Include in the chronology of significant events."));
    p.flag(QStringLiteral("agency-only"), tr("Visible only to your agency's workers."));
    p.option(QStringLiteral("corrects"), tr("NOTE-ID"), tr("The note this one corrects."));
    if (!p.parse(session, arguments))
        return 0;
    CaseNote note;
    note.kind = p.value(QStringLiteral("kind"));
    requireKey(Vocabulary::noteKinds(), QStringLiteral("--kind"), note.kind);
    note.text = p.value(QStringLiteral("text"));
    requireValid(Validation::requiredText(note.text, QStringLiteral("--text"), maxNoteLength));
    note.occurredOn = p.date(QStringLiteral("date"), session.today(), session.today());
    note.significant = p.isSet(QStringLiteral("significant"));
    note.agencyOnly = p.isSet(QStringLiteral("agency-only"));
    if (note.agencyOnly && p.value(QStringLiteral("agency")).isEmpty())
        throw CliError(
            CliError::InvalidInput, tr("--agency-only needs --agency to say which agency may see it."));
    const CaseRecord record = CaseCommands::require(session, p.argument(0));
    Store& store = session.store();
    note.caseId = record.meta.id;
    note.author = session.actor();
    note.agencyId = agencyIdFor(store, p.value(QStringLiteral("agency")));
    if (p.isSet(QStringLiteral("corrects"))) {
        const auto corrected = NoteRepository(store).get(p.value(QStringLiteral("corrects")));
        if (!corrected || corrected->caseId != record.meta.id)
            throw CliError(CliError::NotFound,
                tr("There is no note %1 on %2.").arg(p.value(QStringLiteral("corrects")), record.reference));
        note.correctsNoteId = corrected->meta.id;
    }
    NoteRepository(store).add(note, record.reference);
    session.out() << note.meta.id << Qt::endl;
    return 0;
}

int CaseDetailCommands::assess(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("assess"), tr("Record an outcome measure: ons4, pam or service-use."));
    p.positional(QStringLiteral("REF"), tr("Case reference."));
    p.positional(QStringLiteral("KIND"), tr("ons4, pam or service-use."));
    p.option(QStringLiteral("stage"), tr("KEY"), tr("baseline, review or closing."));
    p.option(QStringLiteral("date"), tr("DATE"), tr("When it was taken (default today)."));
    p.option(QStringLiteral("scores"), tr("A,B,C,D"),
        tr("ONS4: life satisfaction, worthwhile, happy, anxious (0-10)."));
    p.option(QStringLiteral("score"), tr("X"), tr("PAM score 0-100 from the licensed tool."));
    p.option(QStringLiteral("gp"), tr("N"), tr("GP appointments in the period."));
    p.option(QStringLiteral("ae"), tr("N"), tr("A&E attendances in the period."));
    p.option(QStringLiteral("months"), tr("M"), tr("Length of the period in months."));
    if (!p.parse(session, arguments))
        return 0;
    Assessment a;
    a.kind = p.argument(1);
    requireKey(Vocabulary::assessmentKinds(), QStringLiteral("KIND"), a.kind);
    a.stage = p.value(QStringLiteral("stage"));
    requireKey(Vocabulary::assessmentStages(), QStringLiteral("--stage"), a.stage);
    a.assessedOn = p.date(QStringLiteral("date"), session.today(), session.today());
    if (a.kind == QLatin1String("ons4")) {
        const QStringList parts = p.value(QStringLiteral("scores")).split(QLatin1Char(','));
        if (parts.size() != 4)
            throw CliError(CliError::InvalidInput,
                tr("--scores needs four numbers 0-10 separated by commas, e.g. 5,6,4,7."));
        for (int i = 0; i < 4; ++i) {
            bool ok = false;
            const int score = parts.at(i).trimmed().toInt(&ok);
            requireValid(ok
                    ? Validation::ons4Score(score, tr("--scores item %1").arg(i + 1))
                    : tr("--scores item %1 \"%2\" is not a whole number").arg(i + 1).arg(parts.at(i)));
            a.ons4[static_cast<size_t>(i)] = score;
        }
    } else if (a.kind == QLatin1String("pam")) {
        if (!p.isSet(QStringLiteral("score")))
            throw CliError(CliError::InvalidInput, tr("--score is required for a PAM assessment."));
        a.pamScore = p.number(QStringLiteral("score"), 0, 100, -1);
    } else {
        if (!p.isSet(QStringLiteral("gp")) || !p.isSet(QStringLiteral("ae"))
            || !p.isSet(QStringLiteral("months")))
            throw CliError(
                CliError::InvalidInput, tr("--gp, --ae and --months are required for service use."));
        a.gpAppointments = p.integer(QStringLiteral("gp"), 0, 1000, 0);
        a.aeAttendances = p.integer(QStringLiteral("ae"), 0, 1000, 0);
        a.periodMonths = p.integer(QStringLiteral("months"), 1, 120, 0);
    }
    const CaseRecord record = CaseCommands::require(session, p.argument(0));
    a.caseId = record.meta.id;
    AssessmentRepository(session.store()).add(a, record.reference);
    if (a.kind == QLatin1String("pam"))
        session.out() << tr("%1: PAM %2 (level %3) recorded.")
                             .arg(record.reference)
                             .arg(a.pamScore)
                             .arg(PamLevel::levelFor(a.pamScore))
                      << Qt::endl;
    else
        session.out() << tr("%1: %2 %3 recorded.").arg(record.reference, a.kind, a.stage) << Qt::endl;
    return 0;
}
