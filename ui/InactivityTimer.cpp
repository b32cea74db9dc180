#include "InactivityTimer.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

InactivityTimer::InactivityTimer(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::CoarseTimer);
    connect(m_timer, &QTimer::timeout, this, &InactivityTimer::expire);
}

void InactivityTimer::setTimeout(int msecs)
{
    m_timer->setInterval(msecs);
    if (m_active)
        m_timer->start();
}

int InactivityTimer::timeout() const
{
    return m_timer->interval();
}

void InactivityTimer::start()
{
    if (!m_active)
        qApp->installEventFilter(this);
    m_active = true;
    m_timer->start();
}

void InactivityTimer::stop()
{
    if (m_active)
        qApp->removeEventFilter(this);
    m_active = false;
    m_timer->stop();
}

bool InactivityTimer::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
        // Input events are delivered to a widget and then to each parent that ignores them,
        // so one key press may restart the timer several times; that is cheap.
        if (m_active)
            m_timer->start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void InactivityTimer::expire()
{
    // Stop first so a slot that shows a dialog or processes events cannot see a second
    // inactive() from this period.
    stop();
    emit inactive();
}
