#pragma once
// The state every page looks at: the open model, the data folder loaded for it and the FP32
// evaluation of the pair. Each long call has its JobSlot (model, data folder, FP32 evaluation);
// the current state is only replaced when a new result arrives, so a failed open loses nothing.
//
// Pages hold a Session* and react to modelChanged / datasetChanged / evaluationChanged.

#include <QObject>
#include <QString>

#include <memory>

#include "core/dataset.h"
#include "core/fp32_eval.h"
#include "core/graph.h"
#include "widgets/job_slot.h"

namespace ql {

struct QdqImport;

class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);

    void openModel(const QString& path);
    // Without a model the folder is remembered and loaded as soon as one is open.
    void openDataFolder(const QString& dir);
    void evaluate();
    void cancel(); // every job; emits cancelled() once if any was running

    // Run the FP32 evaluation as soon as a model and its data are both loaded (default on).
    void setAutoEvaluate(bool on) { m_autoEvaluate = on; }
    void setDatasetLimit(int limit) { m_datasetLimit = limit; }
    // How the data folder is preprocessed (the config's "preprocessing", class map included);
    // defaultPreprocess(model) when a model opens. A change reloads the folder.
    void setPreprocess(const Preprocess& pp);
    const Preprocess& preprocess() const { return m_preprocess; }

    std::shared_ptr<const Model> model() const { return m_model; }
    // A QDQ model (QuantizeLinear/DequantizeLinear, e.g. QuantLens's own export) opens as the
    // float model under it, and this keeps what the file states: the config and every coded
    // tensor's (S, Z) and codes (core/export/qdq_import.h). Null for a plain float model.
    std::shared_ptr<const QdqImport> qdqImport() const { return m_qdq; }
    QString modelPath() const { return m_modelPath; }
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }
    QString dataDir() const { return m_dataDir; }
    std::shared_ptr<const Fp32EvalResult> evaluation() const { return m_evaluation; }
    bool isEvaluating() const { return m_evaluateJob.isBusy(); }
    bool isLoadingDataset() const { return m_datasetJob.isBusy(); }
    bool isBusy() const;
    // Threads for the core calls of every job; 0 = all hardware threads.
    void setThreads(int threads);
    int threads() const { return m_threads; }

    JobSlot* modelJob() { return &m_modelJob; }
    JobSlot* datasetJob() { return &m_datasetJob; }
    JobSlot* evaluationJob() { return &m_evaluateJob; }

signals:
    void modelChanged();
    void datasetChanged();
    void evaluationChanged();
    // title names the action ("Could not open the model"), message the file and the problem.
    void failed(const QString& title, const QString& message);
    void cancelled();
    // A job started, finished, failed or was cancelled: isBusy() etc. may have changed.
    void jobsChanged();

private:
    void onModelAvailable(std::shared_ptr<const Model> model, std::shared_ptr<const QdqImport> qdq);
    void onDatasetAvailable(std::shared_ptr<const Dataset> dataset);
    void onEvaluationAvailable(std::shared_ptr<const Fp32EvalResult> result);
    void clearEvaluation();
    void loadDataset(const QString& dir);

    JobSlot m_modelJob;
    JobSlot m_datasetJob;
    JobSlot m_evaluateJob;
    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const QdqImport> m_qdq;
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const Fp32EvalResult> m_evaluation;
    QString m_modelPath;
    QString m_dataDir;
    QString m_pendingModelPath;
    QString m_pendingDataDir;
    Preprocess m_preprocess;
    bool m_autoEvaluate = true;
    int m_datasetLimit = 0;
    int m_threads = 0;
};

} // namespace ql
