// buildQuantizedModel(): layer plan → per-layer kind, resolved config, quantized weights and
// the (S, Z) of every tensor that carries codes (spec §1–4).
//
// Which (S, Z) a tensor gets:
//   * a tensor produced by a layer that makes new codes (Conv, Gemm, Add, Concat): from the
//     calibration range of that tensor under the PRODUCING layer's activation config;
//   * the output of a layer that keeps (S, Z) (MaxPool, AveragePool, Relu, Clip,
//     Passthrough): its input's parameters;
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
#include "core/quant/int_runtime.h"

namespace ql {

const char* layerKindName(LayerKind k)
{
    switch (k) {
    case LayerKind::Conv: return "conv";
    case LayerKind::Gemm: return "gemm";
    case LayerKind::Add: return "add";
    case LayerKind::Concat: return "concat";
    case LayerKind::MaxPool: return "max_pool";
    case LayerKind::AveragePool: return "average_pool";
    case LayerKind::Relu: return "relu";
    case LayerKind::Clip: return "clip";
    case LayerKind::Passthrough: return "passthrough";
    case LayerKind::Float: return "float";
    }
    return "float";
}

namespace {

bool isFloatTensor(const Graph& g, const std::string& t)
{
    const auto it = g.dtypes.find(t);
    return it == g.dtypes.end() || it->second == DType::Float32;
}

Shape shapeOf(const Graph& g, const std::string& t)
{
    const auto it = g.shapes.find(t);
    return it == g.shapes.end() ? Shape{} : it->second;
}

bool allInputsActivations(const Node& n, const PlannedLayer& L)
{
    size_t present = 0;
    for (const std::string& in : n.inputs)
        present += in.empty() ? 0 : 1;
    return present == L.inputs.size();
}

bool singleOutput(const Node& n)
{
    for (size_t i = 1; i < n.outputs.size(); ++i)
        if (!n.outputs[i].empty())
            return false;
    return true;
}

// Clip bounds must be constants for the integer clamp.
bool constantClip(const Graph& g, const Node& n)
{
    for (size_t i = 1; i < n.inputs.size(); ++i)
        if (!n.inputs[i].empty() && !g.initializer(n.inputs[i]))
            return false;
    return true;
}

// The kind a layer runs as, given which tensors already carry codes (spec §4; anything the
// integer engine does not implement, and keep_float, runs in float behind a dequantize).
LayerKind decideKind(const Model& model, const PlannedLayer& L, const ResolvedLayerConfig& cfg,
                     const std::set<std::string>& codes)
{
    const Graph& g = model.graph;
    const Node& n = L.anchor(g);
    if (cfg.keepFloat || L.inputs.empty())
        return LayerKind::Float;
    for (const std::string& in : L.inputs)
        if (!isFloatTensor(g, in) && !codes.count(in))
            return LayerKind::Float;
    const std::string& op = n.opType;
    const Shape in0 = shapeOf(g, L.inputs[0]);
    const bool inputCodes = codes.count(L.inputs[0]) != 0;
    if (L.hasWeights && L.inputs.size() == 1) {
        if (op == "Conv" && in0.size() == 4)
            return LayerKind::Conv;
        if (op == "Gemm" && in0.size() == 2)
            return LayerKind::Gemm;
        if (op == "MatMul" && in0.size() >= 2)
            return LayerKind::Gemm;
        return LayerKind::Float;
    }
    if (op == "Add") {
        // Two activations of the same shape; broadcasting stays in float.
        if (L.inputs.size() == 2 && n.inputs.size() == 2 && allInputsActivations(n, L) &&
            !in0.empty() && in0 == shapeOf(g, L.inputs[1]))
            return LayerKind::Add;
        return LayerKind::Float;
    }
    if (op == "Concat") {
        const int64_t rank = static_cast<int64_t>(in0.size());
        int64_t axis = n.attrInt("axis", 0);
        if (axis < 0)
            axis += rank;
        if (rank > 0 && axis > 0 && axis < rank && allInputsActivations(n, L))
            return LayerKind::Concat;
        return LayerKind::Float;
    }
    // The remaining integer layers keep (S, Z): they need codes coming in.
    if (!inputCodes || L.inputs.size() != 1 || !singleOutput(n))
        return LayerKind::Float;
    if (op == "MaxPool" && in0.size() == 4)
        return LayerKind::MaxPool;
    if ((op == "AveragePool" || op == "GlobalAveragePool") && in0.size() == 4)
        return LayerKind::AveragePool;
    if (op == "Relu")
        return LayerKind::Relu;
    if (op == "Clip" && constantClip(g, n))
        return LayerKind::Clip;
    if (op == "Flatten" || op == "Reshape" || op == "Identity" || op == "Dropout" ||
        op == "Squeeze" || op == "Unsqueeze") {
        // Codes unchanged; the batch must stay dim 0 on both sides.
        const Shape out = shapeOf(g, L.output);
        if (!in0.empty() && in0[0] == 1 && !out.empty() && out[0] == 1)
            return LayerKind::Passthrough;
    }
    return LayerKind::Float;
}

bool makesNewCodes(LayerKind k)
{
    return k == LayerKind::Conv || k == LayerKind::Gemm || k == LayerKind::Add ||
           k == LayerKind::Concat;
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
        q.kind = decideKind(model, q.plan, q.config, codes);
        q.outputQuantized = q.kind != LayerKind::Float;
        const TensorQuantConfig& act = q.config.activations;
        const int index = static_cast<int>(i);

        if (q.kind != LayerKind::Float) {
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

        if (makesNewCodes(q.kind)) {
            q.outputParams = rangeParams(calib, q.plan.output, act);
            qm.tensorConfig[q.plan.output] = act;
        } else if (q.kind != LayerKind::Float) {
            q.outputParams = q.inputParams.front();
            qm.tensorConfig[q.plan.output] = qm.tensorConfig.at(q.plan.inputs.front());
        }
        if (q.kind != LayerKind::Float) {
            qm.tensorParams[q.plan.output] = q.outputParams;
            codes.insert(q.plan.output);
            const FusedActivation clamp = layerClamp(g, q);
            activationLimits(clamp, q.outputParams, act.rounding, &q.activationMin,
                             &q.activationMax);
        }

        if (q.kind == LayerKind::Conv || q.kind == LayerKind::Gemm) {
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
        if (q.kind == LayerKind::Conv || q.kind == LayerKind::Gemm)
            q.biasCodes = rt.biasCodes(static_cast<int>(i), q.inputParams[0], 0);
    }
    return qm;
}

} // namespace ql
