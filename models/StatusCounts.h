#pragma once

#include <QMap>
#include <QObject>
#include <QString>

class QTimer;
class ReadWorker;
class StoreSession;

// The status bar's numbers: cases by status ("9 open, 46 closed") and the local changes
// waiting to sync. Both count whole tables (at 100,000 cases and a few million outbox rows
// that is far more than a frame), so they are counted on a ReadWorker and arrive by signal.
// Counted again after an unlock and, once a burst of edits has settled, after each change
// the session announces; cleared on lock.
class StatusCounts : public QObject
{
    Q_OBJECT

public:
    explicit StatusCounts(StoreSession* session, QObject* parent = nullptr);

    // Asks for fresh counts; countsReady follows (only for the newest request).
    void refresh();
    bool hasCounts() const { return m_hasCounts; }
    QMap<QString, int> byStatus() const { return m_byStatus; } // status key -> live cases
    int pendingChanges() const { return m_pendingChanges; }

signals:
    void countsReady(const QMap<QString, int>& byStatus, int pendingChanges);
    // Locked: there are no numbers to show.
    void cleared();
    void failed(const QString& message);

private:
    void clear();

    StoreSession* m_session;
    ReadWorker* m_reads;
    QTimer* m_settle;
    QMap<QString, int> m_byStatus;
    int m_pendingChanges = 0;
    bool m_hasCounts = false;
};
