#pragma once
// The Mixed Precision page's state and jobs (docs/mixed-precision.md): the per-layer
// sensitivity analysis and the automatic search, run off the GUI thread in one JobSlot on the
// QuantSession's calibration and evaluation data, and their results with the config they were
// made for. The page only assembles widgets over it.
//
// Honesty of the search: it runs on `images` evaluation images (spread over the classes) for
// speed, then re-checks its answer on every evaluation image. Only a config that meets the
// target on the full set is reported as meeting it; when the found one does not, the next
// feasible candidates (by objective) are re-checked, and if none holds the outcome says so.

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

#include "core/quant/autoquant.h"
#include "widgets/job_slot.h"

namespace ql {

class QuantSession;

// A search result together with its re-check on the full evaluation set.
struct SearchOutcome
{
    AutoQuantResult result;
    QuantConfig base;           // the config the search started from
    int64_t searchImages = 0;   // images the search evaluated on
    int64_t fullImages = 0;     // images of the full evaluation set
    int chosen = -1;            // index into result.evaluated: what "Apply found" applies
    ExitScore fullScore;        // the chosen config on the full evaluation set
    bool targetMetOnFull = false;
    int recheckEvaluations = 0; // full-set evaluations spent on the re-check
};

class MixedPrecisionSession : public QObject
{
    Q_OBJECT
public:
    explicit MixedPrecisionSession(QuantSession* quant, QObject* parent = nullptr);
    ~MixedPrecisionSession() override;

    QuantSession* quantSession() const { return m_quant; }
    JobSlot* job() { return &m_job; }
    bool isBusy() const { return m_job.isBusy(); }
    // A model, its calibration and data to evaluate on.
    bool isReady() const;
    // The evaluation folder's images, else the calibration images (null: none yet).
    std::shared_ptr<const Dataset> data() const;

    // images <= 0: every evaluation image.
    void runSensitivity(const SensitivityOptions& options, int images);
    void runSearch(const AutoQuantOptions& options, int images);
    void cancel() { m_job.cancel(); }
    void clear(); // forget both results (new model)

    std::shared_ptr<const SensitivityResult> sensitivity() const { return m_sensitivity; }
    const QuantConfig& sensitivityBase() const { return m_sensitivityBase; }
    int sensitivityImages() const { return m_sensitivityImages; }
    void setSensitivity(std::shared_ptr<const SensitivityResult> result, const QuantConfig& base,
                        int images);
    std::shared_ptr<const SearchOutcome> search() const { return m_search; }
    void setSearch(std::shared_ptr<const SearchOutcome> outcome);

    // evaluated[index] of the last search becomes the current config (one undoable step).
    void applyPoint(int index);
    void applyFound(); // the chosen (re-checked) config

    // Does `score` meet `target` (accuracy at its exit, budgets)?
    static bool meets(const ExitScore& score, const AutoQuantTarget& target);

signals:
    void sensitivityAvailable();
    void searchAvailable();
    void busyChanged(bool busy);
    void progress(qint64 done, qint64 total);
    void cancelled();
    void failed(const QString& title, const QString& message);

private:
    // What both jobs start from: shared snapshots taken on the GUI thread.
    struct JobInputs
    {
        std::shared_ptr<const Model> model;
        std::shared_ptr<const CalibrationStats> calib;
        std::shared_ptr<const Dataset> all; // data()
        QuantConfig base;                    // the current config
    };
    using JobBody = std::function<std::function<void()>(const RunControl&, const JobInputs&)>;
    // Null when a model, its calibration or data is missing.
    std::optional<JobInputs> jobInputs() const;
    // Starts `body` in the job slot with the session's thread count; a failure is reported
    // under `failTitle`. `body` returns the publish step run on the GUI thread.
    void launch(const QString& description, const QString& failTitle, JobInputs inputs,
                JobBody body);

    QuantSession* m_quant;
    JobSlot m_job;
    QString m_failTitle;
    std::shared_ptr<const SensitivityResult> m_sensitivity;
    QuantConfig m_sensitivityBase;
    int m_sensitivityImages = -1;
    std::shared_ptr<const SearchOutcome> m_search;
};

} // namespace ql
