#pragma once

#include "store/KdfParams.h"

#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class StoreSession;

// First run: what a store is, then either create one (location, passphrase twice with a
// live strength meter; weak or mismatched passphrases refused beside the field) or open an
// existing file. Creating leaves the session unlocked. The key is derived on the session's
// worker thread; meanwhile the form is disabled and "Creating the store..." shows.
class WelcomeWidget : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomeWidget(StoreSession& session, QWidget* parent = nullptr);

    // The worker named on the new store's first audit entries.
    void setActor(const QString& actor) { m_actor = actor; }
    void setStoreLocation(const QString& path);
    QString storeLocation() const;
    static QString defaultStoreLocation();

    // Tests use the weakest accepted Argon2id parameters so creating takes milliseconds.
    void setKdfParamsForTesting(const KdfParams& params) { m_testParams = params; }

signals:
    // The store at path was created and the session is unlocked on it.
    void storeCreated(const QString& path);
    // The worker chose an existing store; the session's path is set, still locked.
    void existingStoreChosen(const QString& path);

private:
    void browseLocation();
    void openExisting();
    void updateStrength();
    void create();
    void createFinished(const QString& problem);
    void setBusy(bool busy);
    void showProblem(QLabel* label, QLineEdit* field, const QString& problem);
    void clearProblems();

    StoreSession& m_session;
    QString m_actor;
    std::optional<KdfParams> m_testParams;

    QLineEdit* m_location = nullptr;
    QLabel* m_locationProblem = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QProgressBar* m_strengthBar = nullptr;
    QLabel* m_strengthVerdict = nullptr;
    QLabel* m_passphraseProblem = nullptr;
    QLineEdit* m_repeat = nullptr;
    QLabel* m_repeatProblem = nullptr;
    QPushButton* m_createButton = nullptr;
    QLabel* m_createProblem = nullptr;
    QLabel* m_busyLabel = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QList<QWidget*> m_busyDisabled; // what cannot be used while the store is being created
    QString m_creatingPath; // set while this widget waits for the session
};
