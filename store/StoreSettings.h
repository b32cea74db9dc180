#pragma once

#include "core/UnitCosts.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class Store;

// Team settings kept inside the store (they travel with the data, not the laptop): unit
// costs for the savings estimate and the retention period. One table of keys, defaults
// and checks; unknown keys and bad values are refused with a message.
class StoreSettings
{
    Q_DECLARE_TR_FUNCTIONS(StoreSettings)

public:
    enum class Key { GpAppointmentCost, AeAttendanceCost, FlatRatePerIntervention, RetentionYears };

    explicit StoreSettings(Store& store);

    static QStringList keyNames();
    static bool keyFromName(const QString& name, Key* key);
    static QString name(Key key);

    QString value(Key key);
    // Returns an empty string when stored, otherwise why the value was refused.
    QString set(Key key, const QString& value);

    UnitCosts unitCosts();
    int retentionYears();

private:
    static QString defaultValue(Key key);
    static QString check(Key key, const QString& value);

    Store& m_store;
};
