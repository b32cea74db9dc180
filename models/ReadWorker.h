#pragma once

#include <QAtomicInteger>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>

class QThread;
class Store;
class StoreSession;

// One worker thread with its own read-only connection to the session's store, for reads
// that would hold the GUI thread past a frame (the design: large queries off the GUI thread
// with their own connection; SQLite connections are never shared between threads).
// Only the newest request counts: asking again, cancel() or a lock drops the one before,
// interrupts its query, and its answer is never delivered. The connection opens on the
// first request after an unlock and is closed on the session's aboutToLock, before the key
// is wiped.
class ReadWorker : public QObject
{
    Q_OBJECT

public:
    explicit ReadWorker(StoreSession* session, QObject* parent = nullptr);
    ~ReadWorker() override;

    // Runs read(reader) on the worker thread, then deliver(result) on this object's thread
    // unless something newer came first. A StoreError goes to failed() instead.
    template<typename Result>
    void request(std::function<Result(Store&)> read, std::function<void(const Result&)> deliver)
    {
        post([read = std::move(read), deliver = std::move(deliver)](Store& reader) -> std::function<void()> {
            Result result = read(reader);
            return [deliver, result = std::move(result)] { deliver(result); };
        });
    }
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    void failed(const QString& message);

private:
    // Runs on the worker thread and returns what to do with the result on ours.
    using Job = std::function<std::function<void()>(Store& reader)>;

    void post(Job job);
    bool ensureReader();
    void close();
    void loop();
    void run(quint64 ticket, const Job& job);
    void finish(quint64 ticket, const std::function<void()>& deliver, const QString& problem);

    QPointer<StoreSession> m_session;
    QThread* m_thread = nullptr;
    // Written on this object's thread only, under m_runLock; read by the worker under it.
    std::unique_ptr<Store> m_reader;
    QMutex m_runLock; // held by the worker while it reads
    QMutex m_queueLock;
    QWaitCondition m_wake;
    std::optional<Job> m_next; // under m_queueLock
    quint64 m_nextTicket = 0; // under m_queueLock
    bool m_quit = false; // under m_queueLock
    QAtomicInteger<quint64> m_latest = 0; // the only ticket whose answer is wanted
    bool m_busy = false;
};
