#pragma once
// QuantSession's private state, shared by quant_session.cpp (jobs, calibration, evaluation)
// and quant_session_config.cpp (config edits, files). Not part of the widgets' API.

#include <QTimer>
#include <QUndoStack>

#include <atomic>
#include <deque>

#include "widgets/job_slot.h"
#include "widgets/quant_session.h"

namespace ql {

struct QdqImport;

// A quantized model together with the Model it points into, so that a QuantizedModel handed
// to a view stays valid after the session has moved on to another model.
struct OwnedQuantizedModel
{
    std::shared_ptr<const Model> model;
    QuantizedModel qmodel;
};

// A finished evaluation, kept in a small cache so that undo / redo of a recent edit shows its
// result at once.
struct QuantEvaluationResult
{
    QuantConfig config;
    std::shared_ptr<const CalibrationStats> calib;
    std::shared_ptr<const Dataset> data;
    std::shared_ptr<const QuantizedModel> qmodel;
    std::shared_ptr<const EvaluationReport> report;
    qint64 ms = -1;
};

struct QuantSession::Private
{
    using State = QuantSession::EvaluationState;

    QuantSession* q = nullptr;
    QUndoStack undo;
    QuantConfig config;
    std::shared_ptr<const Model> model;
    std::shared_ptr<const QdqImport> qdq; // the open model is a QDQ file (Session::qdqImport)
    std::shared_ptr<const LayerPlan> plan;
    QString configPath;

    QString calibDir;
    QString pendingCalibDir;
    int calibLimit = 0;
    std::shared_ptr<const Dataset> calibData;
    std::shared_ptr<const CalibrationStats> calib;

    // FP32 references of the evaluation set, shared by every evaluation of this model and data
    // (they do not depend on the config): edits re-run only the integer passes.
    struct References
    {
        std::shared_ptr<const Model> model;
        std::shared_ptr<const Dataset> data;
        std::shared_ptr<ReferenceCache> cache;
    } references;

    QuantEvaluationResult current; // what report() shows
    std::deque<QuantEvaluationResult> cache;
    size_t cacheSize = 4;
    std::shared_ptr<const EvaluationReport> baseline;
    QString baselineName;
    QString selected;

    State state = State::Idle;
    QTimer debounce;
    JobSlot calibJob;
    JobSlot evalJob;
    bool busy = false;

    void applyConfig(const QuantConfig& next);
    void pushConfig(const QuantConfig& next, const QString& description, const QString& mergeKey);
    void rebuildPlan();
    void setState(State s);
    void updateBusy();

    void start(JobSlot& slot, const QString& description, JobSlot::Work work);

    void startCalibration();
    void scheduleEvaluation();
    void startEvaluation();
    void publish(const QuantEvaluationResult& result);
};

} // namespace ql
