#pragma once

#include <QObject>
#include <QSettings>
#include <QVariant>

// This laptop's settings for the desktop app (QSettings under the application's
// organisation and name). One typed key enum and one table of {name, default}; team
// settings that travel with the data live in the store instead (store/StoreSettings).
class AppSettings : public QObject
{
    Q_OBJECT

public:
    enum class Key {
        AutoLockMinutes, // int, minutes of no input before the store locks itself
        StorePath, // QString, the store opened at start; empty on first run
        SyncServerUrl, // QString, used by the sync feature
        SyncIntervalMinutes, // int, used by the sync feature
        LastUser, // QString, the worker name last used to unlock
        DashboardPeriod, // QString, ReportPeriod::presetKey of the dashboard's last period
    };
    Q_ENUM(Key)

    explicit AppSettings(QObject* parent = nullptr);

    static QString name(Key key);
    static QVariant defaultValue(Key key);
    // The login name, stamped on changes as the acting worker until sync brings accounts.
    static QString osUserName();

    // The stored value converted to the default's type, or the default.
    QVariant value(Key key) const;
    // Does nothing when the value is unchanged; otherwise stores it and emits changed(key).
    void setValue(Key key, const QVariant& value);

    int autoLockMinutes() const { return value(Key::AutoLockMinutes).toInt(); }
    QString storePath() const { return value(Key::StorePath).toString(); }

signals:
    void changed(AppSettings::Key key);

private:
    QSettings m_settings;
};
