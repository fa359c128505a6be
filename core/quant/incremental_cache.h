#pragma once
// Incremental re-evaluation: what evaluateQuantized() keeps between calls that share a
// ReferenceCache (EvaluateOptions::references), so that an edit to layer k re-runs only layer k
// and the layers that depend on it.
//
// A layer's results are a deterministic function of a few inputs (stochastic rounding included:
// its Rng is seeded per (seed, layer, sample)):
//   own(i)   — everything runLayer(i) reads besides its activation inputs: the layer's index,
//              plan (nodes, tensors, folded float weights, fused activation), kind, resolved
//              config, weight codes and (S, Z), output (S, Z) and clamp, input (S, Z), bias
//              codes, multipliers, the config of the tensors it quantizes, and the seed;
//   chain(i) — own(i) combined with chain(p) of every layer p producing one of its inputs.
// Both are 64-bit fingerprints of those values. The local error of layer i (fed with FP32
// references) depends on own(i) only; its propagated error, accumulator counts and output
// codes on chain(i); an exit's quantized top-1 on chain(its producer).
//
// Per work unit (rows [begin, begin + count)) the cache keeps each layer's partial results with
// the fingerprints they were computed under, each exit's quantized top-1 and confidence, and
// the integer output of the shallowest layers whose outputs fit the byte budget (the deepest
// layers are the ones left out: an edit needs the activations upstream of it). A re-evaluation
// runs a layer when chain(i) changed, or when a layer that runs needs its output and that output
// was not kept; it recomputes the local error only when own(i) changed. Partial results merge
// in the same unit order as a full evaluation, so the report is identical.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/quant/engine.h"
#include "core/quant/int_runtime.h"

namespace ql {

struct LayerSignatures
{
    std::vector<uint64_t> own;   // per layer
    std::vector<uint64_t> chain; // per layer
};

// Fingerprints of every layer of `qm` (see the header comment).
LayerSignatures layerSignatures(const QuantizedModel& qm);

// One unit's results, as evaluateQuantized() merges them.
struct CachedLayer
{
    uint64_t chain = 0;
    uint64_t own = 0;
    bool hasLocal = false;
    ErrorAccumulator propagated;
    ErrorAccumulator local;
    AccumulatorStats accumulators;
    std::shared_ptr<const RtValue> output; // the integer chain's output; null: not kept
};

struct CachedExitRows
{
    uint64_t chain = 0; // of the layer producing the exit
    std::vector<int64_t> quantTop;
    std::vector<double> quantConfidence;
};

struct CachedUnit
{
    std::vector<CachedLayer> layers;
    std::vector<CachedExitRows> exits;
};

class IncrementalCache
{
public:
    static constexpr int64_t kDefaultBudgetBytes = int64_t(256) << 20;

    explicit IncrementalCache(int64_t activationBudgetBytes = kDefaultBudgetBytes)
        : m_budget(activationBudgetBytes)
    {
    }

    // Starts an evaluation under `context` (a fingerprint of what all units share: sample
    // count, local pass on/off, layer count). A different context than last time drops
    // everything kept.
    void begin(uint64_t context);
    // The unit's results from the last evaluation, or null.
    std::shared_ptr<const CachedUnit> find(int64_t begin, int64_t count) const;
    void store(int64_t begin, int64_t count, std::shared_ptr<const CachedUnit> unit);

    // Byte budget for the kept integer activations (all units together).
    int64_t budget() const { return m_budget; }
    void setBudget(int64_t bytes);
    // Bytes of integer activations kept now.
    int64_t activationBytes() const;
    // Which layers' outputs to keep: the longest prefix (plan order) whose outputs, at
    // `bytesPerSample[i]` each, fit the budget for `samples` samples.
    std::vector<char> keptLayers(const std::vector<int64_t>& bytesPerSample, int64_t samples) const;

private:
    mutable std::mutex m_mutex;
    uint64_t m_context = 0;
    int64_t m_budget;
    std::map<std::pair<int64_t, int64_t>, std::shared_ptr<const CachedUnit>> m_units;
};

} // namespace ql
