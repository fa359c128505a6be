#pragma once
// ExitScorer: what a config costs at the exits, and nothing else — the measurement that the
// sensitivity analysis and the mixed-precision search repeat hundreds of times.
//
// It runs exactly the propagated integer chain that evaluateQuantized() runs (IntRuntime over
// the same 25-sample work units, merged in unit order), so a score's per-exit top-1 equals
// the full report's ExitReport::quantTop1 for the same config and data. What it skips is
// everything per layer: the local pass, per-layer error statistics and histograms, and the
// FP32 reference of every intermediate — the FP32 exit logits are computed once, in the
// constructor, and reused for every config.
//
// Per exit it records top-1 (labelled data: against the labels; unlabelled: agreement with
// the FP32 top-1), agreement with FP32, and the SQNR of the dequantized exit logits against
// the FP32 logits:  SQNR = 10·log10(Σ r² / Σ (r' − r)²) dB, capped at 200 dB when r' == r.

#include <memory>
#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql {

struct ExitScore
{
    std::vector<double> top1;      // % per exit (unlabelled: agreement with FP32)
    std::vector<double> drop;      // pt per exit: FP32 top-1 − quantized top-1 (> 0 = worse)
    std::vector<double> agreement; // % of samples whose top-1 equals FP32's
    std::vector<double> sqnrDb;    // exit logits vs FP32
    ModelSize size;

    double dropAt(int exit) const; // exit < 0: the worst (largest) drop over all exits
};

// n samples spread evenly over `data` (every (size/n)-th, so every class of a sorted
// ImageFolder keeps its share); n <= 0 or n >= size: all of it.
Dataset evenSubset(const Dataset& data, int64_t n);

class ExitScorer
{
public:
    // Runs the FP32 model over `data` once (cancellable through ctl). `model` and `data` must
    // outlive the scorer. Throws ql::Error for a model without exactly one input or an empty
    // data set.
    ExitScorer(const Model& model, const Dataset& data, const RunControl& ctl = {});
    ~ExitScorer();
    ExitScorer(const ExitScorer&) = delete;
    ExitScorer& operator=(const ExitScorer&) = delete;

    const Model& model() const;
    int64_t samples() const;
    bool labelled() const;
    int exitCount() const;
    const std::vector<double>& fp32Top1() const; // % per exit

    // Builds the quantized model and scores it. ctl.threads, ctl.cancel are honoured;
    // progress is not reported (one config is a small step of the callers' loops).
    ExitScore score(const QuantConfig& config, const CalibrationStats& calib,
                    const RunControl& ctl = {}) const;
    ExitScore score(const QuantizedModel& qmodel, const RunControl& ctl = {}) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ql
