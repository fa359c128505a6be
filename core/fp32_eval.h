#pragma once
// FP32 accuracy per exit over a dataset — what `quantlens-cli run` prints.

#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/executor.h"

namespace ql {

struct ExitAccuracy
{
    std::string output;
    int64_t macs = 0;
    int64_t correct = 0;    // top-1 == label (labelled data only)
    int64_t total = 0;
    double top1() const { return total ? 100.0 * correct / total : 0.0; }
};

struct Fp32EvalResult
{
    std::vector<ExitAccuracy> exits;
    std::vector<std::vector<int>> predictions; // [exit][sample] argmax
    int64_t samples = 0;
};

Fp32EvalResult evaluateFp32(const Model& model, const Dataset& data, const RunControl& ctl = {},
                            int batchSize = 250);

int argmaxRow(const float* row, int64_t n);

} // namespace ql
