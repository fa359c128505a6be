// ModelSize (engine.h): storage and bit-operations of the quantized model against FP32.
//
//   fp32Bytes       = 4 · Model::totalParams()
//   quantizedBytes  = Σ weighted layers: quantized → ⌈w_bits · weight elements / 8⌉
//                                                    + 4 · O          (int32 bias)
//                                                    + (4 + 4) · channels of (S, Z)
//                                        float     → 4 · params (folded weights + bias)
//                     + 4 · params of every node no weighted layer covers (e.g. a standalone BN,
//                       a Conv whose weight is computed at run time)
//   totalMacs       = Σ layers MACs; integerMacs = the part in layers that run in integers
//                     (integerCoverage() = 100 · integerMacs / totalMacs)
//   floatWeightBytes = the part of quantizedBytes that stays FP32 because a weighted layer
//                     runs in float (keep_float or no integer kernel): a size that does not
//                     shrink for that reason is a fallback, not a quantization result
//   fp32BitOps      = MACs · 32 · 32 per sample
//   quantizedBitOps = Σ layers MACs · w_bits · a_bits (a_bits: the layer's input codes;
//                     a MatMul of two activations a_bits · b_bits; float layers 32 · 32)

#include <cstdio>
#include <set>

#include "core/quant/engine.h"

namespace ql {

ModelSize modelSize(const QuantizedModel& qm)
{
    ModelSize size;
    const Model& model = *qm.model;
    size.fp32Bytes = 4 * model.totalParams();
    size.fp32BitOps = static_cast<double>(model.totalMacs()) * 32.0 * 32.0;
    std::set<int> covered;
    for (const QuantizedLayer& L : qm.layers) {
        const bool integer = L.isMatmul();
        if (L.plan.hasWeights) {
            covered.insert(L.plan.nodeIndices.begin(), L.plan.nodeIndices.end());
            if (integer) {
                const int64_t bits = L.config.weights.bits;
                size.quantizedBytes += (bits * L.plan.weight.numel() + 7) / 8 +
                                       4 * L.plan.outChannels() + 8 * L.weightParams.channels();
            } else {
                size.quantizedBytes += 4 * L.plan.params;
                size.floatWeightBytes += 4 * L.plan.params;
            }
        }
        size.totalMacs += L.plan.macs;
        if (L.runsInteger())
            size.integerMacs += L.plan.macs;
        double bitsPerMac = 32.0 * 32.0;
        if (integer) { // only weighted layers change the bits of their MACs
            const auto in = qm.tensorConfig.find(L.plan.inputs.front());
            const int activationBits = in != qm.tensorConfig.end() ? in->second.bits
                                                                   : L.config.activations.bits;
            bitsPerMac = double(L.config.weights.bits) * activationBits;
        } else if (L.runsInteger() && L.plan.macs > 0) { // MatMul of two activations
            bitsPerMac = 1.0;
            for (const std::string& t : L.plan.inputs)
                if (const auto in = qm.tensorConfig.find(t); in != qm.tensorConfig.end())
                    bitsPerMac *= in->second.bits;
        }
        size.quantizedBitOps += static_cast<double>(L.plan.macs) * bitsPerMac;
    }
    for (size_t i = 0; i < model.graph.nodes.size(); ++i)
        if (!covered.count(static_cast<int>(i))) {
            size.quantizedBytes += 4 * model.graph.nodes[i].params;
            size.floatWeightBytes += 4 * model.graph.nodes[i].params;
        }
    return size;
}

std::string coverageWarning(const ModelSize& size)
{
    const double coverage = size.integerCoverage();
    if (coverage >= ModelSize::kCoverageWarning)
        return {};
    char text[320];
    std::snprintf(text, sizeof text,
                  "only %.1f %% of MACs run in integer arithmetic (below %.0f %%): %.1f MB of "
                  "weights stay FP32 in layers that fell back to float, so the quantized size "
                  "describes a mostly-float model, not the quantization result",
                  coverage, ModelSize::kCoverageWarning, double(size.floatWeightBytes) / 1e6);
    return text;
}

} // namespace ql
