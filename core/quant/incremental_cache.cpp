#include "core/quant/incremental_cache.h"

#include <cstring>
#include <string>
#include <type_traits>

namespace ql {

namespace {

// 64-bit fingerprint: FNV-1a's prime and offset over 8-byte words, with a final avalanche
// (SplitMix64's). Not cryptographic; a collision needs two different configs of one layer to
// meet by chance (2^−64 per comparison).
class Hasher
{
public:
    void bytes(const void* data, size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        word(n);
        for (; n >= 8; n -= 8, p += 8) {
            uint64_t w;
            std::memcpy(&w, p, 8);
            word(w);
        }
        uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        word(tail);
    }
    void word(uint64_t w) { m_h = (m_h ^ w) * 0x100000001B3ull; }
    template <typename T>
    void value(const T& v)
    {
        static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
        bytes(&v, sizeof v);
    }
    void text(const std::string& s) { bytes(s.data(), s.size()); }
    template <typename T>
    void values(const std::vector<T>& v)
    {
        bytes(v.data(), v.size() * sizeof(T));
    }
    uint64_t done() const
    {
        uint64_t z = m_h;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

private:
    uint64_t m_h = 0xCBF29CE484222325ull;
};

void hashTensorConfig(Hasher& h, const TensorQuantConfig& c)
{
    h.value(c.bits);
    h.value(c.isSigned);
    h.value(c.narrowRange);
    h.value(c.scheme);
    h.value(c.symmetricDivisor);
    h.value(c.granularity);
    h.value(c.rounding);
    h.value(c.observer);
    h.value(c.percentile);
    h.value(c.averagingConstant);
}

void hashParams(Hasher& h, const QuantParams& p)
{
    h.values(p.scale);
    h.values(p.zeroPoint);
    h.value(p.axis);
    h.value(p.qmin);
    h.value(p.qmax);
}

void hashTensor(Hasher& h, const Tensor& t)
{
    h.value(t.dtype);
    h.values(t.shape);
    h.values(t.f);
    h.values(t.q);
    h.values(t.i64);
}

uint64_t ownSignature(const QuantizedModel& qm, size_t i)
{
    const QuantizedLayer& L = qm.layers[i];
    const PlannedLayer& plan = L.plan;
    Hasher h;
    h.value(i);
    h.value(qm.config.defaults.seed);
    h.text(plan.name);
    h.text(plan.opType);
    h.values(plan.nodeIndices);
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
    h.value(plan.hasWeights);
    hashTensor(h, plan.weight);
    h.values(plan.bias);
    h.text(plan.foldedBatchNorm);
    h.value(plan.activation.kind);
    h.value(plan.activation.lo);
    h.value(plan.activation.hi);
    h.text(plan.activation.nodeName);
    hashTensorConfig(h, L.config.weights);
    hashTensorConfig(h, L.config.activations);
    h.value(L.config.requantization);
    h.value(L.config.accumulator);
    h.value(L.config.keepFloat);
    h.value(L.kind());
    h.text(L.kernelName());
    h.text(L.floatReason);
    h.value(L.outputQuantized);
    hashParams(h, L.weightParams);
    h.values(L.weightCodes);
    hashParams(h, L.outputParams);
    h.value(L.activationMin);
    h.value(L.activationMax);
    for (const QuantParams& p : L.inputParams)
        hashParams(h, p);
    h.values(L.biasCodes);
    h.values(L.multipliers);
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
