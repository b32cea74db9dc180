#pragma once

#include "store/StoreSettings.h"

#include <QDialog>
#include <QMap>

class AppSettings;
class QLabel;
class QLineEdit;
class QSpinBox;
class Store;

// Settings: this laptop's (auto-lock, sync server) and, when a store is unlocked, the team's
// (unit costs, flat rate, retention), which live in the store. OK saves everything or, when
// a team value is refused, nothing, and shows why beside the field; Cancel discards.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // store may be null (locked): the team settings are then not shown.
    SettingsDialog(AppSettings& settings, Store* store, QWidget* parent = nullptr);

    void accept() override;

private:
    struct TeamField
    {
        QLineEdit* edit = nullptr;
        QLabel* problem = nullptr;
        QString subject;
    };

    QWidget* buildLaptopPage();
    QWidget* buildTeamPage();
    bool saveTeamSettings();
    void growToFit();

    AppSettings& m_settings;
    Store* m_store;
    QSpinBox* m_autoLockMinutes = nullptr;
    QLineEdit* m_syncServerUrl = nullptr;
    QSpinBox* m_syncIntervalMinutes = nullptr;
    QMap<StoreSettings::Key, TeamField> m_teamFields;
};
