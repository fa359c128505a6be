#pragma once
// Early exits (spec §6): per-exit accuracy of FP32 vs the quantized model, and the exit policy
// "take the first exit whose max-softmax probability reaches the threshold (else the last)".

#include <vector>

#include "core/quant/engine.h"

namespace ql {

// One sample seen at one exit.
struct ExitSample
{
    int fp32Top = -1;
    int quantTop = -1;
    double fp32Confidence = 0.0;  // max softmax probability of the FP32 logits
    double quantConfidence = 0.0; // of the dequantized quantized logits
};

// max_j softmax(logits)_j = 1 / Σ_j exp(l_j − l_max), in double.
double maxSoftmax(const float* logits, int64_t n);

// samples[exit][sample]; labels[sample] (ignored when !labelled).
std::vector<ExitReport> exitReports(const Model& model,
                                    const std::vector<std::vector<ExitSample>>& samples,
                                    const std::vector<int>& labels, bool labelled);

// Thresholds 0.50, 0.55, …, 1.00. A sample leaves at the first exit whose confidence ≥ the
// threshold, else at the last exit; it counts as correct when that exit's top-1 equals the
// label (unlabelled: equals the LAST FP32 exit's top-1). Average MACs = mean ExitInfo::macs
// of the exit taken.
std::vector<ExitPolicyPoint> exitPolicySweep(const Model& model,
                                             const std::vector<std::vector<ExitSample>>& samples,
                                             const std::vector<int>& labels, bool labelled);

} // namespace ql
