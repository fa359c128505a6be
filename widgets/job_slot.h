#pragma once
// JobSlot: the one mechanism for long core calls run off the GUI thread. A slot runs one job
// at a time: starting a job cancels the one before it, and every job carries a generation id,
// so a result that arrives after it was superseded or cancelled is dropped, never published.
// The work function is injected: it runs on the slot's own thread pool with a RunControl
// (cancel token, progress, the slot's thread count) and returns the closure that publishes its
// result on the GUI thread. Progress is polled every 100 ms. The destructor cancels and waits.

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

#include "core/progress.h"

namespace ql {

class JobSlot : public QObject
{
    Q_OBJECT
public:
    // Runs on a pool thread; returns what publishes the result on the GUI thread.
    using Work = std::function<std::function<void()>(const RunControl&)>;
    // Test seam: runs on the worker after the work returned a result, before it is posted.
    using ResultHook = std::function<void(quint64 generation)>;

    explicit JobSlot(QObject* parent = nullptr);
    ~JobSlot() override;

    // Cancels the running job (if any) and starts `work`; returns its generation id.
    quint64 start(const QString& description, Work work);
    // Cancels the running job; true if one was running. Emits cancelled().
    bool cancel();
    // Like cancel() without the signal: for owners that replace the job's meaning.
    bool discard();
    bool isBusy() const { return m_state != nullptr; }
    quint64 generation() const { return m_generation; }
    QString description() const;

    // Threads the core calls may use (RunControl::threads); 0 = all hardware threads.
    void setThreads(int threads) { m_threads = threads; }
    int threads() const { return m_threads; }
    void setResultHook(ResultHook hook) { m_hook = std::move(hook); }
    // Blocks until every worker (also superseded ones) has returned and delivers what they
    // posted: results of the current job are published, stale ones dropped. For tests and
    // shutdown.
    void waitForWorkers();

signals:
    void progress(const QString& description, qint64 done, qint64 total);
    void busyChanged(bool busy);
    void cancelled();
    void failed(const QString& message);
    // A stale result (superseded or cancelled job) arrived and was dropped.
    void dropped(quint64 generation);

private:
    struct State
    {
        QString description;
        CancelToken token;
        std::atomic<long long> done{0};
        std::atomic<long long> total{0};
    };
    enum class Outcome { Result, Cancelled, Failed };
    void finish(quint64 generation, Outcome outcome, const std::function<void()>& publish,
                const QString& error);
    bool invalidate(); // cancels and makes the running job stale; busy is left to the caller
    void setBusy(bool busy);

    QThreadPool m_pool;
    QTimer m_progressTimer;
    std::shared_ptr<State> m_state; // null when idle
    quint64 m_generation = 0;
    int m_threads = 0;
    bool m_busy = false;
    ResultHook m_hook;
};

} // namespace ql
