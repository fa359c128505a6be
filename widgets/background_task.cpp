#include "widgets/background_task.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace ql {

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_done)
            emit progress(m_done->load(), m_total->load());
    });
}

BackgroundTask::~BackgroundTask()
{
    if (m_token)
        m_token->cancel();
    for (QFuture<void>& f : m_futures)
        f.waitForFinished();
}

void BackgroundTask::start(Work work)
{
    cancel();
    const quint64 generation = ++m_generation;
    m_token = std::make_shared<CancelToken>();
    m_done = std::make_shared<std::atomic<long long>>(0);
    m_total = std::make_shared<std::atomic<long long>>(1);
    RunControl ctl;
    ctl.cancel = m_token.get();
    ctl.progress = [done = m_done, total = m_total](long long d, long long t) {
        *done = d;
        *total = t;
    };
    m_futures.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
    m_futures << QtConcurrent::run([this, work, ctl, token = m_token, generation] {
        std::function<void()> publish;
        QString error;
        bool wasCancelled = false;
        try {
            publish = work(ctl);
        } catch (const Cancelled&) {
            wasCancelled = true;
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        // `this` outlives the run (the destructor waits), so the queued call is safe.
        QMetaObject::invokeMethod(
            this, [=, this] { finished(generation, publish, error, wasCancelled); },
            Qt::QueuedConnection);
    });
    m_timer->start();
    setBusy(true);
}

void BackgroundTask::finished(quint64 generation, const std::function<void()>& publish,
                              const QString& error, bool wasCancelled)
{
    if (generation != m_generation)
        return; // superseded or cancelled: dropped
    m_timer->stop();
    setBusy(false);
    if (wasCancelled)
        emit cancelled();
    else if (!error.isEmpty())
        emit failed(error);
    else if (publish)
        publish();
}

void BackgroundTask::cancel()
{
    if (!m_busy)
        return;
    m_token->cancel();
    ++m_generation; // whatever arrives now is stale
    m_timer->stop();
    setBusy(false);
    emit cancelled();
}

void BackgroundTask::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace ql
