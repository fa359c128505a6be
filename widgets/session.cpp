#include "widgets/session.h"

#include <QFile>
#include <QFileInfo>

#include "core/class_map.h"
#include "core/export/qdq_import.h"
#include "core/onnx_import.h"
#include "core/text_format.h"

namespace ql {

Session::Session(QObject* parent) : QObject(parent)
{
    const std::pair<JobSlot*, QString> jobs[] = {
        {&m_modelJob, tr("Could not open the model")},
        {&m_datasetJob, tr("Could not load the data folder")},
        {&m_evaluateJob, tr("FP32 evaluation failed")},
    };
    for (const auto& [slot, title] : jobs) {
        connect(slot, &JobSlot::failed, this,
                [this, title = title](const QString& message) { emit failed(title, message); });
        connect(slot, &JobSlot::busyChanged, this, &Session::jobsChanged);
    }
}

void Session::openModel(const QString& path)
{
    m_pendingModelPath = path;
    const std::string file = QFile::encodeName(path).toStdString();
    m_modelJob.start(tr("Loading model %1").arg(QFileInfo(path).fileName()),
                     [this, file](const RunControl&) -> std::function<void()> {
                         Model loaded = loadOnnxModel(file);
                         std::shared_ptr<const QdqImport> qdq;
                         std::shared_ptr<const Model> model;
                         if (isQdqModel(loaded)) {
                             // The float model lives inside the import (the quantized model
                             // built from it points there).
                             qdq = std::make_shared<const QdqImport>(importQdqFile(file));
                             model = std::shared_ptr<const Model>(qdq, &qdq->model);
                         } else {
                             model = std::make_shared<const Model>(std::move(loaded));
                         }
                         return [this, model, qdq] { onModelAvailable(model, qdq); };
                     });
}

void Session::loadDataset(const QString& dir)
{
    m_pendingDataDir = dir;
    const std::string root = QFile::encodeName(dir).toStdString();
    const auto model = m_model;
    const int limit = m_datasetLimit;
    const Preprocess pp = m_preprocess;
    m_datasetJob.start(tr("Loading images from %1").arg(QFileInfo(dir).fileName()),
                       [this, model, root, limit, pp](const RunControl& ctl) -> std::function<void()> {
                           Dataset loaded = loadImageFolder(root, pp, limit, ctl);
                           applyConfiguredClassMap(loaded, pp, model->exits.empty()
                                                                   ? 0
                                                                   : model->exits.back().classes);
                           auto data = std::make_shared<const Dataset>(std::move(loaded));
                           return [this, data] { onDatasetAvailable(data); };
                       });
}

void Session::setPreprocess(const Preprocess& pp)
{
    if (pp == m_preprocess)
        return;
    m_preprocess = pp;
    const QString dir = m_datasetJob.isBusy() ? m_pendingDataDir : m_dataDir;
    if (!m_model || dir.isEmpty())
        return;
    loadDataset(dir);
    // The tensors of the old preprocessing are gone at once: nothing evaluates on them.
    clearEvaluation();
    if (m_dataset) {
        m_dataset.reset();
        emit datasetChanged();
    }
}

void Session::cancel()
{
    bool any = false;
    for (JobSlot* slot : {&m_modelJob, &m_datasetJob, &m_evaluateJob})
        any = slot->discard() || any;
    if (!any)
        return;
    emit jobsChanged();
    emit cancelled();
}

bool Session::isBusy() const
{
    return m_modelJob.isBusy() || m_datasetJob.isBusy() || m_evaluateJob.isBusy();
}

void Session::setThreads(int threads)
{
    m_threads = threads;
    for (JobSlot* slot : {&m_modelJob, &m_datasetJob, &m_evaluateJob})
        slot->setThreads(threads);
}

void Session::openDataFolder(const QString& dir)
{
    if (!m_model) {
        m_dataDir = dir;
        m_dataset.reset();
        emit datasetChanged();
        return;
    }
    loadDataset(dir);
}

void Session::evaluate()
{
    if (!m_model || !m_dataset)
        return;
    const auto model = m_model;
    const auto data = m_dataset;
    m_evaluateJob.start(
        tr("Evaluating FP32 on %1").arg(formatQuantity(data->size(), "image", "images")),
        [this, model, data](const RunControl& ctl) -> std::function<void()> {
            auto result = std::make_shared<const Fp32EvalResult>(ql::evaluateFp32(*model, *data, ctl));
            return [this, result] { onEvaluationAvailable(result); };
        });
}

void Session::clearEvaluation()
{
    m_evaluateJob.discard();
    if (m_evaluation) {
        m_evaluation.reset();
        emit evaluationChanged();
    }
}

void Session::onModelAvailable(std::shared_ptr<const Model> model,
                               std::shared_ptr<const QdqImport> qdq)
{
    m_model = std::move(model);
    m_qdq = std::move(qdq);
    m_modelPath = m_pendingModelPath;
    m_preprocess = defaultPreprocess(*m_model);
    clearEvaluation();
    emit modelChanged();

    // Images are preprocessed for the model's input, so the folder is loaded again. A folder
    // requested while the previous model was current wins over the one shown.
    const bool folderPending = m_datasetJob.isBusy();
    const QString dir = folderPending ? m_pendingDataDir : m_dataDir;
    if (dir.isEmpty())
        return;
    if (m_dataset) {
        m_dataset.reset();
        emit datasetChanged();
    }
    loadDataset(dir);
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

} // namespace ql
