// sizeRows() / sizeTable() (size_table.h): modelSize() (model_size.cpp) split by layer, plus
// the sparse weight encoding.

#include "core/quant/size_table.h"

#include <algorithm>
#include <set>

namespace ql {

namespace {

bool isInteger(const QuantizedLayer& L)
{
    return L.isMatmul();
}

int64_t zeroCodes(const QuantizedLayer& L)
{
    const int64_t n = static_cast<int64_t>(L.weightCodes.size());
    const int64_t channels = std::max<int64_t>(L.weightParams.channels(), 1);
    const int64_t inner = L.plan.outChannels() ? n / L.plan.outChannels() : n;
    int64_t zeros = 0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t c = channels > 1 ? i / std::max<int64_t>(inner, 1) : 0;
        zeros += L.weightCodes[static_cast<size_t>(i)] == L.weightParams.zeroPoint[static_cast<size_t>(c)];
    }
    return zeros;
}

double averageBits(const QuantizedModel& qm)
{
    double bits = 0.0, count = 0.0;
    for (const QuantizedLayer& L : qm.layers)
        if (isInteger(L)) {
            bits += double(L.config.weights.bits) * double(L.plan.weight.numel());
            count += double(L.plan.weight.numel());
        }
    return count > 0 ? bits / count : 0.0;
}

void addTo(SizeRow& t, const SizeRow& r)
{
    t.weights += r.weights;
    t.zeros += r.zeros;
    t.macs += r.macs;
    t.fp32Bytes += r.fp32Bytes;
    t.w8a8Bytes += r.w8a8Bytes;
    t.mixedBytes += r.mixedBytes;
    t.sparseBytes += r.sparseBytes;
    t.fp32BitOps += r.fp32BitOps;
    t.w8a8BitOps += r.w8a8BitOps;
    t.mixedBitOps += r.mixedBitOps;
}

} // namespace

QuantConfig withAllBits8(const QuantConfig& config)
{
    QuantConfig c = config;
    c.defaults.weights.bits = 8;
    c.defaults.activations.bits = 8;
    for (auto& [name, o] : c.layers) {
        if (o.weights && o.weights->bits)
            o.weights->bits = 8;
        if (o.activations && o.activations->bits)
            o.activations->bits = 8;
    }
    return c;
}

// Row values go to mixedBytes / sparseBytes / mixedBitOps; fp32 values are filled too.
std::vector<SizeRow> sizeRows(const QuantizedModel& qm)
{
    const Graph& g = qm.model->graph;
    std::vector<SizeRow> rows;
    std::set<int> covered;
    for (const QuantizedLayer& L : qm.layers) {
        if (!L.plan.hasWeights && L.plan.macs == 0)
            continue;
        SizeRow r;
        r.layer = L.plan.name;
        r.opType = L.plan.opType;
        r.macs = L.plan.macs;
        r.fp32BitOps = double(L.plan.macs) * 32.0 * 32.0;
        r.mixedBitOps = r.fp32BitOps;
        if (L.plan.hasWeights) {
            covered.insert(L.plan.nodeIndices.begin(), L.plan.nodeIndices.end());
            for (int idx : L.plan.nodeIndices)
                r.fp32Bytes += 4 * g.nodes[static_cast<size_t>(idx)].params;
            r.weights = L.plan.weight.numel();
            if (isInteger(L)) {
                const int64_t bits = L.config.weights.bits;
                const int64_t codes = (bits * r.weights + 7) / 8;
                const int64_t extra = 4 * L.plan.outChannels() + 8 * L.weightParams.channels();
                r.weightBits = static_cast<int>(bits);
                r.zeros = zeroCodes(L);
                r.mixedBytes = codes + extra;
                const int64_t bitmap = (r.weights + 7) / 8 + (bits * (r.weights - r.zeros) + 7) / 8;
                r.sparseBytes = std::min(codes, bitmap) + extra;
                const auto in = qm.tensorConfig.find(L.plan.inputs.front());
                r.activationBits = in != qm.tensorConfig.end() ? in->second.bits
                                                               : L.config.activations.bits;
                r.mixedBitOps = double(L.plan.macs) * double(bits) * r.activationBits;
            } else {
                r.mixedBytes = 4 * L.plan.params;
                r.sparseBytes = r.mixedBytes;
            }
        }
        rows.push_back(r);
    }
    SizeRow other;
    other.opType = "other";
    for (size_t i = 0; i < g.nodes.size(); ++i)
        if (!covered.count(static_cast<int>(i)))
            other.fp32Bytes += 4 * g.nodes[i].params;
    other.mixedBytes = other.sparseBytes = other.fp32Bytes;
    if (other.fp32Bytes > 0)
        rows.push_back(other);
    return rows;
}

SizeTable sizeTable(const Model& model, const QuantConfig& mixed, const CalibrationStats& calib)
{
    const QuantizedModel qMixed = buildQuantizedModel(model, mixed, calib);
    const QuantizedModel q8 = buildQuantizedModel(model, withAllBits8(mixed), calib);
    SizeTable t;
    t.rows = sizeRows(qMixed);
    const std::vector<SizeRow> rows8 = sizeRows(q8);
    for (size_t i = 0; i < t.rows.size() && i < rows8.size(); ++i) {
        t.rows[i].w8a8Bytes = rows8[i].mixedBytes;
        t.rows[i].w8a8BitOps = rows8[i].mixedBitOps;
    }
    t.total.layer = "total";
    for (const SizeRow& r : t.rows)
        addTo(t.total, r);
    t.w8a8AverageBits = averageBits(q8);
    t.mixedAverageBits = averageBits(qMixed);
    return t;
}

} // namespace ql
