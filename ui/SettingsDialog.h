#pragma once

#include "store/StoreSettings.h"

#include <QDialog>
#include <QMap>

class AppSettings;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class ReferenceNormsModel;
class Store;

// Settings: this laptop's (auto-lock, sync server) and, when a store is unlocked, the team's
// (unit costs, flat rate, retention, the ONS4 reference norms), which live in the store. OK
// saves everything in one transaction or, when a team value is refused, nothing, and shows
// why beside the field or the norms table; Cancel discards.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // store may be null (locked): the team settings are then not shown.
    SettingsDialog(AppSettings& settings, Store* store, QWidget* parent = nullptr);

    void accept() override;
    // Shows the sync account again (after a sign-in from the button).
    void refreshSyncAccount();

signals:
    // The Sign in button: the window runs the sign-in dialog.
    void signInRequested();

private:
    struct TeamField
    {
        QLineEdit* edit = nullptr;
        QLabel* problem = nullptr;
        QString subject;
    };

    QWidget* buildLaptopPage();
    QWidget* buildTeamPage();
    void buildNormsSection(QWidget* group, QFormLayout* form);
    void addNorm();
    void removeNorm();
    void updateNormButtons();
    void fitNormsWidth();
    void commitOpenNormEditor();
    // Lists every problem under the table (true when there are none); goToFirst makes the
    // first one's cell current so focusing the table lands on it.
    bool showNormProblems(bool goToFirst);
    void saveNorms();
    bool saveTeamSettings();
    void growToFit();
    QString syncAccountText() const;

    AppSettings& m_settings;
    Store* m_store;
    QSpinBox* m_autoLockMinutes = nullptr;
    QLabel* m_syncAccount = nullptr;
    QPushButton* m_signIn = nullptr;
    QSpinBox* m_syncIntervalMinutes = nullptr;
    QMap<StoreSettings::Key, TeamField> m_teamFields;
    ReferenceNormsModel* m_norms = nullptr;
    QTableView* m_normsView = nullptr;
    QPushButton* m_addNorm = nullptr;
    QPushButton* m_removeNorm = nullptr;
    QLabel* m_normsProblem = nullptr;
};
