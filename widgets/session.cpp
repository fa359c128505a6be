#include "widgets/session.h"

namespace ql {

Session::Session(QObject* parent) : QObject(parent)
{
    connect(&m_jobs, &JobRunner::modelAvailable, this, &Session::onModelAvailable);
    connect(&m_jobs, &JobRunner::datasetAvailable, this, &Session::onDatasetAvailable);
    connect(&m_jobs, &JobRunner::evaluationAvailable, this, &Session::onEvaluationAvailable);
    connect(&m_jobs, &JobRunner::failed, this, &Session::onFailed);
}

void Session::openModel(const QString& path)
{
    m_pendingModelPath = path;
    m_jobs.loadModel(path);
}

void Session::openDataFolder(const QString& dir)
{
    if (!m_model) {
        m_dataDir = dir;
        m_dataset.reset();
        emit datasetChanged();
        return;
    }
    m_pendingDataDir = dir;
    m_jobs.loadDataset(m_model, dir, m_datasetLimit);
}

void Session::evaluate()
{
    if (m_model && m_dataset)
        m_jobs.evaluateFp32(m_model, m_dataset);
}

void Session::clearEvaluation()
{
    m_jobs.cancel(JobRunner::Job::EvaluateFp32);
    if (m_evaluation) {
        m_evaluation.reset();
        emit evaluationChanged();
    }
}

void Session::onModelAvailable(std::shared_ptr<const Model> model)
{
    m_model = std::move(model);
    m_modelPath = m_pendingModelPath;
    clearEvaluation();
    emit modelChanged();

    // Images are preprocessed for the model's input, so the folder is loaded again. A folder
    // requested while the previous model was current wins over the one shown.
    const bool folderPending = m_jobs.isRunning(JobRunner::Job::LoadDataset);
    const QString dir = folderPending ? m_pendingDataDir : m_dataDir;
    if (dir.isEmpty())
        return;
    if (m_dataset) {
        m_dataset.reset();
        emit datasetChanged();
    }
    m_pendingDataDir = dir;
    m_jobs.loadDataset(m_model, dir, m_datasetLimit);
}

void Session::onDatasetAvailable(std::shared_ptr<const Dataset> dataset)
{
    m_dataset = std::move(dataset);
    m_dataDir = m_pendingDataDir;
    clearEvaluation();
    emit datasetChanged();
    if (m_autoEvaluate)
        evaluate();
}

void Session::onEvaluationAvailable(std::shared_ptr<const Fp32EvalResult> result)
{
    m_evaluation = std::move(result);
    emit evaluationChanged();
}

void Session::onFailed(JobRunner::Job job, const QString& message)
{
    switch (job) {
    case JobRunner::Job::LoadModel:
        emit failed(tr("Could not open the model"), message);
        break;
    case JobRunner::Job::LoadDataset:
        emit failed(tr("Could not load the data folder"), message);
        break;
    case JobRunner::Job::EvaluateFp32:
        emit failed(tr("FP32 evaluation failed"), message);
        break;
    }
}

} // namespace ql
