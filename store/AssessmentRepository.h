#pragma once

#include "core/Assessment.h"

#include <QList>

class Store;

// Outcome measures; like notes, written once (a re-take is a new assessment).
class AssessmentRepository
{
public:
    explicit AssessmentRepository(Store& store);

    void add(Assessment& assessment, const QString& caseReference);
    QList<Assessment> forCase(const QString& caseId); // by date
    QList<Assessment> all(); // every case, for reports

private:
    QList<Assessment> query(const char* where, const QVariantList& values);
    Store& m_store;
};
