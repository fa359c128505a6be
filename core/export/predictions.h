#pragma once
// Top-1 per exit and sample of the quantized model (the propagated integer chain that
// evaluateQuantized() runs) — what a deployed runtime's predictions are compared with.

#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql {

struct ExitPredictions
{
    std::vector<std::string> outputs;      // exit tensors, model.exits order
    std::vector<std::vector<int>> top1;    // [exit][sample]
};

// Runs the integer chain over `data` in batches (one sample at a time for dynamic observers).
ExitPredictions quantizedPredictions(const QuantizedModel& qmodel, const Dataset& data,
                                     const RunControl& ctl = {});

// Share (%) of samples where a == b; sizes must match (throws ql::Error otherwise).
double agreementPercent(const std::vector<int>& a, const std::vector<int>& b);
// Top-1 accuracy (%) of `predictions` against labelled `data`.
double top1Percent(const std::vector<int>& predictions, const Dataset& data);

} // namespace ql
