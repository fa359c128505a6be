#include "widgets/job_slot.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

namespace ql {

JobSlot::JobSlot(QObject* parent) : QObject(parent)
{
    // One running job plus one superseded job still finishing its cancellation: a new job
    // never waits for the old one to notice its cancel token.
    m_pool.setMaxThreadCount(2);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_state)
            emit progress(m_state->description, m_state->done.load(), m_state->total.load());
    });
}

JobSlot::~JobSlot()
{
    // Workers post to this object: they must be gone first. No signals: receivers may already
    // be half destroyed.
    if (m_state)
        m_state->token.cancel();
    m_pool.waitForDone();
}

quint64 JobSlot::start(const QString& description, Work work)
{
    invalidate();
    auto state = std::make_shared<State>();
    state->description = description;
    m_state = state;
    const quint64 generation = ++m_generation;

    RunControl ctl;
    ctl.cancel = &state->token;
    ctl.threads = m_threads;
    ctl.progress = [state](long long done, long long total) {
        state->done.store(done, std::memory_order_relaxed);
        state->total.store(total, std::memory_order_relaxed);
    };
    (void)QtConcurrent::run(&m_pool, [this, state, ctl, work = std::move(work), generation,
                                      hook = m_hook] {
        std::function<void()> publish;
        Outcome outcome = Outcome::Result;
        QString error;
        try {
            publish = work(ctl);
            if (hook)
                hook(generation);
        } catch (const Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            error = QString::fromStdString(e.what());
        }
        // `this` outlives the worker (the destructor waits), so the queued call is safe.
        QMetaObject::invokeMethod(
            this, [=, this] { finish(generation, outcome, publish, error); },
            Qt::QueuedConnection);
    });
    emit progress(description, 0, 0);
    m_progressTimer.start();
    setBusy(true);
    return generation;
}

void JobSlot::finish(quint64 generation, Outcome outcome, const std::function<void()>& publish,
                     const QString& error)
{
    if (generation != m_generation) {
        emit dropped(generation); // superseded or cancelled: the result is stale
        return;
    }
    m_state.reset();
    m_progressTimer.stop();
    // Publish before busyChanged(false), so that "idle" observers already see the result.
    switch (outcome) {
    case Outcome::Result:
        if (publish)
            publish();
        break;
    case Outcome::Cancelled: emit cancelled(); break;
    case Outcome::Failed: emit failed(error); break;
    }
    setBusy(m_state != nullptr); // publish() may have started the next job
}

bool JobSlot::invalidate()
{
    if (!m_state)
        return false;
    m_state->token.cancel();
    m_state.reset();
    ++m_generation; // whatever the worker still delivers is now stale
    m_progressTimer.stop();
    return true;
}

bool JobSlot::discard()
{
    if (!invalidate())
        return false;
    setBusy(false);
    return true;
}

bool JobSlot::cancel()
{
    if (!discard())
        return false;
    emit cancelled();
    return true;
}

QString JobSlot::description() const
{
    return m_state ? m_state->description : QString();
}

void JobSlot::waitForWorkers()
{
    m_pool.waitForDone();
    // Every worker has posted its finish() call by now: deliver them.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void JobSlot::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace ql
