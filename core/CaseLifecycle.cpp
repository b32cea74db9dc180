#include "CaseLifecycle.h"

#include "Vocabulary.h"

QStringList CaseLifecycle::nextStatuses(const QString& from)
{
    if (from == QLatin1String("referred"))
        return {QStringLiteral("accepted"), QStringLiteral("declined")};
    if (from == QLatin1String("accepted"))
        return {QStringLiteral("open")};
    if (from == QLatin1String("open"))
        return {QStringLiteral("closed")};
    if (from == QLatin1String("closed"))
        return {QStringLiteral("open")};
    return {};
}

bool CaseLifecycle::isAllowed(const QString& from, const QString& to)
{
    return nextStatuses(from).contains(to);
}

QString CaseLifecycle::check(const CaseRecord& current, const TransitionRequest& request, const QDate& today)
{
    if (!Vocabulary::caseStatuses().contains(request.to))
        return Vocabulary::caseStatuses().unknownKeyMessage(QStringLiteral("status"), request.to);
    QString problem = checkAllowed(current.status, request.to);
    if (problem.isEmpty())
        problem = checkDate(current, request.date, today);
    if (problem.isEmpty())
        problem = checkReason(current.status, request);
    return problem;
}

// Status keys read as past participles ("referred", "closed"), which the messages rely on.
QString CaseLifecycle::checkAllowed(const QString& from, const QString& to)
{
    if (!Vocabulary::caseStatuses().contains(from))
        return Vocabulary::caseStatuses().unknownKeyMessage(QStringLiteral("current status"), from);
    if (from == to)
        return tr("The case is already %1").arg(from);
    const QStringList next = nextStatuses(from);
    // "A referred case", "An accepted case", "An open case".
    const QString aCase = QStringLiteral("aeiou").contains(from.at(0)) ? tr("An %1 case").arg(from)
                                                                       : tr("A %1 case").arg(from);
    if (next.isEmpty())
        return tr("%1 cannot be %2; its status can no longer change").arg(aCase, to);
    if (!next.contains(to))
        return tr("%1 cannot be %2; it can be: %3").arg(aCase, to, next.join(QStringLiteral(", ")));
    return QString();
}

QString CaseLifecycle::checkDate(const CaseRecord& current, const QDate& date, const QDate& today)
{
    if (!date.isValid())
        return tr("The date of the change is missing");
    if (date > today)
        return tr("The date of the change, %1, is in the future (today is %2)")
            .arg(date.toString(Qt::ISODate), today.toString(Qt::ISODate));
    if (current.referralDate.isValid() && date < current.referralDate)
        return tr("The date of the change, %1, is before the referral date %2")
            .arg(date.toString(Qt::ISODate), current.referralDate.toString(Qt::ISODate));
    // Changes happen in order: a case cannot close before it opened, or reopen before it closed.
    if (current.statusDate.isValid() && date < current.statusDate)
        return tr("The date of the change, %1, is before the case became %2 on %3")
            .arg(date.toString(Qt::ISODate), current.status, current.statusDate.toString(Qt::ISODate));
    return QString();
}

QString CaseLifecycle::checkReason(const QString& from, const TransitionRequest& request)
{
    const Vocabulary& reasons = Vocabulary::closureReasons();
    if (request.to == QLatin1String("closed")) {
        if (request.reason.isEmpty())
            return tr("Choose a closure reason before closing the case: one of %1")
                .arg(reasons.keys().join(QStringLiteral(", ")));
        if (!reasons.contains(request.reason))
            return reasons.unknownKeyMessage(QStringLiteral("closure reason"), request.reason);
        if (!request.closingAssessmentOffered)
            return tr("Offer a closing assessment before closing the case; record it, or record that the "
                      "person was offered it and declined");
    }
    if (request.to == QLatin1String("declined") && request.reason.trimmed().isEmpty())
        return tr("Give a reason for declining the referral");
    if (from == QLatin1String("closed") && request.to == QLatin1String("open")
        && request.reason.trimmed().isEmpty())
        return tr("Give a reason for reopening the case");
    return QString();
}

void CaseLifecycle::apply(CaseRecord& record, const TransitionRequest& request)
{
    const bool reopening = record.status == QLatin1String("closed") && request.to == QLatin1String("open");
    record.status = request.to;
    record.statusDate = request.date;
    if (request.to == QLatin1String("closed")) {
        record.closedDate = request.date;
        record.closureReason = request.reason;
    } else if (request.to == QLatin1String("declined")) {
        record.declineReason = request.reason;
    } else if (reopening) {
        record.closedDate = QDate();
        record.closureReason.clear();
    }
}
