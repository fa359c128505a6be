#pragma once
// Runs the long core calls (model import, image-folder loading, FP32 evaluation) off the GUI
// thread. Each job kind has one slot: starting a job cancels the one before it, and every job
// carries a generation id so a result that arrives after it was superseded or cancelled is
// dropped. Results cross threads as shared, immutable value structs.

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

#include "core/dataset.h"
#include "core/fp32_eval.h"
#include "core/graph.h"
#include "core/progress.h"

namespace ql {

class JobRunner : public QObject
{
    Q_OBJECT
public:
    enum class Job { LoadModel, LoadDataset, EvaluateFp32 };
    static constexpr int JobCount = 3;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    void loadModel(const QString& path);
    // Preprocessing follows the model (defaultPreprocess); limit <= 0 loads every image.
    void loadDataset(std::shared_ptr<const Model> model, const QString& dir, int limit = 0);
    void evaluateFp32(std::shared_ptr<const Model> model, std::shared_ptr<const Dataset> data);

    void cancel(Job job);
    void cancelAll();
    bool isRunning(Job job) const;
    bool isBusy() const;

    // Threads for the core calls; 0 = all hardware threads.
    void setThreads(int threads) { m_threads = threads; }

signals:
    void modelAvailable(std::shared_ptr<const ql::Model> model);
    void datasetAvailable(std::shared_ptr<const ql::Dataset> dataset);
    void evaluationAvailable(std::shared_ptr<const ql::Fp32EvalResult> result);
    // Reported for the most recently started running job, at most every 100 ms.
    void progress(const QString& description, qint64 done, qint64 total);
    void failed(ql::JobRunner::Job job, const QString& message);
    void cancelled(ql::JobRunner::Job job);
    void busyChanged(bool busy);
    // A job started, finished, failed or was cancelled: isRunning() may have changed.
    void jobsChanged();

private:
    struct JobState
    {
        QString description;
        CancelToken token;
        std::atomic<long long> done{0};
        std::atomic<long long> total{0};
    };
    struct Slot
    {
        quint64 generation = 0;
        std::shared_ptr<JobState> state; // null when idle
    };
    // Runs on a pool thread; returns the closure that publishes the result on the GUI thread.
    using Work = std::function<std::function<void()>(const RunControl&)>;

    void start(Job job, const QString& description, Work work);
    void finish(Job job, quint64 generation, const std::function<void()>& publish);
    void reportProgress();
    void updateBusy();

    QThreadPool m_pool;
    QTimer m_progressTimer;
    std::array<Slot, JobCount> m_slots;
    Job m_lastStarted = Job::LoadModel;
    bool m_busy = false;
    int m_threads = 0;
};

} // namespace ql
