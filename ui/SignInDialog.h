#pragma once

#include "sync/SyncSignIn.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QWidget;
class StoreSession;

// Signs this laptop in to the team's sync server (models/SyncSignIn, the rules of
// `casebook-cli login`): server address, username and password. On first contact with a
// server the system does not trust it shows the certificate's fingerprint and asks the
// worker to compare it with the one IT gave them before anything is sent; only a confirmed
// certificate is pinned. The probe and the login run off the GUI thread. Switching server
// or user while changes wait warns with their count and cases first.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(StoreSession& session, QWidget* parent = nullptr);
    ~SignInDialog() override;

    QLineEdit* serverField() const { return m_server; }
    QLineEdit* userField() const { return m_user; }
    QLineEdit* passwordField() const { return m_password; }
    QLineEdit* itFingerprintField() const { return m_itFingerprint; }
    QPushButton* signInButton() const { return m_signIn; }
    QPushButton* trustButton() const { return m_trust; }
    QPushButton* distrustButton() const { return m_distrust; }
    bool isAskingForTrust() const;
    bool isBusy() const { return m_busyCount > 0; }
    QString shownFingerprint() const { return m_seenFingerprint; }
    QString problem() const;

    // The answer to "changes would be left behind" (tests: no message box is shown).
    using LeaveChangesQuestion = std::function<bool(int waiting, const QStringList& cases)>;
    void setLeaveChangesQuestion(LeaveChangesQuestion ask) { m_askLeave = std::move(ask); }

signals:
    void signedIn();

private:
    void buildForm();
    QWidget* buildTrustPanel();
    void startSignIn();
    void probed(const ServerCertificateProbe::Result& seen);
    void confirmTrust();
    void refuseTrust();
    void logIn();
    void loggedIn(const SyncSignIn::Outcome& outcome);
    void setBusy(bool busy);
    void showProblem(const QString& problem);
    bool mayLeaveChanges();
    bool askLeaveChanges(int waiting, const QStringList& cases);
    template<typename Result, typename Work, typename Done> void runInBackground(Work work, Done done);

    StoreSession& m_session;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QWidget* m_trustPanel = nullptr;
    QLabel* m_trustText = nullptr;
    QLabel* m_fingerprint = nullptr;
    QLineEdit* m_itFingerprint = nullptr;
    QPushButton* m_trust = nullptr;
    QPushButton* m_distrust = nullptr;
    QLabel* m_problem = nullptr;
    QProgressBar* m_busy = nullptr;
    QPushButton* m_signIn = nullptr;
    int m_busyCount = 0;
    SyncSignIn::Attempt m_attempt;
    ServerCertificateProbe::Result m_seen;
    QString m_seenFingerprint;
    LeaveChangesQuestion m_askLeave;
};
