#pragma once
// The quantization state every quantization page looks at, on top of the Session (model +
// evaluation data): the calibration folder and its statistics, the editable QuantConfig with
// its undo stack, the latest EvaluationReport, a pinned baseline report, and the selected
// layer that drives the charts and the inspector.
//
// Long work (calibration, evaluation) runs off the GUI thread with a generation id and a
// cancel token; every config edit schedules a debounced re-evaluation and a result that
// arrives after a newer edit is dropped. Results are shared immutable value structs.

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

#include "core/quant/engine.h"

class QUndoStack;

namespace ql {

class JobSlot;
class Session;

class QuantSession : public QObject
{
    Q_OBJECT
public:
    explicit QuantSession(Session* session, QObject* parent = nullptr);
    ~QuantSession() override;

    Session* session() const { return m_session; }

    // ---- calibration ----
    void openCalibrationFolder(const QString& dir);
    QString calibrationDir() const;
    std::shared_ptr<const Dataset> calibrationData() const;
    std::shared_ptr<const CalibrationStats> calibration() const;
    // Load at most this many calibration images (spread over classes); <= 0: all (default).
    void setCalibrationLimit(int limit);
    bool isCalibrating() const;

    // ---- configuration (every change is an undoable command) ----
    const QuantConfig& config() const;
    // True while the open model is a QDQ file and the config is the one it states: the report's
    // (S, Z) and codes are the file's, not calibrated (Session::qdqImport).
    bool usesImportedParams() const;
    QUndoStack* undoStack() const;
    // Replaces the whole config (presets, "apply Pareto point", open config) as one command.
    void setConfig(const QuantConfig& config, const QString& description);
    // Edits the override of each named layer (creating it if needed) as one command.
    // Consecutive edits with the same non-empty mergeKey (e.g. one table cell) within a
    // couple of seconds merge into one undo step.
    void editLayers(const QStringList& layers, const std::function<void(LayerOverride&)>& edit,
                    const QString& description, const QString& mergeKey = {});
    void editDefaults(const std::function<void(QuantDefaults&)>& edit, const QString& description);
    // Layer names of the current plan (what the config may name).
    QStringList layerNames() const;
    // The layer plan for the current model and the config's fusion setting (null: no model).
    std::shared_ptr<const LayerPlan> plan() const;

    // ---- files ----
    // Open: validates against the model; on a SHA-256 mismatch emits modelMismatch (the page
    // asks and calls applyMatchingLayers). Errors go to failed(); the current config is kept.
    void openConfig(const QString& path);
    void applyMatchingLayers(const QuantConfig& foreign);
    bool saveConfig(const QString& path); // atomic; false + failed() on error
    QString configPath() const;
    bool isDirty() const; // undo stack not clean
    bool exportReport(const QString& path); // .json or .csv (report_io)

    // ---- results ----
    std::shared_ptr<const QuantizedModel> quantizedModel() const;
    std::shared_ptr<const EvaluationReport> report() const;
    std::shared_ptr<const EvaluationReport> baseline() const;
    QString baselineName() const;
    void pinBaseline(const QString& name); // the current report becomes the baseline
    void clearBaseline();
    bool isBusy() const;
    // What the latest report stands for (the summary panel's status line).
    enum class EvaluationState {
        Idle,           // no model
        WaitingForData, // calibration or the evaluation folder still loading
        Scheduled,      // an edit is waiting out the debounce interval
        Evaluating,
        UpToDate,
        Cancelled,
        Failed,
    };
    Q_ENUM(EvaluationState)
    EvaluationState evaluationState() const;
    qint64 lastEvaluationMs() const; // wall time of the evaluation behind report(); -1 = none
    bool isReportStale() const;      // report() was computed for another config
    // The data the evaluation runs on: the evaluation folder, else the calibration folder.
    std::shared_ptr<const Dataset> evaluationData() const;
    void reevaluate(); // now (also scheduled automatically, debounced, after each edit)
    void cancel();
    // The two jobs (tests hold their results back with JobSlot::setResultHook).
    JobSlot* calibrationJob() const;
    JobSlot* evaluationJob() const;
    // Debounce interval after an edit (default 150 ms; tests may set 0).
    void setDebounceMs(int ms);
    // Recent results kept so that undo / redo to a recently evaluated config is instant
    // (default 4; 0 = always re-evaluate).
    void setResultCacheSize(int size);

    // ---- selection ----
    QString selectedLayer() const;
    void selectLayer(const QString& layer);

    // The explain API on the current quantized model and the evaluation data (GUI thread;
    // a single element is cheap). Throws ql::Error.
    ExplainResult explain(const QString& layer, const std::vector<int64_t>& index,
                          int sample) const;

signals:
    void calibrationChanged();
    void configChanged();
    void configPathChanged();
    void planChanged(); // rows of the layer table (new model, or fusion toggled)
    void evaluationStateChanged();
    void dirtyChanged(bool dirty);
    void reportAvailable();      // report() changed
    void baselineChanged();
    void selectedLayerChanged(const QString& layer);
    void busyChanged(bool busy);
    void progress(const QString& description, qint64 done, qint64 total);
    void modelMismatch(const QString& path, const ql::QuantConfig& foreign);
    void failed(const QString& title, const QString& message);

private:
    struct Private;
    std::unique_ptr<Private> d;
    Session* m_session;
};

} // namespace ql
