// ModelSize (engine.h): storage and bit-operations of the quantized model against FP32.
//
//   fp32Bytes       = 4 · Model::totalParams()
//   quantizedBytes  = Σ weighted layers: quantized → ⌈w_bits · weight elements / 8⌉
//                                                    + 4 · O          (int32 bias)
//                                                    + (4 + 4) · channels of (S, Z)
//                                        float     → 4 · params (folded weights + bias)
//                     + 4 · params of every node no weighted layer covers (e.g. a standalone BN)
//   fp32BitOps      = MACs · 32 · 32 per sample
//   quantizedBitOps = Σ layers MACs · w_bits · a_bits (a_bits: the layer's input codes;
//                     float layers 32 · 32)

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
        const bool integer = L.kind == LayerKind::Conv || L.kind == LayerKind::Gemm;
        if (L.plan.hasWeights) {
            covered.insert(L.plan.nodeIndices.begin(), L.plan.nodeIndices.end());
            if (integer) {
                const int64_t bits = L.config.weights.bits;
                size.quantizedBytes += (bits * L.plan.weight.numel() + 7) / 8 +
                                       4 * L.plan.outChannels() + 8 * L.weightParams.channels();
            } else {
                size.quantizedBytes += 4 * L.plan.params;
            }
        }
        double bitsPerMac = 32.0 * 32.0;
        if (integer) {
            const auto in = qm.tensorConfig.find(L.plan.inputs.front());
            const int activationBits = in != qm.tensorConfig.end() ? in->second.bits
                                                                   : L.config.activations.bits;
            bitsPerMac = double(L.config.weights.bits) * activationBits;
        }
        size.quantizedBitOps += static_cast<double>(L.plan.macs) * bitsPerMac;
    }
    for (size_t i = 0; i < model.graph.nodes.size(); ++i)
        if (!covered.count(static_cast<int>(i)))
            size.quantizedBytes += 4 * model.graph.nodes[i].params;
    return size;
}

} // namespace ql
