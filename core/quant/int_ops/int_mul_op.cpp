// Integer Mul / Div-by-constant (spec §4):
//
// two activations a, b (numpy broadcasting over any axes, e.g. squeeze-excite over H, W):
//   acc = (a − Z_a)·(b − Z_b)                      exact in int64 (|acc| ≤ 2^16·2^16 = 2^32)
//   y   = clamp( Z_y + R(M·acc), qmin, qmax ),   M = S_a·S_b / S_y
// activation x times a constant c that varies along at most one axis k of the output
// (c[k]; a scalar when it varies along none), Div x / c as Mul x · (1/c):
//   acc = sign(c[k])·(x − Z_x)
//   y   = clamp( Z_y + R(M[k]·acc), qmin, qmax ),  M[k] = |c[k]|·S_x / S_y
// R is requantize() (int_gemm.h) in the configured requantization mode (float M, or the
// fixed-point multiplier with RoundingDivideByPOT) and the layer's activation rounding mode;
// the sign is moved into acc because fixed-point multipliers are non-negative.

#include "core/quant/int_ops/int_mul_op.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

struct MulState : IntOpState
{
    // Constant operand (empty for activation × activation), as multipliers along one axis.
    std::vector<double> factor; // c[k] (Div: 1 / c[k])
    int64_t axis = -1;          // output axis c varies along (right-aligned), −1: a scalar
};

// The constant operand of a Mul/Div layer with one activation input, or nullptr.
const Tensor* constantOperand(const Graph& g, const Node& n, size_t* index)
{
    for (size_t i = 0; i < n.inputs.size() && i < 2; ++i)
        if (const Tensor* t = g.initializer(n.inputs[i])) {
            *index = i;
            return t;
        }
    return nullptr;
}

// The one output axis along which `c` (right-aligned against `out`) has a dim other than 1:
// −1 when it has none, −2 when it has several or does not broadcast.
int64_t varyingAxis(const Shape& c, const Shape& out)
{
    if (c.size() > out.size())
        return -2;
    int64_t axis = -1;
    const size_t shift = out.size() - c.size();
    for (size_t d = 0; d < c.size(); ++d) {
        if (c[d] == 1)
            continue;
        if (c[d] != out[d + shift] || axis != -1)
            return -2;
        axis = static_cast<int64_t>(d + shift);
    }
    return axis;
}

void finishRequant(const IntLayerRun& run, RequantParams rp, const std::vector<int64_t>& acc,
                   int64_t outer, int64_t channels, int64_t inner, RtValue& out)
{
    const IntLayerPrep& prep = run.prep;
    const int64_t n = static_cast<int64_t>(acc.size());
    const int64_t samples = out.data.rank() > 0 ? out.data.shape[0] : 1;
    ClipStats clip;
    if (prep.stochastic && samples > 0 && n > 0) {
        // One Rng per sample over that sample's elements (outer is a multiple of samples).
        const int64_t rows = outer / samples;
        for (int64_t s = 0; s < samples; ++s) {
            Rng rng(run.seed(s));
            rp.rng = &rng;
            const int64_t first = s * rows * channels * inner;
            requantize(rp, acc.data() + first, rows, channels, inner, out.data.q.data() + first,
                       &clip);
        }
    } else if (n > 0) {
        requantize(rp, acc.data(), outer, channels, inner, out.data.q.data(), &clip);
    }
    if (run.stats)
        run.stats->clip.merge(clip);
    if (run.q.config.requantization == RequantMode::Float)
        run.countFloat(); // acc·M in float
}

RequantParams requantParams(const QuantizedLayer& L, const QuantParams& output,
                            int32_t activation_min, int32_t activation_max,
                            const std::vector<double>& multipliers)
{
    RequantParams rp;
    rp.mode = L.config.requantization;
    rp.setMultipliers(multipliers);
    rp.outputZeroPoint = output.zeroPoint[0];
    rp.activationMin = activation_min;
    rp.activationMax = activation_max;
    rp.rounding = L.config.activations.rounding;
    return rp;
}

void runActivationProduct(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    RtValue scratchA, scratchB;
    const RtValue& a = run.codes(0, scratchA);
    const RtValue& b = run.codes(1, scratchB);
    const Node& node = *run.prep.nodes.front();
    const Shape shape = broadcastShapes(node, a.data.shape, b.data.shape);
    const std::vector<int64_t> sa = broadcastStrides(a.data.shape, shape);
    const std::vector<int64_t> sb = broadcastStrides(b.data.shape, shape);
    const int64_t n = numelOf(shape);
    const int64_t zero_a = a.params.zeroPoint[0], zero_b = b.params.zeroPoint[0];
    std::vector<int64_t> acc(static_cast<size_t>(n));
    // Odometer over the output; the innermost axis as a tight loop.
    const size_t rank = shape.size();
    const int64_t last = rank ? shape.back() : 1;
    const int64_t stepA = rank ? sa.back() : 0, stepB = rank ? sb.back() : 0;
    std::vector<int64_t> index(rank, 0);
    int64_t offA = 0, offB = 0;
    for (int64_t i = 0; i < n; i += last) {
        const int32_t* pa = a.data.q.data() + offA;
        const int32_t* pb = b.data.q.data() + offB;
        for (int64_t j = 0; j < last; ++j)
            acc[static_cast<size_t>(i + j)] =
                (int64_t(pa[j * stepA]) - zero_a) * (int64_t(pb[j * stepB]) - zero_b);
        for (size_t d = rank - 1; d-- > 0;) { // advance the outer axes
            ++index[d];
            offA += sa[d];
            offB += sb[d];
            if (index[d] < shape[d])
                break;
            offA -= sa[d] * shape[d];
            offB -= sb[d] * shape[d];
            index[d] = 0;
        }
    }
    const double scale_ab = double(a.params.scale[0]) * double(b.params.scale[0]);
    QuantParams output = L.outputParams;
    int32_t activation_min = L.activationMin, activation_max = L.activationMax;
    if (run.prep.dynamicOutput) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int64_t v : acc) {
            lo = std::min(lo, scale_ab * double(v));
            hi = std::max(hi, scale_ab * double(v));
        }
        output = run.runtime.dynamicParams(run.layer, lo, hi);
        activationLimits(run.prep.activation, output, L.config.activations.rounding,
                         &activation_min, &activation_max);
    }
    RtValue out = codeValue(shape, output);
    const RequantParams rp = requantParams(L, output, activation_min, activation_max,
                                           {scale_ab / double(output.scale[0])});
    finishRequant(run, rp, acc, n, 1, 1, out);
    run.setOutput(std::move(out));
}

void runConstantProduct(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    const auto& state = static_cast<const MulState&>(*run.prep.state);
    RtValue scratch;
    const RtValue& x = run.codes(0, scratch);
    const Shape& shape = x.data.shape;
    const int64_t n = x.data.numel();
    int64_t outer = n, channels = 1, inner = 1;
    if (state.axis >= 0) {
        if (state.axis >= static_cast<int64_t>(shape.size()) ||
            shape[state.axis] != static_cast<int64_t>(state.factor.size()))
            throw Error("integer engine: Mul '" + L.plan.name + "' constant of " +
                        std::to_string(state.factor.size()) + " values does not fit input " +
                        shapeToString(shape));
        channels = shape[state.axis];
        outer = 1;
        for (int64_t d = 0; d < state.axis; ++d)
            outer *= shape[d];
        inner = channels * outer > 0 ? n / (channels * outer) : 0;
    }
    const int64_t zero_x = x.params.zeroPoint[0];
    std::vector<int64_t> acc(static_cast<size_t>(n));
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c = 0; c < channels; ++c) {
            const double f = state.factor[static_cast<size_t>(c)];
            const int64_t sign = f < 0.0 ? -1 : 1;
            const int64_t base = (o * channels + c) * inner;
            for (int64_t i = 0; i < inner; ++i)
                acc[static_cast<size_t>(base + i)] = sign * (int64_t(x.data.q[base + i]) - zero_x);
        }
    const double scale_x = x.params.scale[0];
    QuantParams output = L.outputParams;
    int32_t activation_min = L.activationMin, activation_max = L.activationMax;
    if (run.prep.dynamicOutput) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t c = 0; c < channels; ++c)
                for (int64_t i = 0; i < inner; ++i) {
                    const double r = scale_x * std::abs(state.factor[static_cast<size_t>(c)]) *
                                     double(acc[static_cast<size_t>((o * channels + c) * inner + i)]);
                    lo = std::min(lo, r);
                    hi = std::max(hi, r);
                }
        output = run.runtime.dynamicParams(run.layer, lo, hi);
        activationLimits(run.prep.activation, output, L.config.activations.rounding,
                         &activation_min, &activation_max);
    }
    std::vector<double> multipliers;
    for (double f : state.factor)
        multipliers.push_back(std::abs(f) * scale_x / double(output.scale[0]));
    RtValue out = codeValue(shape, output);
    finishRequant(run, requantParams(L, output, activation_min, activation_max, multipliers), acc,
                  outer, channels, inner, out);
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntMulOp()
{
    IntOpDef op;
    op.name = "mul";
    op.opTypes = {"Mul", "Div"};
    op.codeInputs = IntCodeInputs::All;
    op.check = [](const IntOpQuery& q) -> std::string {
        const Node& n = q.anchor();
        const PlannedLayer& L = q.layer;
        if (n.inputs.size() != 2 || !hasSingleOutput(n))
            return "op " + n.opType + " with other than two inputs and one output";
        const Shape out = q.shapeOf(L.output);
        if (out.empty() || out[0] != 1)
            return "op " + n.opType + " output " + shapeToString(out) + " (batch must stay axis 0)";
        if (L.inputs.size() == 2) {
            if (n.opType == "Div")
                return "Div of two activations has no integer kernel";
            for (const std::string& in : L.inputs) {
                const Shape s = q.shapeOf(in);
                if (s.empty() || s.size() != out.size() || s[0] != 1)
                    return "Mul operand '" + in + "' of shape " + shapeToString(s) +
                           " does not keep the batch on axis 0 of " + shapeToString(out);
            }
            return {};
        }
        size_t index = 0;
        const Tensor* c = constantOperand(q.graph(), n, &index);
        if (L.inputs.size() != 1 || !c)
            return "op " + n.opType + " without an activation operand";
        if (n.opType == "Div" && index != 1)
            return "Div of a constant by an activation has no integer kernel";
        if (q.shapeOf(L.inputs.front()) != out)
            return "op " + n.opType + " whose constant broadcasts the activation " +
                   shapeToString(q.shapeOf(L.inputs.front())) + " to " + shapeToString(out);
        if (varyingAxis(c->shape, out) == -2)
            return "op " + n.opType + " by a constant of shape " + shapeToString(c->shape) +
                   " that varies along more than one axis has no integer kernel";
        for (int64_t i = 0; i < c->numel(); ++i) {
            const double v = c->at(i);
            if (!std::isfinite(v) || (n.opType == "Div" && v == 0.0))
                return "op " + n.opType + " by a constant holding " + std::to_string(v);
        }
        return {};
    };
    op.prepare = [](const IntRuntime& rt, int layer) -> std::shared_ptr<const IntOpState> {
        const QuantizedLayer& L = rt.qmodel().layers.at(static_cast<size_t>(layer));
        auto s = std::make_shared<MulState>();
        if (L.plan.inputs.size() == 1) {
            const Graph& g = rt.model().graph;
            const Node& n = L.plan.anchor(g);
            size_t index = 0;
            const Tensor& c = *constantOperand(g, n, &index);
            const Shape& out = g.shapes.at(L.plan.output);
            s->axis = varyingAxis(c.shape, out);
            const bool divide = n.opType == "Div";
            const int64_t count = s->axis >= 0 ? out[s->axis] : 1;
            for (int64_t i = 0; i < count; ++i)
                s->factor.push_back(divide ? 1.0 / c.at(i) : c.at(i));
        }
        return s;
    };
    op.run = [](const IntLayerRun& run) {
        if (run.q.plan.inputs.size() == 2)
            runActivationProduct(run);
        else
            runConstantProduct(run);
    };
    return op;
}

} // namespace ql
