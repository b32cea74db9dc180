#include "AssessmentsModel.h"

#include "DisplayFormat.h"
#include "core/PamLevel.h"
#include "core/Vocabulary.h"
#include "store/AssessmentRepository.h"

namespace {
QString valueOrNotRecorded(int value)
{
    return value >= 0 ? QString::number(value) : AssessmentsModel::tr("not recorded");
}

int pamLevelOf(const Assessment& a)
{
    return a.kind == QLatin1String("pam") ? PamLevel::levelFor(a.pamScore) : 0;
}
} // namespace

AssessmentsModel::AssessmentsModel(StoreSession* session, QObject* parent)
    : CaseDetailModel(session, parent)
{ }

void AssessmentsModel::load(Store& store, const QString& caseId)
{
    m_assessments = AssessmentRepository(store).forCase(caseId);
}

QString AssessmentsModel::valuesSummary(const Assessment& a)
{
    if (a.kind == QLatin1String("ons4"))
        return tr("Life satisfaction %1, worthwhile %2, happy %3, anxious %4")
            .arg(valueOrNotRecorded(a.ons4[0]), valueOrNotRecorded(a.ons4[1]), valueOrNotRecorded(a.ons4[2]),
                valueOrNotRecorded(a.ons4[3]));
    if (a.kind == QLatin1String("pam"))
        return a.pamScore >= 0 ? tr("Score %1").arg(a.pamScore, 0, 'f', 1) : tr("Score not recorded");
    if (a.kind == QLatin1String("service-use")) {
        const QString gp = valueOrNotRecorded(a.gpAppointments);
        const QString ae = valueOrNotRecorded(a.aeAttendances);
        return a.periodMonths > 0
            ? tr("GP appointments %1, A&E attendances %2 over %n month(s)", nullptr, a.periodMonths)
                  .arg(gp, ae)
            : tr("GP appointments %1, A&E attendances %2").arg(gp, ae);
    }
    return {};
}

QVariant AssessmentsModel::cellData(int row, int column, int role) const
{
    const Assessment& a = m_assessments.at(row);
    switch (role) {
    case IdRole:
        return a.meta.id;
    case Qt::DisplayRole:
        switch (column) {
        case Date:
            return DisplayFormat::date(a.assessedOn);
        case Kind:
            return Vocabulary::assessmentKinds().label(a.kind);
        case Stage:
            return Vocabulary::assessmentStages().label(a.stage);
        case Values:
            return valuesSummary(a);
        case PamLevel:
            return pamLevelOf(a) > 0 ? tr("Level %1").arg(pamLevelOf(a)) : QString();
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case Date:
            return a.assessedOn;
        case Kind:
            return static_cast<int>(Vocabulary::assessmentKinds().keys().indexOf(a.kind));
        case Stage:
            return static_cast<int>(Vocabulary::assessmentStages().keys().indexOf(a.stage));
        case Values:
            return a.kind == QLatin1String("pam") ? QVariant(a.pamScore) : QVariant(valuesSummary(a));
        case PamLevel:
            return pamLevelOf(a);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == Values)
            return valuesSummary(a);
        return {};
    default:
        return {};
    }
}

QString AssessmentsModel::columnTitle(int column) const
{
    switch (column) {
    case Date:
        return tr("Date");
    case Kind:
        return tr("Measure");
    case Stage:
        return tr("Stage");
    case Values:
        return tr("Values");
    case PamLevel:
        return tr("PAM level");
    default:
        return {};
    }
}
