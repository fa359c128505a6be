#include "core/quant/incremental_cache.h"

#include <string>

#include "core/quant/fingerprint.h"

namespace ql {

namespace {

using Hasher = Fingerprint;

void hashTensorConfig(Hasher& h, const TensorQuantConfig& c)
{
    h.fields(c.bits, c.isSigned, c.narrowRange, c.scheme, c.symmetricDivisor, c.granularity,
             c.rounding, c.observer, c.percentile, c.averagingConstant);
}

void hashParams(Hasher& h, const QuantParams& p)
{
    h.fields(p.scale, p.zeroPoint, p.axis, p.qmin, p.qmax);
}

void hashTensor(Hasher& h, const Tensor& t)
{
    h.fields(t.dtype, t.shape, t.f, t.q, t.i64);
}

uint64_t ownSignature(const QuantizedModel& qm, size_t i)
{
    const QuantizedLayer& L = qm.layers[i];
    const PlannedLayer& plan = L.plan;
    Hasher h;
    h.fields(i, qm.config.defaults.seed, plan.name, plan.opType, plan.nodeIndices);
    for (const std::string& in : plan.inputs) {
        h.text(in);
        // How this layer quantizes the tensor when it arrives as float (quantizeFloat).
        if (const auto it = qm.tensorParams.find(in); it != qm.tensorParams.end())
            hashParams(h, it->second);
        if (const auto it = qm.tensorConfig.find(in); it != qm.tensorConfig.end())
            hashTensorConfig(h, it->second);
    }
    h.text(plan.output);
    if (const auto it = qm.tensorConfig.find(plan.output); it != qm.tensorConfig.end())
        hashTensorConfig(h, it->second);
    h.fields(plan.hasWeights);
    hashTensor(h, plan.weight);
    h.fields(plan.bias, plan.foldedBatchNorm, plan.activation.kind, plan.activation.lo,
             plan.activation.hi, plan.activation.nodeName);
    hashTensorConfig(h, L.config.weights);
    hashTensorConfig(h, L.config.activations);
    h.fields(L.config.requantization, L.config.accumulator, L.config.keepFloat, L.kind(),
             L.kernelName(), L.floatReason, L.outputQuantized);
    hashParams(h, L.weightParams);
    h.fields(L.weightCodes);
    hashParams(h, L.outputParams);
    h.fields(L.activationMin, L.activationMax);
    for (const QuantParams& p : L.inputParams)
        hashParams(h, p);
    h.fields(L.biasCodes, L.multipliers);
    return h.done();
}

} // namespace

LayerSignatures layerSignatures(const QuantizedModel& qm)
{
    LayerSignatures s;
    const size_t n = qm.layers.size();
    s.own.resize(n);
    s.chain.resize(n);
    for (size_t i = 0; i < n; ++i) {
        s.own[i] = ownSignature(qm, i);
        Hasher h;
        h.word(s.own[i]);
        for (const std::string& in : qm.layers[i].plan.inputs) {
            // Plan order is topological: a producer's chain is already known. A graph input
            // contributes its name only (the images are the cache's own key).
            const auto it = qm.plan.layerByOutput.find(in);
            h.word(it != qm.plan.layerByOutput.end() && size_t(it->second) < i
                       ? s.chain[size_t(it->second)]
                       : 0);
        }
        s.chain[i] = h.done();
    }
    return s;
}

void IncrementalCache::begin(uint64_t context)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (context != m_context) {
        m_units.clear();
        m_context = context;
    }
}

std::shared_ptr<const CachedUnit> IncrementalCache::find(int64_t begin, int64_t count) const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_units.find({begin, count});
    return it == m_units.end() ? nullptr : it->second;
}

void IncrementalCache::store(int64_t begin, int64_t count, std::shared_ptr<const CachedUnit> unit)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_units[{begin, count}] = std::move(unit);
}

void IncrementalCache::setBudget(int64_t bytes)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_budget = bytes;
}

int64_t IncrementalCache::activationBytes() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    int64_t total = 0;
    for (const auto& [key, unit] : m_units)
        for (const CachedLayer& L : unit->layers)
            if (L.output)
                total += int64_t(L.output->data.f.size() * sizeof(float) +
                                 L.output->data.q.size() * sizeof(int32_t) +
                                 L.output->data.i64.size() * sizeof(int64_t));
    return total;
}

std::vector<char> IncrementalCache::keptLayers(const std::vector<int64_t>& bytesPerSample,
                                               int64_t samples) const
{
    const int64_t budget = [this] {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_budget;
    }();
    std::vector<char> keep(bytesPerSample.size(), 0);
    int64_t used = 0;
    for (size_t i = 0; i < keep.size(); ++i) {
        used += bytesPerSample[i] * samples;
        if (used > budget)
            break; // this layer and every deeper one are left out
        keep[i] = 1;
    }
    return keep;
}

} // namespace ql
