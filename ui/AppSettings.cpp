#include "AppSettings.h"

namespace {
struct KeyInfo
{
    AppSettings::Key key;
    const char* name;
    QVariant defaultValue;
};

// Renamed keys are migrated here when that first happens (old name -> new name on load).
const KeyInfo& info(AppSettings::Key key)
{
    static const KeyInfo table[] = {
        {AppSettings::Key::AutoLockMinutes, "security/autoLockMinutes", QVariant(5)},
        {AppSettings::Key::StorePath, "store/path", QVariant(QString())},
        {AppSettings::Key::SyncServerUrl, "sync/serverUrl", QVariant(QString())},
        {AppSettings::Key::SyncIntervalMinutes, "sync/intervalMinutes", QVariant(10)},
        {AppSettings::Key::LastUser, "session/lastUser", QVariant(QString())},
        {AppSettings::Key::DashboardPeriod, "dashboard/period",
            QVariant(QStringLiteral("this-financial-year"))},
    };
    for (const KeyInfo& entry : table) {
        if (entry.key == key)
            return entry;
    }
    Q_UNREACHABLE();
}

QVariant converted(const QVariant& value, const QVariant& like)
{
    QVariant result = value;
    if (!result.convert(like.metaType()))
        return like;
    return result;
}
} // namespace

AppSettings::AppSettings(QObject* parent)
    : QObject(parent)
{ }

QString AppSettings::name(Key key)
{
    return QLatin1String(info(key).name);
}

QVariant AppSettings::defaultValue(Key key)
{
    return info(key).defaultValue;
}

QVariant AppSettings::value(Key key) const
{
    const QVariant fallback = defaultValue(key);
    return converted(m_settings.value(name(key), fallback), fallback);
}

void AppSettings::setValue(Key key, const QVariant& value)
{
    const QVariant typed = converted(value, defaultValue(key));
    if (typed == this->value(key))
        return;
    m_settings.setValue(name(key), typed);
    emit changed(key);
}

QString AppSettings::osUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name;
}
