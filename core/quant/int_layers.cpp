// IntRuntime: the layers besides Conv/Gemm (spec §4) — Add, Concat, pooling, ReLU/Clip on
// codes, Flatten-like passthrough, and Float layers behind an explicit dequantize.

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "core/error.h"
#include "core/op_registry.h"
#include "core/ops/max_pool.h"
#include "core/quant/int_runtime.h"

namespace ql {

namespace {

RtValue codeValue(Shape shape, const QuantParams& params)
{
    RtValue v;
    v.codes = true;
    v.params = params;
    v.data.dtype = DType::Int32;
    v.data.shape = std::move(shape);
    v.data.q.resize(static_cast<size_t>(numelOf(v.data.shape)));
    return v;
}

// The input's codes: the value itself, or the quantized copy runLayer cached for it.
const RtValue& storedCodes(const std::string& tensor, const RtValues& values)
{
    const RtValue& v = values.at(tensor);
    return v.codes ? v : values.at(IntRuntime::quantizedName(tensor));
}

const OpDef& opOf(const Node& n)
{
    const OpDef* op = findOp(n.opType);
    if (!op || !op->run)
        throw Error("integer engine: no FP32 kernel for op '" + n.opType + "'");
    return *op;
}

// Clamp with clip counting (the unclamped code lies beyond the limit).
inline int32_t clampCounted(int64_t code, int64_t lo, int64_t hi, int64_t& low, int64_t& high)
{
    if (code < lo) {
        ++low;
        return static_cast<int32_t>(lo);
    }
    if (code > hi) {
        ++high;
        return static_cast<int32_t>(hi);
    }
    return static_cast<int32_t>(code);
}

Int128 shiftUp(Int128 v, int bits)
{
    return bits == 0 ? v : v * (Int128(1) << bits);
}

} // namespace

// ---- Add (spec §4, residual) ----------------------------------------------------------------
//
//   y = clamp( Z_y + R( M_a·(a − Z_a) + M_b·(b − Z_b) ), activation_min, activation_max )
//   M_a = S_a / S_y,  M_b = S_b / S_y
//
// float:       both products and their sum in double, then ONE rounding R.
// fixed_point: integer-only. M_a = m_a·2^(s_a − 31), M_b = m_b·2^(s_b − 31) (quantizeMultiplier),
//              so the exact sum is  [(a − Z_a)·m_a·2^(s_a − e) + (b − Z_b)·m_b·2^(s_b − e)] · 2^(e − 31)
//              with e = min(s_a, s_b): both terms are brought to the common smaller exponent in
//              Int128 (|(a − Z_a)·m| < 2^17·2^31 = 2^48, shifted by s_max − e ≤ 78 bits: < 2^127)
//              and divided ONCE by 2^(31 − e) with RoundingDivideByPOT in the chosen mode.
//              Exponents further apart than 78 bits (S_a/S_b beyond 2^78) drop the smaller term.
// A fused ReLU raises activation_min to Z_y.
void IntRuntime::runAdd(int layer, RtValues& values, int64_t firstSample, RtLayerStats* stats,
                        bool cache) const
{
    const QuantizedLayer& L = m_qm.layers[static_cast<size_t>(layer)];
    const Prepared& prep = m_prep[static_cast<size_t>(layer)];
    RtValue scratchA, scratchB;
    const RtValue& a = codesOf(L.plan.inputs[0], values, layer, firstSample, cache, scratchA);
    const RtValue& b = codesOf(L.plan.inputs[1], values, layer, firstSample, cache, scratchB);
    if (a.data.shape != b.data.shape)
        throw Error("integer engine: Add '" + L.plan.name + "' inputs differ in shape: " +
                    shapeToString(a.data.shape) + " vs " + shapeToString(b.data.shape));
    const double scale_a = a.params.scale[0], scale_b = b.params.scale[0];
    const int64_t zero_a = a.params.zeroPoint[0], zero_b = b.params.zeroPoint[0];
    const int64_t n = a.data.numel();
    const int32_t* qa = a.data.q.data();
    const int32_t* qb = b.data.q.data();

    QuantParams output = L.outputParams;
    int32_t activation_min = L.activationMin, activation_max = L.activationMax;
    const RoundingMode rounding = L.config.activations.rounding;
    if (prep.dynamicOutput) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int64_t i = 0; i < n; ++i) {
            const double r = scale_a * (qa[i] - zero_a) + scale_b * (qb[i] - zero_b);
            lo = std::min(lo, r);
            hi = std::max(hi, r);
        }
        output = dynamicParams(layer, lo, hi);
        activationLimits(prep.activation, output, rounding, &activation_min, &activation_max);
    }
    const double scale_y = output.scale[0];
    const int64_t zero_y = output.zeroPoint[0];
    const double multiplier_a = scale_a / scale_y, multiplier_b = scale_b / scale_y;
    const bool fixed = L.config.requantization == RequantMode::FixedPoint;
    const QuantizedMultiplier fixed_a = fixed ? quantizeMultiplier(multiplier_a) : QuantizedMultiplier{};
    const QuantizedMultiplier fixed_b = fixed ? quantizeMultiplier(multiplier_b) : QuantizedMultiplier{};
    // Common exponent: the smaller shift of the non-zero multipliers.
    int shift_a = fixed_a.shift, shift_b = fixed_b.shift;
    if (fixed_a.multiplier == 0)
        shift_a = shift_b;
    if (fixed_b.multiplier == 0)
        shift_b = shift_a;
    int64_t term_a_on = fixed_a.multiplier != 0, term_b_on = fixed_b.multiplier != 0;
    if (shift_a - shift_b > 78) { term_b_on = 0; shift_b = shift_a; }
    if (shift_b - shift_a > 78) { term_a_on = 0; shift_a = shift_b; }
    const int shift = std::min(shift_a, shift_b);
    const int up_a = shift_a - shift, up_b = shift_b - shift;

    RtValue out = codeValue(a.data.shape, output);
    int32_t* y = out.data.q.data();
    int64_t low = 0, high = 0;
    auto run = [&](int64_t begin, int64_t end, Rng* rng) {
        for (int64_t i = begin; i < end; ++i) {
            const int64_t da = qa[i] - zero_a, db = qb[i] - zero_b;
            int64_t rounded;
            if (!fixed) {
                rounded = roundToInt(multiplier_a * double(da) + multiplier_b * double(db), rounding, rng);
            } else {
                const Int128 sum = shiftUp(Int128(da * fixed_a.multiplier * term_a_on), up_a) +
                                   shiftUp(Int128(db * fixed_b.multiplier * term_b_on), up_b);
                rounded = static_cast<int64_t>(roundingDivideByPOT(sum, 31 - shift, rounding, rng));
            }
            y[i] = clampCounted(rounded + zero_y, activation_min, activation_max, low, high);
        }
    };
    // Float path, deterministic rounding: the same arithmetic with the mode hoisted out of the
    // loop (the common case; the general loop above calls roundToInt per element).
    auto hoisted = [&](auto round) {
        for (int64_t i = 0; i < n; ++i) {
            const double sum =
                multiplier_a * double(qa[i] - zero_a) + multiplier_b * double(qb[i] - zero_b);
            y[i] = clampCounted(saturateToInt64(round(sum)) + zero_y, activation_min,
                                activation_max, low, high);
        }
    };
    const bool done = !fixed && withDeterministicRounding(rounding, hoisted);
    if (!done && prep.stochastic && a.data.rank() > 0 && a.data.shape[0] > 0) {
        const int64_t samples = a.data.shape[0], per = n / samples;
        for (int64_t s = 0; s < samples; ++s) {
            Rng rng(rngSeed(m_qm.config.defaults.seed, layer, firstSample + s, RngStream::Requant));
            run(s * per, (s + 1) * per, &rng);
        }
    } else if (!done) {
        run(0, n, nullptr);
    }
    if (stats) {
        stats->clip.total += n;
        stats->clip.clippedLow += low;
        stats->clip.clippedHigh += high;
    }
    values[L.plan.output] = std::move(out);
}

// ---- Concat (spec §4) -------------------------------------------------------------------------
// Each input is requantized to the output's (S, Z):  q' = Z_y + R((S_i / S_y)·(q − Z_i)),
// through requantize() with acc = q − Z_i (float or fixed-point multiplier as configured),
// then the blocks are interleaved along the axis.
void IntRuntime::runConcat(int layer, RtValues& values, int64_t firstSample, RtLayerStats* stats,
                           bool cache) const
{
    const QuantizedLayer& L = m_qm.layers[static_cast<size_t>(layer)];
    const Prepared& prep = m_prep[static_cast<size_t>(layer)];
    const size_t count = L.plan.inputs.size();
    std::vector<RtValue> scratch(count);
    std::vector<const RtValue*> in(count);
    for (size_t i = 0; i < count; ++i)
        in[i] = &codesOf(L.plan.inputs[i], values, layer, firstSample, cache, scratch[i]);
    const int64_t axis = prep.concatAxis;
    Shape shape = in[0]->data.shape;
    if (axis <= 0 || axis >= static_cast<int64_t>(shape.size()))
        throw Error("integer engine: Concat '" + L.plan.name + "' has an unusable axis");
    shape[axis] = 0;
    for (const RtValue* v : in)
        shape[axis] += v->data.shape[axis];

    QuantParams output = L.outputParams;
    if (prep.dynamicOutput) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const RtValue* v : in)
            for (int32_t q : v->data.q) {
                const double r = double(v->params.scale[0]) * (q - v->params.zeroPoint[0]);
                lo = std::min(lo, r);
                hi = std::max(hi, r);
            }
        output = dynamicParams(layer, lo, hi);
    }
    const int64_t samples = shape[0];
    int64_t outer = 1; // dims before the axis
    for (int64_t d = 0; d < axis; ++d)
        outer *= shape[d];
    // One Rng per sample, used by the inputs in order.
    std::vector<Rng> rngs;
    if (prep.stochastic)
        for (int64_t s = 0; s < samples; ++s)
            rngs.emplace_back(rngSeed(m_qm.config.defaults.seed, layer, firstSample + s, RngStream::Requant));

    RtValue out = codeValue(shape, output);
    const int64_t outBlock = out.data.numel() / std::max<int64_t>(outer, 1);
    int64_t offset = 0; // of this input's block inside an output block
    ClipStats clip;
    for (const RtValue* v : in) {
        const int64_t n = v->data.numel();
        std::vector<int64_t> acc(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i)
            acc[i] = int64_t(v->data.q[i]) - v->params.zeroPoint[0];
        RequantParams rp;
        rp.mode = L.config.requantization;
        rp.setMultipliers({double(v->params.scale[0]) / double(output.scale[0])});
        rp.outputZeroPoint = output.zeroPoint[0];
        rp.activationMin = output.qmin;
        rp.activationMax = output.qmax;
        rp.rounding = L.config.activations.rounding;
        std::vector<int32_t> q(static_cast<size_t>(n));
        if (prep.stochastic && samples > 0) {
            const int64_t per = n / samples;
            for (int64_t s = 0; s < samples; ++s) {
                rp.rng = &rngs[static_cast<size_t>(s)];
                requantize(rp, acc.data() + s * per, 1, 1, per, q.data() + s * per, &clip);
            }
        } else {
            requantize(rp, acc.data(), 1, 1, n, q.data(), &clip);
        }
        const int64_t block = n / std::max<int64_t>(outer, 1);
        for (int64_t o = 0; o < outer; ++o)
            std::copy_n(q.data() + o * block, block, out.data.q.data() + o * outBlock + offset);
        offset += block;
    }
    if (stats)
        stats->clip.merge(clip);
    values[L.plan.output] = std::move(out);
}

// ---- pooling (spec §4) ------------------------------------------------------------------------
// MaxPool commutes with the monotonic quantizer: the pooling kernel runs on the codes themselves
// (ql::maxPool<int32_t>, the FP32 op's loop) and (S, Z) stay.
// AveragePool / GlobalAveragePool: the FP32 kernel runs on (q − Z) as floats. Its sum of
// integers is exact (|sum| < 2^24), and the one division by the window size is correctly
// rounded, so R(result) equals R(sum / count) exactly: a rounding boundary (an integer for
// toward_zero/floor, k + ½ for the nearest modes) lies at least 1/(2·count) from any quotient
// that is not on it, while the division errs by at most |sum/count|·2^−24 < 1/(2·count) when
// |sum| < 2^23 (8-bit codes: any window up to 2^15 taps); a quotient ON a boundary is exactly
// representable. Then y = clamp(R(avg) + Z) with the layer's activation rounding; (S, Z) stay.
void IntRuntime::runPool(int layer, RtValues& values, int64_t firstSample) const
{
    const QuantizedLayer& L = m_qm.layers[static_cast<size_t>(layer)];
    const Prepared& prep = m_prep[static_cast<size_t>(layer)];
    const RtValue& x = storedCodes(L.plan.inputs.front(), values);
    const bool average = L.kind == LayerKind::AveragePool;
    const Node& node = *prep.nodes.front();
    if (!average) { // max on the codes themselves
        RtValue out = codeValue({}, x.params);
        out.data.shape = maxPool(node, x.data.shape, x.data.q.data(), out.data.q);
        // A window wholly in the padding is −inf in FP32, whose code is qmin.
        for (int32_t& q : out.data.q)
            q = std::max(q, x.params.qmin);
        values[L.plan.output] = std::move(out);
        return;
    }
    const int64_t zero_point = x.params.zeroPoint[0];
    Tensor f;
    f.shape = x.data.shape;
    f.f.resize(x.data.q.size());
    for (size_t i = 0; i < f.f.size(); ++i)
        f.f[i] = static_cast<float>(x.data.q[i] - zero_point);
    std::vector<Tensor> result(1);
    opOf(node).run(node, {&f}, result, RunControl{});
    const Tensor& r = result[0];
    RtValue out = codeValue(r.shape, x.params);
    int32_t* y = out.data.q.data();
    const int64_t n = r.numel();
    {
        const RoundingMode rounding = L.config.activations.rounding;
        const int64_t qmin = x.params.qmin, qmax = x.params.qmax;
        auto run = [&](int64_t begin, int64_t end, Rng* rng) {
            for (int64_t i = begin; i < end; ++i)
                y[i] = static_cast<int32_t>(
                    std::clamp<int64_t>(roundToInt(r.f[i], rounding, rng) + zero_point, qmin, qmax));
        };
        if (prep.stochastic && r.rank() > 0 && r.shape[0] > 0) {
            const int64_t samples = r.shape[0], per = n / samples;
            for (int64_t s = 0; s < samples; ++s) {
                Rng rng(rngSeed(m_qm.config.defaults.seed, layer, firstSample + s, RngStream::Requant));
                run(s * per, (s + 1) * per, &rng);
            }
        } else {
            run(0, n, nullptr);
        }
    }
    values[L.plan.output] = std::move(out);
}

// ---- ReLU / Clip on codes ---------------------------------------------------------------------
// ReLU: max(Z, q); Clip: clamp to the codes of its bounds; (S, Z) unchanged.
void IntRuntime::runClamp(int layer, RtValues& values) const
{
    const QuantizedLayer& L = m_qm.layers[static_cast<size_t>(layer)];
    const RtValue& x = storedCodes(L.plan.inputs.front(), values);
    int32_t activation_min = L.activationMin, activation_max = L.activationMax;
    if (!(x.params == L.inputParams.front())) // dynamic input: limits from its own (S, Z)
        activationLimits(m_prep[static_cast<size_t>(layer)].activation, x.params,
                         L.config.activations.rounding, &activation_min, &activation_max);
    RtValue out = codeValue(x.data.shape, x.params);
    for (size_t i = 0; i < x.data.q.size(); ++i)
        out.data.q[i] = std::clamp(x.data.q[i], activation_min, activation_max);
    values[L.plan.output] = std::move(out);
}

// ---- Flatten / Reshape / Identity / Dropout / Squeeze / Unsqueeze -----------------------------
// Codes unchanged. Output shape: the node's batch-1 output shape with dim 0 = total / Π(rest).
void IntRuntime::runPassthrough(int layer, RtValues& values) const
{
    const QuantizedLayer& L = m_qm.layers[static_cast<size_t>(layer)];
    const RtValue& x = storedCodes(L.plan.inputs.front(), values);
    Shape shape = m_qm.model->graph.shapes.at(L.plan.output);
    int64_t rest = 1;
    for (size_t d = 1; d < shape.size(); ++d)
        rest *= shape[d];
    if (rest <= 0 || x.data.numel() % rest != 0)
        throw Error("integer engine: cannot reshape " + shapeToString(x.data.shape) + " for '" +
                    L.plan.name + "'");
    shape[0] = x.data.numel() / rest;
    RtValue out = x;
    out.data.shape = std::move(shape);
    values[L.plan.output] = std::move(out);
}

// ---- Float layers -------------------------------------------------------------------------------
// The explicit boundary of a hybrid model (spec §4): code inputs are dequantized, r' = S·(q − Z),
// and every covered node runs its FP32 kernel (constant inputs from the initializers); the
// outputs are float.
void IntRuntime::runFloat(int layer, RtValues& values) const
{
    const Prepared& prep = m_prep[static_cast<size_t>(layer)];
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
        try {
            opOf(*node).run(*node, in, out, RunControl{});
        } catch (const Error& e) {
            throw Error(m_qm.model->path + ": " + e.what());
        }
        for (size_t k = 0; k < node->outputs.size(); ++k)
            if (!node->outputs[k].empty()) {
                RtValue& v = values[node->outputs[k]];
                v = RtValue{};
                v.data = std::move(out[k]);
            }
    }
}

} // namespace ql
