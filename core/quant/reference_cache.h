#pragma once
// FP32 reference activations kept between evaluations.
//
// evaluateQuantized() compares every quantized layer with the FP32 value of the same tensor,
// and feeds each layer its FP32 inputs for the local error: per work unit it first runs the
// FP32 model. Those values depend on the model and the images only — never on the
// quantization config — so a session that re-evaluates after every edit (the GUI) can keep
// them: hand the same ReferenceCache to each evaluateQuantized() call of one model and one
// evaluation set (EvaluateOptions::references). Only the tensors the evaluator reads are kept
// (layer inputs and outputs, exits), up to a byte budget; units beyond it are recomputed each
// time, so the budget bounds memory, not correctness. Thread-safe.
//
// The same cache carries the integer side of the previous evaluation (IncrementalCache,
// core/quant/incremental_cache.h): per work unit, each layer's partial error statistics and the
// integer activations of the chain, keyed by what each layer's result depends on. An edit then
// re-runs only the layers it changes and those downstream of them; everything else is reused,
// and the report is identical to a full evaluation's.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "core/executor.h"

namespace ql {

class IncrementalCache;

class ReferenceCache
{
public:
    static constexpr int64_t kDefaultBudgetBytes = int64_t(512) << 20;

    explicit ReferenceCache(int64_t budgetBytes = kDefaultBudgetBytes) : m_budget(budgetBytes) {}

    // The references of rows [begin, begin + count), or null.
    std::shared_ptr<const TensorMap> find(int64_t begin, int64_t count) const;
    // Keeps `refs` for rows [begin, begin + count) if the budget allows; returns false if not.
    bool store(int64_t begin, int64_t count, std::shared_ptr<const TensorMap> refs);

    int64_t bytes() const;
    int64_t budget() const { return m_budget; }

    // The integer results of earlier evaluations with this cache (created on first use, with
    // IncrementalCache's default budget).
    IncrementalCache& incremental();

private:
    std::shared_ptr<IncrementalCache> m_incremental; // guarded by m_mutex on creation
    mutable std::mutex m_mutex;
    std::map<std::pair<int64_t, int64_t>, std::shared_ptr<const TensorMap>> m_units;
    int64_t m_bytes = 0;
    int64_t m_budget;
};

} // namespace ql
