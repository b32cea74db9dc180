#pragma once

#include <QObject>

class QTimer;

// Emits inactive() once when there has been no mouse, keyboard, wheel or touch input
// anywhere in the application for timeout() milliseconds (KeePassXC's approach: one global
// event filter on qApp). After inactive() the timer is stopped; start() it again once the
// user has unlocked.
class InactivityTimer : public QObject
{
    Q_OBJECT

public:
    explicit InactivityTimer(QObject* parent = nullptr);

    void setTimeout(int msecs);
    int timeout() const;
    bool isActive() const { return m_active; }

    void start();
    void stop();

signals:
    void inactive();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void expire();

    QTimer* m_timer;
    bool m_active = false;
};
