#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class StoreSession;

// The screen shown at start and after every lock: which store, a passphrase field and
// Unlock. A wrong passphrase is said beside the field with the count of failed attempts
// (the session audits them once the store is open); the field is cleared and keeps focus.
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
    void showMessage(const QString& text);

    StoreSession& m_session;
    QString m_actor;
    QLabel* m_path = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QPushButton* m_unlockButton = nullptr;
    QLabel* m_messageIcon = nullptr;
    QLabel* m_message = nullptr;
};
