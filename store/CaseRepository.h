#pragma once

#include "CaseFilter.h"
#include "CaseSummary.h"
#include "core/CaseAgency.h"
#include "core/CasePerson.h"
#include "core/CaseRecord.h"

#include <QList>
#include <QMap>

#include <optional>

class Store;

// Cases and what hangs directly off them: linked people and involved agencies.
class CaseRepository
{
public:
    explicit CaseRepository(Store& store);

    // Gives the case the next free PVT-YYYY-NNNN (year of referral) when it has no reference.
    void add(CaseRecord& record);
    bool update(CaseRecord& record);
    std::optional<CaseRecord> get(const QString& id);
    std::optional<CaseRecord> byReference(const QString& reference);
    // Reads the case and audits the view (show, print and export are accountable).
    std::optional<CaseRecord> view(const QString& reference, const QString& purpose);
    bool referenceExists(const QString& reference);
    QString nextReference(int year);

    QList<CaseSummary> list(const CaseFilter& filter);
    // SQLite's plan for list(filter), one step per line: tests check the hot path keeps to
    // its index rather than sorting every case.
    QString listPlan(const CaseFilter& filter);
    // The one case's row as list() would give it, or nothing when it does not match the
    // filter (or is gone): a lookup by id, however many cases there are.
    std::optional<CaseSummary> summary(const CaseFilter& filter, const QString& caseId);
    qint64 count(const CaseFilter& filter);
    QMap<QString, int> countsByStatus();

    void linkPerson(CasePerson& link, const QString& caseReference);
    QList<CasePerson> people(const QString& caseId);
    void addAgency(CaseAgency& involvement, const QString& caseReference);
    QList<CaseAgency> agencies(const QString& caseId);

private:
    QList<CaseRecord> query(const char* where, const QVariantList& values);
    Store& m_store;
};
