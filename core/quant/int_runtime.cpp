// IntRuntime: values, input quantization, the propagated chain, float layers, and the matrix
// stage of Conv/Gemm layers (spec §3). The integer kernels themselves are the op table's
// (int_op.h, core/quant/int_ops/).

#include "core/quant/int_runtime.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "core/error.h"
#include "core/isa/kernel_choice.h"
#include "core/op_registry.h"
#include "core/ops/op_utils.h"
#include "core/quant/int_conv.h"
#include "core/quant/int_op.h"

namespace ql {

namespace {

uint64_t splitMix(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

uint64_t rngSeed(uint64_t seed, int64_t layer, int64_t sample, RngStream stream)
{
    uint64_t h = splitMix(seed);
    h = splitMix(h ^ static_cast<uint64_t>(layer + 1));
    h = splitMix(h ^ static_cast<uint64_t>(sample + 1));
    return splitMix(h ^ static_cast<uint64_t>(stream));
}

void activationLimits(const FusedActivation& act, const QuantParams& out, RoundingMode rounding,
                      int32_t* activation_min, int32_t* activation_max)
{
    const int64_t qmin = out.qmin;
    const int64_t qmax = out.qmax;
    *activation_min = out.qmin;
    *activation_max = out.qmax;
    if (act.kind == FusedActivation::Kind::None || out.scale.empty())
        return;
    const double scale = out.scale[0];
    const int64_t zero_point = out.zeroPoint[0];
    // code(v) = clamp(Z + R(v / S), qmin, qmax); ±inf bounds leave that side open.
    auto code = [&](float v) -> int64_t {
        if (std::isinf(v))
            return v < 0 ? qmin : qmax;
        return std::clamp<int64_t>(roundedCode(double(v) / scale, zero_point, rounding), qmin,
                                   qmax);
    };
    if (act.kind == FusedActivation::Kind::Relu) {
        *activation_min = static_cast<int32_t>(std::max(qmin, zero_point)); // max(Z_y, q)
        return;
    }
    *activation_min = static_cast<int32_t>(std::max(qmin, code(act.lo)));
    *activation_max = static_cast<int32_t>(std::min(qmax, code(act.hi)));
}

FusedActivation layerClamp(const Graph& g, const QuantizedLayer& layer)
{
    // Standalone Relu/Clip layers that run on codes clamp by their own bounds (the clamp op
    // accepted them, so Clip's bounds are constants); everything else by the fused activation.
    if (layer.runsInteger() && layer.plan.opType == "Relu")
        return {FusedActivation::Kind::Relu, 0.0f, std::numeric_limits<float>::infinity(),
                layer.plan.name};
    if (!layer.runsInteger() || layer.plan.opType != "Clip")
        return layer.plan.activation;
    const Node& n = layer.plan.anchor(g);
    FusedActivation clamp;
    clamp.kind = FusedActivation::Kind::Clip;
    clamp.nodeName = n.name;
    clamp.lo = n.attrFloat("min", -std::numeric_limits<float>::infinity());
    clamp.hi = n.attrFloat("max", std::numeric_limits<float>::infinity());
    if (n.inputs.size() > 1 && !n.inputs[1].empty())
        clamp.lo = static_cast<float>(g.initializer(n.inputs[1])->at(0));
    if (n.inputs.size() > 2 && !n.inputs[2].empty())
        clamp.hi = static_cast<float>(g.initializer(n.inputs[2])->at(0));
    return clamp;
}

IntRuntime::IntRuntime(const QuantizedModel& qmodel) : m_qm(qmodel)
{
    const Graph& g = m_qm.model->graph;
    for (const auto& [tensor, cfg] : m_qm.tensorConfig)
        if (cfg.observer == ObserverKind::Dynamic)
            m_perSample = true;
    for (const QuantizedLayer& L : m_qm.layers) {
        IntLayerPrep p;
        for (int idx : L.plan.nodeIndices)
            p.nodes.push_back(&g.nodes.at(static_cast<size_t>(idx)));
        p.activation = layerClamp(g, L);
        p.stochastic = L.config.activations.rounding == RoundingMode::Stochastic;
        p.dynamicOutput = L.op && L.op->output == IntOutputParams::New &&
                          L.config.activations.observer == ObserverKind::Dynamic;
        if (L.isMatmul() && L.plan.opType != "Conv" && L.plan.weight.rank() == 2) {
            GemmParams weights;
            weights.cols = L.plan.weight.dim(0);
            weights.depth = L.plan.weight.dim(1);
            weights.weightZeroPoint = L.weightParams.zeroPoint;
            if (int64_t(L.weightCodes.size()) == weights.cols * weights.depth)
                p.gemmWeights = packGemmWeights(weights, L.weightCodes.data());
        }
        if (L.isMatmul() && L.plan.opType == "Conv" && L.plan.weight.rank() == 4 &&
            L.weightCodes.size() == static_cast<size_t>(L.plan.weight.numel())) {
            // Only what packing reads: the group depth C/group·kH·kW, O and Z_w.
            const Shape& w = L.plan.weight.shape;
            ConvParams conv;
            conv.group = p.nodes.front()->attrInt("group", 1);
            conv.inChannels = w[1] * conv.group;
            conv.outChannels = w[0];
            conv.kernelHeight = w[2];
            conv.kernelWidth = w[3];
            conv.weightZeroPoint = L.weightParams.zeroPoint;
            p.convWeights = packConvWeights(conv, L.weightCodes.data());
        }
        m_prep.push_back(std::move(p));
    }
    // The ops' own state, once every layer's common part exists.
    for (size_t i = 0; i < m_qm.layers.size(); ++i)
        if (const IntOpDef* op = m_qm.layers[i].op; op && op->prepare)
            m_prep[i].state = op->prepare(*this, static_cast<int>(i));
}

// ---- values ---------------------------------------------------------------------------------

// r' = S·(q − Z) in float32 — dequantizeBuffer's arithmetic, written out for the per-tensor
// case (activations always are) so the hot loop has no per-element channel index.
Tensor IntRuntime::dequantize(const RtValue& v)
{
    if (!v.codes)
        return v.data;
    Tensor f;
    f.shape = v.data.shape;
    f.f.resize(v.data.q.size());
    const int64_t n = static_cast<int64_t>(v.data.q.size());
    if (v.params.channels() != 1) {
        dequantizeBuffer(v.data.q.data(), n, v.params, 1, f.f.data());
        return f;
    }
    const float scale = v.params.scale[0];
    const int32_t zero_point = v.params.zeroPoint[0];
    const int32_t* q = v.data.q.data();
    float* r = f.f.data();
    for (int64_t i = 0; i < n; ++i)
        r[i] = static_cast<float>(q[i] - zero_point) * scale;
    return f;
}

namespace {

// q = clamp(R(r·(1/S)) + Z, qmin, qmax) for a per-tensor quantizer and a deterministic rounding
// mode: quantizeBuffer's arithmetic (ScaleOp::MultiplyInverse, NaN → Z, R as roundToInt) with
// the mode hoisted out of the loop, all in float so that the loop vectorises. That is exact:
// R of a float is an integer-valued float (|v| < 2^23 rounds to an integer that float holds;
// larger floats already are integers), and clamping it to [qmin − Z, qmax − Z] — small
// integers, exact in float — before adding Z equals clamping R + Z to [qmin, qmax].
template <typename Round>
void quantizePerTensor(const float* r, int64_t n, const QuantParams& p, int32_t* q, Round round)
{
    const float inverse = 1.0f / p.scale[0];
    const int32_t zero_point = p.zeroPoint[0];
    const auto lo = static_cast<float>(int64_t(p.qmin) - zero_point);
    const auto hi = static_cast<float>(int64_t(p.qmax) - zero_point);
    for (int64_t i = 0; i < n; ++i) {
        const float scaled = r[i] * inverse;
        const float rounded = scaled == scaled ? round(scaled) : 0.0f; // NaN → Z
        q[i] = static_cast<int32_t>(std::min(std::max(rounded, lo), hi)) + zero_point;
    }
}

void quantizeFast(const float* r, int64_t n, const QuantParams& p, RoundingMode mode, int32_t* q)
{
    if (mode == RoundingMode::HalfEven) { // the default: the same loop as a per-ISA kernel
        const int32_t zero_point = p.zeroPoint[0];
        QL_ACTIVE_KERNEL(quantizeHalfEven)(r, n, 1.0f / p.scale[0], zero_point,
                                           static_cast<float>(int64_t(p.qmin) - zero_point),
                                           static_cast<float>(int64_t(p.qmax) - zero_point), q);
        return;
    }
    if (withDeterministicRounding(mode, [&](auto round) { quantizePerTensor(r, n, p, q, round); }))
        return;
    QuantizeOptions opts;
    opts.rounding = mode;
    quantizeBuffer(r, n, p, 1, q, opts);
}

} // namespace

// Quantizes a float tensor: q = clamp(R(r / S) + Z, qmin, qmax) with the tensor's activation
// config (spec §1). Dynamic: (S, Z) from the min/max of exactly these values.
RtValue IntRuntime::quantizeFloat(const std::string& tensor, const Tensor& f, int consumer,
                                  int64_t firstSample) const
{
    const auto cfgIt = m_qm.tensorConfig.find(tensor);
    const auto parIt = m_qm.tensorParams.find(tensor);
    if (cfgIt == m_qm.tensorConfig.end() || parIt == m_qm.tensorParams.end())
        throw Error("integer engine: tensor '" + tensor + "' has no quantization parameters");
    if (f.dtype != DType::Float32)
        throw Error("integer engine: tensor '" + tensor + "' is not float");
    const TensorQuantConfig& cfg = cfgIt->second;
    RtValue out;
    out.codes = true;
    out.params = parIt->second;
    const int64_t n = f.numel();
    if (cfg.observer == ObserverKind::Dynamic) {
        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        for (float v : f.f)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        out.params = chooseQuantParams(lo, hi, cfg.spec());
    }
    out.data.dtype = DType::Int32;
    out.data.shape = f.shape;
    out.data.q.resize(static_cast<size_t>(n));
    QuantizeOptions opts;
    opts.rounding = cfg.rounding;
    if (cfg.rounding != RoundingMode::Stochastic || f.rank() == 0 || f.shape[0] <= 0) {
        quantizeFast(f.f.data(), n, out.params, cfg.rounding, out.data.q.data());
        return out;
    }
    // Stochastic: one Rng per sample, so the draws do not depend on the batch layout.
    const int64_t samples = f.shape[0];
    const int64_t per = n / samples;
    for (int64_t s = 0; s < samples; ++s) {
        Rng rng(rngSeed(m_qm.config.defaults.seed, consumer, firstSample + s, RngStream::Input));
        opts.rng = &rng;
        quantizeBuffer(f.f.data() + s * per, per, out.params, 1, out.data.q.data() + s * per, opts);
    }
    return out;
}

bool IntRuntime::readsCodes(int layer, size_t input) const
{
    const QuantizedLayer& L = m_qm.layers.at(static_cast<size_t>(layer));
    if (input >= L.plan.inputs.size() || !m_qm.tensorConfig.count(L.plan.inputs[input]))
        return false;
    if (!L.op)
        return false;
    return L.op->codeInputs == IntCodeInputs::All || input == 0;
}

const RtValue& IntRuntime::codesOf(const std::string& tensor, RtValues& values, int consumer,
                                   int64_t firstSample, bool cache, RtValue& scratch) const
{
    const auto it = values.find(tensor);
    if (it == values.end())
        throw Error("integer engine: tensor '" + tensor + "' is not available");
    if (it->second.codes)
        return it->second;
    const std::string cached = quantizedName(tensor);
    if (const auto c = values.find(cached); c != values.end())
        return c->second;
    RtValue q = quantizeFloat(tensor, it->second.data, consumer, firstSample);
    if (!cache) {
        scratch = std::move(q);
        return scratch;
    }
    return values[cached] = std::move(q);
}

QuantParams IntRuntime::dynamicParams(int layer, double lo, double hi) const
{
    const IntLayerPrep& p = m_prep[static_cast<size_t>(layer)];
    // A fused ReLU/Clip bounds the real output: quantize the range the output can take.
    if (p.activation.kind != FusedActivation::Kind::None) {
        lo = std::clamp<double>(lo, p.activation.lo, p.activation.hi);
        hi = std::clamp<double>(hi, p.activation.lo, p.activation.hi);
    }
    if (!(lo <= hi)) // nothing finite seen
        lo = hi = 0.0;
    return chooseQuantParams(static_cast<float>(lo), static_cast<float>(hi),
                             m_qm.layers[static_cast<size_t>(layer)].config.activations.spec());
}

// ---- the chain --------------------------------------------------------------------------------

void IntRuntime::runLayer(int layer, RtValues& values, int64_t firstSample, RtLayerStats* stats,
                          bool cacheInputs) const
{
    const QuantizedLayer& L = m_qm.layers.at(static_cast<size_t>(layer));
    if (!L.op) {
        runFloat(layer, values, stats);
        return;
    }
    const IntLayerRun run{*this, layer, L, m_prep[static_cast<size_t>(layer)], values,
                          firstSample, stats, cacheInputs};
    // An arithmetic refusal deep in a kernel ("requantization multiplier 6.6e+10 is too large")
    // gets the model file and the layer here, where both are known.
    try {
        L.op->run(run);
    } catch (const Error& e) {
        const std::string what = e.what();
        const std::string& file = m_qm.model ? m_qm.model->path : std::string();
        if (!file.empty() && what.compare(0, file.size(), file) == 0)
            throw; // already in context
        const std::string quoted = "'" + L.plan.name + "'";
        const std::string where = what.find(quoted) != std::string::npos
                                      ? std::string()
                                      : "layer " + quoted + " (" + L.plan.opType + "): ";
        throw Error((file.empty() ? std::string() : file + ": ") + where + what);
    }
}

RtValues IntRuntime::runChain(
    const TensorMap& feeds, int64_t firstSample, const RunControl& ctl, int stopAfter,
    const std::function<void(int, const RtValues&, const RtLayerStats&)>& after) const
{
    RtValues values;
    for (const auto& [name, t] : feeds)
        values[name].data = t;
    const int last = stopAfter < 0 ? static_cast<int>(m_qm.layers.size()) - 1
                                   : std::min(stopAfter, static_cast<int>(m_qm.layers.size()) - 1);
    for (int i = 0; i <= last; ++i) {
        ctl.check();
        RtLayerStats stats;
        {
            const ProfileScope profile(ctl.profiler, m_qm.layers[size_t(i)].plan.opType.c_str());
            runLayer(i, values, firstSample, &stats, true);
        }
        if (after)
            after(i, values, stats);
    }
    return values;
}

// ---- Conv / Gemm (spec §3) ------------------------------------------------------------------

std::vector<int32_t> IntRuntime::biasCodes(int layer, const QuantParams& input,
                                           int64_t firstSample) const
{
    const QuantizedLayer& L = m_qm.layers.at(static_cast<size_t>(layer));
    if (!L.biasCodes.empty() && !L.inputParams.empty() && input == L.inputParams[0])
        return L.biasCodes;
    // b_q[o] = R(B[o] / (S_x·S_w[o])): int32, zero point 0, scale S_x·S_w[o], rounded with the
    // layer's activation rounding; saturated to int32 (a bias that large is a broken model).
    const QuantParams& w = L.weightParams;
    Rng rng(rngSeed(m_qm.config.defaults.seed, layer, firstSample, RngStream::Bias));
    std::vector<int32_t> b(L.plan.bias.size());
    for (size_t o = 0; o < b.size(); ++o) {
        const double scale = double(input.scale[0]) * double(w.scale[w.channels() > 1 ? o : 0]);
        const int64_t r = roundToInt(double(L.plan.bias[o]) / scale, L.config.activations.rounding,
                                     &rng);
        b[o] = static_cast<int32_t>(std::clamp<int64_t>(r, std::numeric_limits<int32_t>::min(),
                                                         std::numeric_limits<int32_t>::max()));
    }
    return b;
}

MatmulStage IntRuntime::matmulStage(int layer, const RtValue& x, int64_t firstSample,
                                    std::vector<int32_t>* codes, ClipStats* clip) const
{
    const QuantizedLayer& L = m_qm.layers.at(static_cast<size_t>(layer));
    const IntLayerPrep& prep = m_prep[static_cast<size_t>(layer)];
    if (!x.codes)
        throw Error("integer engine: layer '" + L.plan.name + "' needs codes");
    const Tensor& xt = x.data;
    MatmulStage st;
    st.input = x.params;
    st.samples = xt.rank() ? xt.shape[0] : 1;
    st.channels = L.plan.outChannels();
    st.bias = biasCodes(layer, x.params, firstSample);
    const int32_t input_zero_point = x.params.zeroPoint[0];
    // The output (S, Z) and the requantization: calibrated, or (dynamic) from the real
    // accumulators acc·S_x·S_w[o] — only then does it need acc.
    bool output_ready = false;
    const auto outputStage = [&] {
        output_ready = true;
        const QuantParams& w = L.weightParams;
        const bool sameInput = !L.inputParams.empty() && x.params == L.inputParams[0];
        if (prep.dynamicOutput) {
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            for (int64_t r = 0; r < st.outer; ++r)
                for (int64_t c = 0; c < st.channels; ++c) {
                    const double scale = double(x.params.scale[0]) * w.scale[w.channels() > 1 ? c : 0];
                    const int64_t* a = st.acc.data() + (r * st.channels + c) * st.inner;
                    for (int64_t i = 0; i < st.inner; ++i) {
                        lo = std::min(lo, a[i] * scale);
                        hi = std::max(hi, a[i] * scale);
                    }
                }
            st.output = dynamicParams(layer, lo, hi);
        } else {
            st.output = L.outputParams;
        }
        // M[o] = S_x·S_w[o] / S_y in double; the requantizer keeps float32 and (M0, shift) forms.
        if (sameInput && !prep.dynamicOutput) {
            st.multiplier = L.multipliers;
        } else {
            st.multiplier.resize(static_cast<size_t>(st.channels));
            for (int64_t c = 0; c < st.channels; ++c)
                st.multiplier[c] = double(x.params.scale[0]) * w.scale[w.channels() > 1 ? c : 0] /
                                   double(st.output.scale[0]);
        }
        st.requant.mode = L.config.requantization;
        st.requant.setProductMultipliers(st.multiplier, x.params.scale[0], w.scale,
                                         st.output.scale[0]);
        st.requant.outputZeroPoint = st.output.zeroPoint[0];
        st.requant.rounding = L.config.activations.rounding;
        if (prep.dynamicOutput) {
            activationLimits(prep.activation, st.output, L.config.activations.rounding,
                             &st.requant.activationMin, &st.requant.activationMax);
        } else {
            st.requant.activationMin = L.activationMin;
            st.requant.activationMax = L.activationMax;
        }
    };
    if (L.plan.opType == "Conv") {
        const Node& node = *prep.nodes.front();
        const Shape& w = L.plan.weight.shape;
        const WindowGeometry geo =
            geometryAs2d(node, windowGeometry(node, xt.shape, {w[2], w[3]}, false));
        ConvParams p;
        p.batch = xt.shape[0];
        p.inChannels = xt.shape[1];
        p.inHeight = geo.inSize[0];
        p.inWidth = geo.inSize[1];
        p.outChannels = st.channels;
        p.kernelHeight = geo.kernel[0];
        p.kernelWidth = geo.kernel[1];
        p.strideHeight = geo.strides[0];
        p.strideWidth = geo.strides[1];
        p.dilationHeight = geo.dilations[0];
        p.dilationWidth = geo.dilations[1];
        p.padTop = geo.padBegin[0];
        p.padLeft = geo.padBegin[1];
        p.padBottom = geo.padEnd[0];
        p.padRight = geo.padEnd[1];
        p.group = node.attrInt("group", 1);
        p.inputZeroPoint = input_zero_point; // padding reads Z_x: (x − Z_x) = 0 there
        p.weightZeroPoint = L.weightParams.zeroPoint;
        p.bias = st.bias.data();
        p.accumulator = L.config.accumulator;
        p.packedWeights = &prep.convWeights;
        st.outer = p.batch;
        st.inner = p.outHeight() * p.outWidth();
        st.outShape = {p.batch, st.channels, p.outHeight(), p.outWidth()};
        // acc is allocated uninitialised: untouched (no page written) when the conv requantizes.
        st.acc.resize(static_cast<size_t>(st.outer * st.channels * st.inner));
        ConvOutputStage stage;
        if (codes && !prep.dynamicOutput && !prep.stochastic) {
            outputStage(); // static output params: known before the accumulators
            codes->clear();
            codes->reserve(st.acc.size());
            stage = {&st.requant, codes, clip};
        }
        st.requantized = intConv(p, xt.q.data(), L.weightCodes.data(), st.acc.data(), &st.stats,
                                 stage.codes ? &stage : nullptr);
        if (st.requantized)
            st.acc = {};
        st.conv = p;
        st.conv.bias = nullptr; // points into st.bias, which moves with the stage
        st.conv.packedWeights = nullptr;
    } else {
        // Gemm / MatMul: x is [..., K]; leading dims flatten into rows (MatMul of rank > 2).
        const int64_t depth = L.plan.weight.dim(1);
        if (xt.rank() < 1 || xt.shape.back() != depth)
            throw Error("integer engine: layer '" + L.plan.name + "' expects inner dimension " +
                        std::to_string(depth) + ", got input " + shapeToString(xt.shape));
        GemmParams p;
        p.rows = depth ? xt.numel() / depth : 0;
        p.cols = st.channels;
        p.depth = depth;
        p.inputZeroPoint = {input_zero_point};
        p.weightZeroPoint = L.weightParams.zeroPoint;
        p.bias = st.bias.data();
        p.accumulator = L.config.accumulator;
        if (!prep.gemmWeights.pairs.empty() && p.cols == L.plan.weight.dim(0))
            p.packed = &prep.gemmWeights;
        st.outer = p.rows;
        st.inner = 1;
        st.outShape = xt.shape;
        st.outShape.back() = st.channels;
        st.acc.resize(static_cast<size_t>(p.rows * p.cols));
        intGemm(p, xt.q.data(), L.weightCodes.data(), st.acc.data(), &st.stats);
    }

    if (!output_ready)
        outputStage();
    return st;
}

// out = clamp(R(acc·M[o]) + Z_y, activation_min, activation_max) — requantize() does the
// arithmetic (float32 M, or integer-only (M0, shift)); stochastic rounding goes sample by
// sample with Rng(seed, layer, sample) so results do not depend on the batch layout.
void IntRuntime::requantizeStage(int layer, const MatmulStage& st, int64_t firstSample,
                                 int32_t* out, ClipStats* clip) const
{
    if (!m_prep[static_cast<size_t>(layer)].stochastic || st.samples <= 0) {
        requantize(st.requant, st.acc.data(), st.outer, st.channels, st.inner, out, clip);
        return;
    }
    RequantParams rp = st.requant;
    const int64_t rows = st.outer / st.samples;
    const int64_t per = rows * st.channels * st.inner;
    for (int64_t s = 0; s < st.samples; ++s) {
        Rng rng(rngSeed(m_qm.config.defaults.seed, layer, firstSample + s, RngStream::Requant));
        rp.rng = &rng;
        requantize(rp, st.acc.data() + s * per, rows, st.channels, st.inner, out + s * per, clip);
    }
}

// ---- float layers -----------------------------------------------------------------------------
// The explicit boundary of a hybrid model (spec §4): code inputs are dequantized, r' = S·(q − Z),
// and every covered node runs its FP32 kernel (constant inputs from the initializers); the
// outputs are float, and the next integer layer quantizes them again with their own (S, Z).

void IntRuntime::runFloatKernel(const Node& node, const std::vector<const Tensor*>& in,
                                std::vector<Tensor>& out, RtLayerStats* stats) const
{
    const OpDef* op = findOp(node.opType);
    if (!op || !op->run)
        throw Error(m_qm.model->path + ": integer engine: no FP32 kernel for op '" + node.opType +
                    "' (node '" + node.name + "')");
    if (stats)
        ++stats->floatKernelCalls;
    try {
        op->run(node, in, out, RunControl{});
    } catch (const Error& e) {
        throw Error(m_qm.model->path + ": " + e.what());
    }
}

void IntRuntime::runFloat(int layer, RtValues& values, RtLayerStats* stats) const
{
    const IntLayerPrep& prep = m_prep[static_cast<size_t>(layer)];
    const Graph& g = m_qm.model->graph;
    std::deque<Tensor> scratch; // stable addresses
    for (const Node* node : prep.nodes) {
        std::vector<const Tensor*> in;
        for (const std::string& name : node->inputs) {
            if (name.empty()) {
                in.push_back(nullptr);
                continue;
            }
            const auto it = values.find(name);
            if (it == values.end()) {
                const Tensor* init = g.initializer(name);
                if (!init)
                    throw Error("integer engine: tensor '" + name + "' is not available");
                in.push_back(init);
            } else if (it->second.codes) {
                scratch.push_back(dequantize(it->second));
                in.push_back(&scratch.back());
            } else {
                in.push_back(&it->second.data);
            }
        }
        std::vector<Tensor> out(node->outputs.size());
        runFloatKernel(*node, in, out, stats);
        for (size_t k = 0; k < node->outputs.size(); ++k)
            if (!node->outputs[k].empty()) {
                RtValue& v = values[node->outputs[k]];
                v = RtValue{};
                v.data = std::move(out[k]);
            }
    }
}

} // namespace ql
