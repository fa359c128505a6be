#pragma once
// How many contiguous samples one work unit of evaluateQuantized() and ExitScorer holds. A unit
// is what one worker thread runs at a time, keeping every activation of it alive (the FP32
// references of every tensor, the integer chain's codes, the local pass), so its size is
// bounded in bytes: 25 samples, or fewer when 25 samples' FP32 activations would exceed
// kUnitActivationBudget. The demo CNN (0.6 MiB of activations per sample) keeps 25; ResNet-18 at
// 224 × 224 (22.5 MiB per sample) gets 2 — a 25-sample unit held ~560 MiB of references per
// thread plus as many codes (2.1 GiB peak RSS on 2 threads, page faults 17 % of a profile), and
// 32 images made one 25-sample and one 7-sample unit, so the second thread idled most of the
// time. The size depends on the model only — never on the thread count — so the FP32
// kernels see the same rows and the per-unit partial sums merge in the same order for any
// RunControl::threads.

#include <algorithm>
#include <cstdint>

#include "core/graph.h"

namespace ql {

constexpr int64_t kMaxSamplesPerUnit = 25;
constexpr int64_t kUnitActivationBudget = int64_t{64} << 20;

inline int64_t samplesPerWorkUnit(const Model& model)
{
    int64_t perSample = 0; // bytes of every non-constant tensor of one sample (batch-1 shapes)
    for (const auto& [name, shape] : model.graph.shapes)
        if (!model.graph.initializer(name))
            perSample += std::max<int64_t>(numelOf(shape), 0) * int64_t{sizeof(float)};
    return std::clamp<int64_t>(kUnitActivationBudget / std::max<int64_t>(perSample, 1), 1,
                               kMaxSamplesPerUnit);
}

} // namespace ql
