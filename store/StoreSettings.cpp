#include "StoreSettings.h"

#include "AuditLog.h"
#include "RecordWriter.h"
#include "Store.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace {
struct KeyInfo
{
    StoreSettings::Key key;
    const char* name;
};

constexpr KeyInfo keyTable[] = {
    {StoreSettings::Key::GpAppointmentCost, "unit_cost.gp_appointment"},
    {StoreSettings::Key::AeAttendanceCost, "unit_cost.ae_attendance"},
    {StoreSettings::Key::FlatRatePerIntervention, "flat_rate.per_intervention"},
    {StoreSettings::Key::RetentionYears, "retention.years"},
};

QString pounds(qint64 pence)
{
    return QString::number(static_cast<double>(pence) / 100.0, 'f', 2);
}

qint64 toPence(const QString& value)
{
    return std::llround(value.toDouble() * 100.0);
}
} // namespace

StoreSettings::StoreSettings(Store& store)
    : m_store(store)
{ }

QStringList StoreSettings::keyNames()
{
    QStringList names;
    for (const KeyInfo& info : keyTable)
        names << QLatin1String(info.name);
    return names;
}

bool StoreSettings::keyFromName(const QString& name, Key* key)
{
    for (const KeyInfo& info : keyTable) {
        if (name == QLatin1String(info.name)) {
            *key = info.key;
            return true;
        }
    }
    return false;
}

QString StoreSettings::name(Key key)
{
    for (const KeyInfo& info : keyTable) {
        if (info.key == key)
            return QLatin1String(info.name);
    }
    return {};
}

QString StoreSettings::defaultValue(Key key)
{
    const UnitCosts defaults;
    switch (key) {
    case Key::GpAppointmentCost:
        return pounds(defaults.gpAppointmentPence);
    case Key::AeAttendanceCost:
        return pounds(defaults.aeAttendancePence);
    case Key::FlatRatePerIntervention:
        return pounds(defaults.flatRatePerInterventionPence);
    case Key::RetentionYears:
        return QStringLiteral("6");
    }
    return {};
}

QString StoreSettings::check(Key key, const QString& value)
{
    if (key == Key::RetentionYears) {
        bool ok = false;
        const int years = value.toInt(&ok);
        return ok && years >= 1 && years <= 100
            ? QString()
            : tr("%1 must be a whole number of years from 1 to 100, not \"%2\".").arg(name(key), value);
    }
    static const QRegularExpression money(QStringLiteral("^\\d{1,9}(\\.\\d{1,2})?$"));
    return money.match(value).hasMatch()
        ? QString()
        : tr("%1 must be an amount in pounds such as 41.00 (no £ sign or commas), not \"%2\".")
              .arg(name(key), value);
}

QString StoreSettings::value(Key key)
{
    Statement st = m_store.db().prepare("SELECT value FROM settings WHERE key = ?1");
    st.bind(1, name(key));
    return st.next() ? st.text(0) : defaultValue(key);
}

QString StoreSettings::set(Key key, const QString& value)
{
    const QString trimmed = value.trimmed();
    if (QString problem = check(key, trimmed); !problem.isEmpty())
        return problem;
    const QString normalised
        = key == Key::RetentionYears ? QString::number(trimmed.toInt()) : pounds(toPence(trimmed));
    if (normalised == this->value(key))
        return {};
    m_store.write([&] {
        Statement st = m_store.db().prepare(
            "INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)");
        st.bindAll({name(key), normalised, m_store.now(), m_store.actor()}).run();
        RowMeta meta;
        meta.id = name(key);
        meta.updatedAt = m_store.now();
        meta.updatedBy = m_store.actor();
        RecordWriter(m_store).appendOutbox(QStringLiteral("setting"), meta, QStringLiteral("update"),
            {{QStringLiteral("value"), normalised}});
        AuditLog(m_store).append(
            QStringLiteral("update"), QStringLiteral("setting"), name(key), QString(), normalised);
    });
    return {};
}

UnitCosts StoreSettings::unitCosts()
{
    UnitCosts costs;
    costs.gpAppointmentPence = toPence(value(Key::GpAppointmentCost));
    costs.aeAttendancePence = toPence(value(Key::AeAttendanceCost));
    costs.flatRatePerInterventionPence = toPence(value(Key::FlatRatePerIntervention));
    return costs;
}

int StoreSettings::retentionYears()
{
    return value(Key::RetentionYears).toInt();
}
