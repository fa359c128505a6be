// explainElement(): one output element of a Conv/Gemm layer recomputed term by term from the
// codes, as the seeds' walk-through does by hand (spec §3):
//
//   acc      = Σ_k (x_q[k] − Z_x)·(w_q[o,k] − Z_w[o]) + b_q[o],  b_q[o] = R(B[o] / (S_x·S_w[o]))
//   rounded  = R(acc · M[o]),  M[o] = S_x·S_w[o] / S_y   (float32 M, or M0·2^(shift − 31))
//   y_q      = clamp(rounded + Z_y, activation_min, activation_max),  y' = S_y·(y_q − Z_y)
//
// The inputs are those of the propagated integer chain for the sample (run as a one-sample
// batch, seeded with the sample's index). The terms follow im2col order for Conv — (c, ky, kx)
// over the input channels of the output channel's group, padded taps reading Z_x — and the
// recomputed accumulator and output code are checked against the engine's own kernels, so the
// walk-through can never disagree with what the engine produced.
//
// Stochastic rounding consumes the sample's Rng in element order; the walk-through replays the
// draws of the elements before this one, so it reproduces the engine's code exactly.

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "core/quant/int_runtime.h"

namespace ql {

namespace {

// R(acc·M[c]) as requantize() forms it, before + Z_y and the clamp.
int64_t scaled(const RequantParams& rp, int64_t acc, size_t c, Rng* rng)
{
    const size_t m = rp.multiplier.size() == 1 ? 0 : c;
    return rp.mode == RequantMode::FixedPoint
               ? multiplyByQuantizedMultiplier(acc, rp.fixedMultiplier[m], rp.rounding, rng)
               : multiplyByFloatMultiplier(acc, rp.multiplier[m], rp.rounding, rng);
}

// requantize()'s output stage (int_gemm.h), then its clamp.
int32_t clampCode(int64_t rounded, const RequantParams& rp)
{
    const int64_t code = requantizedCodeUnclamped(rounded, rp.outputZeroPoint, rp.activationMin,
                                                  rp.activationMax);
    return static_cast<int32_t>(std::clamp<int64_t>(code, rp.activationMin, rp.activationMax));
}

struct Requantized
{
    int64_t rounded = 0;
    int32_t code = 0;
};

// The element `element` of a one-sample stage under rounding `mode`; stochastic replays the
// sample's Rng over the elements before it (requantize() draws in flat element order).
Requantized requantizeElement(const MatmulStage& st, RequantParams rp, RoundingMode mode,
                              int64_t element, uint64_t seed)
{
    rp.rounding = mode;
    const auto channelOf = [&](int64_t e) { return static_cast<size_t>((e / st.inner) % st.channels); };
    Requantized r;
    if (mode == RoundingMode::Stochastic) {
        Rng rng(seed);
        for (int64_t e = 0; e < element; ++e)
            (void)scaled(rp, st.acc[e], channelOf(e), &rng);
        r.rounded = scaled(rp, st.acc[element], channelOf(element), &rng);
    } else {
        r.rounded = scaled(rp, st.acc[element], channelOf(element), nullptr);
    }
    r.code = clampCode(r.rounded, rp);
    return r;
}

} // namespace

ExplainResult explainElement(const QuantizedModel& qmodel, const Tensor& batch,
                             const std::string& layer, const std::vector<int64_t>& index,
                             const RunControl& ctl)
{
    if (!qmodel.model)
        throw Error("explain: the quantized model has no model");
    const Model& model = *qmodel.model;
    const auto found = qmodel.plan.layerByName.find(layer);
    if (found == qmodel.plan.layerByName.end())
        throw Error("explain: no layer named '" + layer + "'");
    const int li = found->second;
    const QuantizedLayer& L = qmodel.layers[static_cast<size_t>(li)];
    if (!L.isMatmul())
        throw Error("explain: layer '" + layer + "' runs as " + L.kernelName() +
                    "; only integer Conv/Gemm layers can be explained");
    if (model.graph.inputs.size() != 1)
        throw Error("explain: the model must have exactly one input");
    const int64_t samples = batch.rank() ? batch.shape[0] : 0;
    if (index.empty() || index[0] < 0 || index[0] >= samples)
        throw Error("explain: sample index outside the batch of " + std::to_string(samples));
    const int64_t sample = index[0];

    // The one-sample batch and the propagated chain up to the layer's input.
    TensorMap feeds;
    Tensor one = batch;
    const int64_t per = batch.numel() / samples;
    one.shape[0] = 1;
    one.f.assign(batch.f.begin() + sample * per, batch.f.begin() + (sample + 1) * per);
    feeds[model.graph.inputs.front().name] = one;
    const IntRuntime rt(qmodel);
    RtValues values;
    if (li > 0)
        values = rt.runChain(feeds, sample, ctl, li - 1);
    else
        for (const auto& [name, t] : feeds)
            values[name].data = t;
    RtValue scratch;
    const RtValue& x = rt.codesOf(L.plan.inputs.front(), values, li, sample, true, scratch);
    const MatmulStage st = rt.matmulStage(li, x, sample);

    // Locate the element in the one-sample output [1, O, H, W] / [1, ..., O].
    const Shape& shape = st.outShape;
    if (index.size() != shape.size())
        throw Error("explain: index has " + std::to_string(index.size()) + " dims, output " +
                    shapeToString(shape) + " has " + std::to_string(shape.size()));
    for (size_t d = 1; d < shape.size(); ++d)
        if (index[d] < 0 || index[d] >= shape[d])
            throw Error("explain: index outside the output shape " + shapeToString(shape));
    int64_t element = 0;
    for (size_t d = 1; d < shape.size(); ++d)
        element = element * shape[d] + index[d];
    const int64_t o = L.plan.opType == "Conv" ? index[1] : index.back();
    const QuantParams& wp = L.weightParams;
    const size_t oc = wp.channels() > 1 ? static_cast<size_t>(o) : 0;

    ExplainResult r;
    r.layer = layer;
    r.opType = L.plan.opType;
    r.index = index;
    r.sample = sample;
    r.inputScale = x.params.scale[0];
    r.inputZeroPoint = x.params.zeroPoint[0];
    r.weightScale = wp.scale[oc];
    r.weightZeroPoint = wp.zeroPoint[oc];
    const int64_t zx = r.inputZeroPoint, zw = r.weightZeroPoint;
    const int32_t* xq = x.data.q.data();
    const int32_t* wq = L.weightCodes.data();
    if (L.plan.opType == "Conv") {
        const ConvParams& p = st.conv;
        const int64_t channels_per_group = p.inChannels / p.group;
        const int64_t group = o / (p.outChannels / p.group);
        const int64_t out_y = index[2], out_x = index[3];
        for (int64_t c = 0; c < channels_per_group; ++c)
            for (int64_t filter_y = 0; filter_y < p.kernelHeight; ++filter_y)
                for (int64_t filter_x = 0; filter_x < p.kernelWidth; ++filter_x) {
                    const int64_t in_y = out_y * p.strideHeight - p.padTop + filter_y * p.dilationHeight;
                    const int64_t in_x = out_x * p.strideWidth - p.padLeft + filter_x * p.dilationWidth;
                    const bool inside = in_y >= 0 && in_y < p.inHeight && in_x >= 0 && in_x < p.inWidth;
                    ExplainTerm t;
                    t.k = (c * p.kernelHeight + filter_y) * p.kernelWidth + filter_x;
                    t.channel = c;
                    t.ky = filter_y;
                    t.kx = filter_x;
                    t.x = inside ? xq[((group * channels_per_group + c) * p.inHeight + in_y) * p.inWidth + in_x]
                                 : static_cast<int32_t>(zx); // padding is the quantized zero
                    t.w = wq[o * channels_per_group * p.kernelHeight * p.kernelWidth + t.k];
                    t.product = (int64_t(t.x) - zx) * (int64_t(t.w) - zw);
                    r.terms.push_back(t);
                }
    } else {
        const int64_t depth = L.plan.weight.dim(1);
        const int64_t row = element / st.channels;
        for (int64_t k = 0; k < depth; ++k) {
            ExplainTerm t;
            t.k = k;
            t.x = xq[row * depth + k];
            t.w = wq[o * depth + k];
            t.product = (int64_t(t.x) - zx) * (int64_t(t.w) - zw);
            r.terms.push_back(t);
        }
    }
    for (const ExplainTerm& t : r.terms)
        r.sumProducts += t.product;
    r.biasReal = L.plan.bias[static_cast<size_t>(o)];
    r.biasCode = st.bias[static_cast<size_t>(o)];
    const int64_t exact = r.sumProducts + r.biasCode;
    r.accumulatorOverflowsInt32 =
        exact > std::numeric_limits<int32_t>::max() || exact < std::numeric_limits<int32_t>::min();
    // What a 32-bit register holds under the int32 accumulator mode (wrap-around); auto and
    // int64 keep the exact value.
    r.accumulator = L.config.accumulator == AccumulatorMode::Int32
                        ? int64_t(static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(exact))))
                        : exact;
    if (r.accumulator != st.acc[static_cast<size_t>(element)])
        throw Error("explain: internal mismatch: term-by-term accumulator " +
                    std::to_string(r.accumulator) + " vs the kernel's " +
                    std::to_string(st.acc[static_cast<size_t>(element)]));

    // Requantization.
    const RequantParams& rp = st.requant;
    const size_t mc = rp.multiplier.size() == 1 ? 0 : static_cast<size_t>(o);
    r.requantization = requantModeName(rp.mode);
    r.rounding = roundingModeName(rp.rounding);
    r.multiplier = st.multiplier[mc];
    r.multiplierFixed = rp.fixedMultiplier[mc].multiplier;
    r.shift = rp.fixedMultiplier[mc].shift;
    r.scaledAccumulator = rp.mode == RequantMode::FixedPoint
                              ? double(r.accumulator) * rp.fixedMultiplier[mc].value()
                              : double(static_cast<float>(r.accumulator) * rp.multiplier[mc]);
    const uint64_t seed = rngSeed(qmodel.config.defaults.seed, li, sample, RngStream::Requant);
    const Requantized main = requantizeElement(st, rp, rp.rounding, element, seed);
    r.rounded = main.rounded;
    r.withZeroPoint = main.rounded + rp.outputZeroPoint;
    r.activationMin = rp.activationMin;
    r.activationMax = rp.activationMax;
    r.outputCode = main.code;
    r.outputScale = st.output.scale[0];
    r.outputZeroPoint = st.output.zeroPoint[0];
    r.dequantized = double(r.outputScale) * (r.outputCode - r.outputZeroPoint);
    // Cross-check against the engine's requantizer on the whole sample.
    std::vector<int32_t> codes(st.acc.size());
    rt.requantizeStage(li, st, sample, codes.data(), nullptr);
    if (codes[static_cast<size_t>(element)] != r.outputCode)
        throw Error("explain: internal mismatch: walk-through code " + std::to_string(r.outputCode) +
                    " vs the engine's " + std::to_string(codes[static_cast<size_t>(element)]));

    for (RoundingMode mode : {RoundingMode::HalfEven, RoundingMode::HalfAway, RoundingMode::TowardZero,
                              RoundingMode::Floor, RoundingMode::Stochastic}) {
        const Requantized alt = requantizeElement(st, rp, mode, element, seed);
        RoundingAlternative a;
        a.rounding = roundingModeName(mode);
        a.code = alt.code;
        a.dequantized = double(r.outputScale) * (alt.code - r.outputZeroPoint);
        r.alternatives.push_back(a);
    }

    // The FP32 reference of the (fused) layer output for this sample, and the layer's FP32
    // input for the layer-alone variant.
    const Fp32Executor executor(model);
    ExecOptions keep;
    const std::string& input = L.plan.inputs.front();
    keep.keep.insert(L.plan.output);
    keep.keep.insert(input);
    RunControl inner;
    inner.cancel = ctl.cancel;
    inner.threads = 1;
    const TensorMap refs = executor.run(feeds, inner, keep);
    r.fp32 = refs.at(L.plan.output).f.at(static_cast<size_t>(element));

    // Layer alone: the FP32 input quantized with the layer's own input parameters, then the
    // same accumulate → requantize → clamp (the local error's path).
    const Tensor* fp32Input = nullptr;
    for (const TensorMap* map : {&refs, static_cast<const TensorMap*>(&feeds)})
        if (const auto it = map->find(input); !fp32Input && it != map->end())
            fp32Input = &it->second;
    if (!fp32Input)
        throw Error("explain: no FP32 value for '" + input + "', the input of layer '" + layer + "'");
    const RtValue alone = rt.quantizeFloat(input, *fp32Input, li, sample);
    const MatmulStage aloneStage = rt.matmulStage(li, alone, sample);
    r.aloneAccumulator = aloneStage.acc[static_cast<size_t>(element)];
    r.aloneCode = requantizeElement(aloneStage, aloneStage.requant, rp.rounding, element, seed).code;
    r.aloneDequantized =
        double(aloneStage.output.scale[0]) * (r.aloneCode - aloneStage.output.zeroPoint[0]);
    return r;
}

} // namespace ql
