// buildQuantizedModel(): layer plan → per-layer integer kernel (the op table, int_op.h) or float
// with its reason, resolved config, quantized weights and
// the (S, Z) of every tensor that carries codes (spec §1–4).
//
// Which (S, Z) a tensor gets:
//   * a tensor produced by a layer that makes new codes (IntOutputParams::New: Conv, Gemm, Add,
//     Concat, ...): from the calibration range of that tensor under the PRODUCING layer's
//     activation config;
//   * the output of a layer that keeps (S, Z) (IntOutputParams::Input: MaxPool, AveragePool,
//     Relu, Clip, Reshape, ...): its input's parameters;
//   * a float tensor (graph input, Float layer output) read by a quantized layer: from its
//     calibration range under the activation config of its FIRST quantized consumer (plan
//     order); that consumer quantizes it, the codes are shared by later consumers.
// Weights: per tensor or per channel (axis 0) from weightRanges() under the layer's weight
// config, quantized with the weight rounding mode (stochastic: Rng(seed, layer, Weights)).

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/error.h"
#include "core/quant/int_op.h"

namespace ql {

const char* layerKindName(LayerKind k)
{
    return k == LayerKind::Integer ? "integer" : "float";
}

bool QuantizedLayer::isMatmul() const
{
    return op && op->quantizedWeights;
}

std::string QuantizedLayer::kernelName() const
{
    return op ? op->name : std::string("float");
}

namespace {

bool isFloatTensor(const Graph& g, const std::string& t)
{
    const auto it = g.dtypes.find(t);
    return it == g.dtypes.end() || it->second == DType::Float32;
}

// The integer kernel that runs a layer, given which tensors already carry codes (spec §4), or
// null with the reason the layer runs in float behind a dequantize boundary.
const IntOpDef* chooseOp(const Model& model, const PlannedLayer& L, const ResolvedLayerConfig& cfg,
                         const std::set<std::string>& codes, std::string* reason)
{
    const Graph& g = model.graph;
    if (cfg.keepFloat) {
        *reason = "kept float by config";
        return nullptr;
    }
    if (L.inputs.empty()) {
        *reason = "no activation input (constant)";
        return nullptr;
    }
    for (const std::string& in : L.inputs)
        if (!isFloatTensor(g, in) && !codes.count(in)) {
            *reason = "input '" + in + "' is " + dtypeName(g.dtypes.at(in)) + " data, not an activation";
            return nullptr;
        }
    const std::vector<const IntOpDef*> candidates = intOpsFor(L.opType);
    if (candidates.empty()) {
        *reason = "op " + L.opType + " has no integer kernel";
        return nullptr;
    }
    const IntOpQuery query{model, L, cfg, codes};
    std::string why;
    for (const IntOpDef* op : candidates) {
        const std::string no = op->check(query);
        if (no.empty())
            return op;
        if (why.empty())
            why = no;
    }
    *reason = why;
    return nullptr;
}

QuantParams rangeParams(const CalibrationStats& calib, const std::string& tensor,
                        const TensorQuantConfig& cfg)
{
    const auto [lo, hi] = calib.range(tensor, cfg);
    return chooseQuantParams(lo, hi, cfg.spec());
}

// Weights: ranges → (S, Z) per tensor / per channel → codes; error of the dequantized weights.
void quantizeWeights(QuantizedLayer& q, uint64_t seed, int layerIndex)
{
    const Tensor& w = q.plan.weight;
    const TensorQuantConfig& cfg = q.config.weights;
    const int64_t channels = w.dim(0);
    const int64_t inner = channels ? w.numel() / channels : 0;
    const bool perChannel = cfg.granularity == Granularity::PerChannel;
    std::vector<float> lo, hi;
    weightRanges(w.f.data(), channels, inner, perChannel, cfg.observer, cfg.spec(), &lo, &hi);
    q.weightParams = perChannel ? chooseQuantParamsPerChannel(lo, hi, cfg.spec(), 0)
                                : chooseQuantParams(lo[0], hi[0], cfg.spec());
    Rng rng(rngSeed(seed, layerIndex, 0, RngStream::Weights));
    QuantizeOptions opts;
    opts.rounding = cfg.rounding;
    opts.rng = &rng;
    q.weightCodes = quantize(w.f, q.weightParams, inner, opts);
    const std::vector<float> deq = dequantize(q.weightCodes, q.weightParams, inner);
    ErrorAccumulator acc(w.numel());
    acc.add(w.f.data(), deq.data(), w.numel(), 0);
    double clipMin = std::numeric_limits<double>::infinity(), clipMax = -clipMin;
    for (int64_t c = 0; c < q.weightParams.channels(); ++c) {
        const double s = q.weightParams.scale[c];
        clipMin = std::min(clipMin, s * (q.weightParams.qmin - q.weightParams.zeroPoint[c]));
        clipMax = std::max(clipMax, s * (q.weightParams.qmax - q.weightParams.zeroPoint[c]));
    }
    q.weightError = acc.finish(clipMin, clipMax);
}

} // namespace

QuantizedModel buildQuantizedModel(const Model& model, const QuantConfig& config,
                                   const CalibrationStats& calib)
{
    QuantizedModel qm;
    qm.model = &model;
    qm.config = config;
    qm.plan = planLayers(model, config.defaults.fusion);
    for (const auto& [name, override] : config.layers) {
        (void)override;
        if (!qm.plan.find(name)) {
            std::string names;
            for (const std::string& n : qm.plan.layerNames())
                names += (names.empty() ? "" : ", ") + n;
            throw Error("quantization config names layer '" + name +
                        "', which the model's layer plan does not have (layers: " + names + ")");
        }
    }
    const Graph& g = model.graph;
    const uint64_t seed = config.defaults.seed;
    std::set<std::string> codes; // tensors that carry codes so far (plan order)

    for (size_t i = 0; i < qm.plan.layers.size(); ++i) {
        QuantizedLayer q;
        q.plan = qm.plan.layers[i];
        q.config = resolveLayer(config, q.plan.name);
        q.op = chooseOp(model, q.plan, q.config, codes, &q.floatReason);
        q.outputQuantized = q.runsInteger();
        const TensorQuantConfig& act = q.config.activations;
        const int index = static_cast<int>(i);

        if (q.runsInteger()) {
            // Inputs: float ones are quantized here, by their first quantized consumer.
            for (const std::string& in : q.plan.inputs) {
                if (!qm.tensorParams.count(in)) {
                    qm.tensorParams[in] = rangeParams(calib, in, act);
                    qm.tensorConfig[in] = act;
                }
                q.inputParams.push_back(qm.tensorParams.at(in));
            }
        } else {
            q.inputParams.resize(q.plan.inputs.size());
        }

        if (q.op && q.op->output == IntOutputParams::New) {
            q.outputParams = rangeParams(calib, q.plan.output, act);
            qm.tensorConfig[q.plan.output] = act;
        } else if (q.op) {
            q.outputParams = q.inputParams.front();
            qm.tensorConfig[q.plan.output] = qm.tensorConfig.at(q.plan.inputs.front());
        }
        if (q.op) {
            qm.tensorParams[q.plan.output] = q.outputParams;
            codes.insert(q.plan.output);
            if (q.op->output == IntOutputParams::Input) // Split: every part keeps (S, Z)
                for (const std::string& extra : q.plan.anchor(g).outputs)
                    if (!extra.empty() && extra != q.plan.output) {
                        qm.tensorParams[extra] = q.outputParams;
                        qm.tensorConfig[extra] = qm.tensorConfig.at(q.plan.output);
                        codes.insert(extra);
                    }
            const FusedActivation clamp = layerClamp(g, q);
            activationLimits(clamp, q.outputParams, act.rounding, &q.activationMin,
                             &q.activationMax);
        }

        if (q.isMatmul()) {
            quantizeWeights(q, seed, index);
            // M[o] = S_x·S_w[o] / S_y and b_q[o] = R(B[o] / (S_x·S_w[o])) (spec §3), in double.
            const double sx = q.inputParams[0].scale[0];
            const double sy = q.outputParams.scale[0];
            const int64_t O = q.plan.outChannels();
            q.multipliers.resize(static_cast<size_t>(O));
            for (int64_t o = 0; o < O; ++o) {
                const double sw = q.weightParams.scale[q.weightParams.channels() > 1 ? o : 0];
                q.multipliers[o] = sx * sw / sy;
            }
        }
        qm.layers.push_back(std::move(q));
    }
    // Bias codes need the runtime's rounding helpers (and the finished layer list).
    const IntRuntime rt(qm);
    for (size_t i = 0; i < qm.layers.size(); ++i) {
        QuantizedLayer& q = qm.layers[i];
        if (q.isMatmul())
            q.biasCodes = rt.biasCodes(static_cast<int>(i), q.inputParams[0], 0);
    }
    return qm;
}

} // namespace ql
