#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class StoreSession;

// The screen shown at start and after every lock: which store, a passphrase field and
// Unlock. A wrong passphrase is said beside the field with the count of failed attempts
// (the session audits them once the store is open); the field is cleared and keeps focus.
// The key is derived on the session's worker thread: meanwhile the fields are disabled and
// "Unlocking..." shows with a moving bar, and the window keeps painting.
class UnlockWidget : public QWidget
{
    Q_OBJECT

public:
    explicit UnlockWidget(StoreSession& session, QWidget* parent = nullptr);

    // The worker named on the audit entries of this session.
    void setActor(const QString& actor) { m_actor = actor; }
    // Re-reads the session's store path and clears the field and any message.
    void reset();

signals:
    void unlocked();
    void differentStoreRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void unlock();
    void unlockFinished(const QString& problem);
    void setBusy(bool busy);
    void showMessage(const QString& text);

    StoreSession& m_session;
    QString m_actor;
    QLabel* m_path = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QPushButton* m_unlockButton = nullptr;
    QPushButton* m_differentStore = nullptr;
    QLabel* m_busyLabel = nullptr;
    QProgressBar* m_busyBar = nullptr;
    bool m_waiting = false; // this widget asked the session to unlock and awaits the answer
    QLabel* m_messageIcon = nullptr;
    QLabel* m_message = nullptr;
};
