#include "widgets/job_runner.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include "core/error.h"
#include "core/onnx_import.h"
#include "widgets/text_format.h"

namespace ql {

JobRunner::JobRunner(QObject* parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(JobCount);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &JobRunner::reportProgress);
}

JobRunner::~JobRunner()
{
    // Workers post their results to this object: they must all be gone before it is. No
    // signals here: receivers may already be half destroyed.
    for (Slot& slot : m_slots)
        if (slot.state)
            slot.state->token.cancel();
    m_pool.waitForDone();
}

void JobRunner::loadModel(const QString& path)
{
    const std::string file = QFile::encodeName(path).toStdString();
    start(Job::LoadModel, tr("Loading model %1").arg(QFileInfo(path).fileName()),
          [this, file](const RunControl&) -> std::function<void()> {
              auto model = std::make_shared<const Model>(loadOnnxModel(file));
              return [this, model] { emit modelAvailable(model); };
          });
}

void JobRunner::loadDataset(std::shared_ptr<const Model> model, const QString& dir, int limit)
{
    const std::string root = QFile::encodeName(dir).toStdString();
    start(Job::LoadDataset, tr("Loading images from %1").arg(QFileInfo(dir).fileName()),
          [this, model, root, limit](const RunControl& ctl) -> std::function<void()> {
              auto data = std::make_shared<const Dataset>(
                  loadImageFolder(root, defaultPreprocess(*model), limit, ctl));
              return [this, data] { emit datasetAvailable(data); };
          });
}

void JobRunner::evaluateFp32(std::shared_ptr<const Model> model,
                             std::shared_ptr<const Dataset> data)
{
    start(Job::EvaluateFp32, tr("Evaluating FP32 on %1").arg(formatQuantity(data->size(), "image", "images")),
          [this, model, data](const RunControl& ctl) -> std::function<void()> {
              auto result =
                  std::make_shared<const Fp32EvalResult>(ql::evaluateFp32(*model, *data, ctl));
              return [this, result] { emit evaluationAvailable(result); };
          });
}

void JobRunner::start(Job job, const QString& description, Work work)
{
    Slot& slot = m_slots[static_cast<size_t>(job)];
    if (slot.state)
        slot.state->token.cancel();
    auto state = std::make_shared<JobState>();
    state->description = description;
    slot.state = state;
    const quint64 generation = ++slot.generation;
    m_lastStarted = job;

    RunControl ctl;
    ctl.cancel = &state->token;
    ctl.threads = m_threads;
    ctl.progress = [state](long long done, long long total) {
        state->done.store(done, std::memory_order_relaxed);
        state->total.store(total, std::memory_order_relaxed);
    };

    auto post = [this, job, generation](std::function<void()> publish) {
        QMetaObject::invokeMethod(
            this, [this, job, generation, publish] { finish(job, generation, publish); },
            Qt::QueuedConnection);
    };
    (void)QtConcurrent::run(&m_pool, [state, ctl, work = std::move(work), post, job, this] {
        try {
            post(work(ctl));
        } catch (const Cancelled&) {
            post([this, job] { emit cancelled(job); });
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            post([this, job, message] { emit failed(job, message); });
        }
    });
    emit progress(description, 0, 0);
    updateBusy();
}

void JobRunner::finish(Job job, quint64 generation, const std::function<void()>& publish)
{
    Slot& slot = m_slots[static_cast<size_t>(job)];
    if (generation != slot.generation)
        return; // superseded or cancelled: drop the stale result
    slot.state.reset();
    publish();
    updateBusy();
}

void JobRunner::cancel(Job job)
{
    Slot& slot = m_slots[static_cast<size_t>(job)];
    if (!slot.state)
        return;
    slot.state->token.cancel();
    slot.state.reset();
    ++slot.generation; // whatever the worker still delivers is now stale
    emit cancelled(job);
    updateBusy();
}

void JobRunner::cancelAll()
{
    for (int i = 0; i < JobCount; ++i)
        cancel(static_cast<Job>(i));
}

bool JobRunner::isRunning(Job job) const
{
    return m_slots[static_cast<size_t>(job)].state != nullptr;
}

bool JobRunner::isBusy() const
{
    for (const Slot& s : m_slots)
        if (s.state)
            return true;
    return false;
}

void JobRunner::reportProgress()
{
    // Prefer the job started last; fall back to any other that is still running.
    const Slot* shown = &m_slots[static_cast<size_t>(m_lastStarted)];
    for (size_t i = 0; !shown->state && i < m_slots.size(); ++i)
        shown = &m_slots[i];
    if (shown->state)
        emit progress(shown->state->description, shown->state->done.load(),
                      shown->state->total.load());
}

void JobRunner::updateBusy()
{
    emit jobsChanged();
    const bool busy = isBusy();
    if (busy)
        m_progressTimer.start();
    else
        m_progressTimer.stop();
    if (busy != m_busy) {
        m_busy = busy;
        emit busyChanged(busy);
    }
}

} // namespace ql
