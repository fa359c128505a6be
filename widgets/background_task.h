#pragma once
// BackgroundTask: one slot for a long core call run off the GUI thread (QtConcurrent), with a
// cancel token, progress polled every 100 ms, and a generation id — starting a new run or
// cancelling makes the previous run stale, and a stale result is dropped, never published.
// The work function runs on a pool thread and returns the closure that publishes its result
// on the GUI thread. The destructor cancels and waits for every run still going.

#include <QFuture>
#include <QList>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

#include "core/progress.h"

class QTimer;

namespace ql {

class BackgroundTask : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<std::function<void()>(const RunControl&)>;

    explicit BackgroundTask(QObject* parent = nullptr);
    ~BackgroundTask() override;

    void start(Work work); // cancels the running one first
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    void progress(qint64 done, qint64 total);
    void busyChanged(bool busy);
    void cancelled();
    void failed(const QString& message);

private:
    void finished(quint64 generation, const std::function<void()>& publish, const QString& error,
                  bool wasCancelled);
    void setBusy(bool busy);

    QTimer* m_timer;
    bool m_busy = false;
    quint64 m_generation = 0;
    std::shared_ptr<CancelToken> m_token;
    std::shared_ptr<std::atomic<long long>> m_done, m_total;
    QList<QFuture<void>> m_futures; // superseded runs finish (cancelled) in the background
};

} // namespace ql
