#pragma once

#include "core/CaseAction.h"

#include <QList>

#include <optional>

class Store;

class ActionRepository
{
public:
    explicit ActionRepository(Store& store);

    void add(CaseAction& action, const QString& caseReference);
    bool update(CaseAction& action, const QString& caseReference);
    std::optional<CaseAction> get(const QString& id);
    QList<CaseAction> forCase(const QString& caseId);

private:
    QList<CaseAction> query(const char* where, const QVariantList& values);
    Store& m_store;
};
