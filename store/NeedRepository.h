#pragma once

#include "core/CaseNeed.h"

#include <QList>

#include <optional>

class Store;

class NeedRepository
{
public:
    explicit NeedRepository(Store& store);

    void add(CaseNeed& need, const QString& caseReference);
    bool update(CaseNeed& need, const QString& caseReference);
    std::optional<CaseNeed> find(const QString& caseId, const QString& needKey);
    QList<CaseNeed> forCase(const QString& caseId);

private:
    QList<CaseNeed> query(const char* where, const QVariantList& values);
    Store& m_store;
};
