// Integer ReduceMean (spec §4), integer arithmetic only:
//
//   acc = Σ (q − Z_x) over the reduced axes                              (int64, exact)
//   y   = clamp( Z_x + R(acc / count), qmin, qmax ),  (S, Z) unchanged (the mean of values on
//         the grid S·(q − Z) is S·(mean of the centred codes))
//
// R = roundingDivide (rounding.h) in the layer's activation rounding mode, count = the number
// of elements reduced into one output. Overflow bound: |q − Z| ≤ 2^16 for codes of up to 16
// bits and count ≤ the input's element count < 2^46 (any tensor that fits in memory), so
// |acc| < 2^62 stays inside int64 for every input — unlike a float32 sum, exact only to 2^24.
// The batch axis is never reduced (each sample keeps its own mean).

#include "core/quant/int_ops/int_reduce_mean_op.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

struct ReduceState : IntOpState
{
    std::vector<int64_t> axes; // normalised, sorted
    bool keepDims = true;
};

// The reduced axes of a ReduceMean node (attribute, or the constant input of opset 18), or an
// empty optional-like result with a reason.
std::vector<int64_t> reducedAxes(const Graph& g, const Node& n, int64_t rank, std::string* why)
{
    std::vector<int64_t> axes = n.attrInts("axes");
    if (n.inputs.size() > 1 && !n.inputs[1].empty()) {
        const Tensor* t = g.initializer(n.inputs[1]);
        if (!t) {
            *why = "ReduceMean axes computed at run time";
            return {};
        }
        axes = t->toInt64Vector();
    }
    if (axes.empty()) {
        if (n.attrInt("noop_with_empty_axes", 0) != 0) {
            *why = "ReduceMean with noop_with_empty_axes";
            return {};
        }
        for (int64_t d = 0; d < rank; ++d)
            axes.push_back(d);
    }
    for (int64_t& a : axes) {
        if (a < -rank || a >= rank) {
            *why = "ReduceMean axis " + std::to_string(a) + " outside rank " + std::to_string(rank);
            return {};
        }
        if (a < 0)
            a += rank;
    }
    std::sort(axes.begin(), axes.end());
    if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) {
        *why = "ReduceMean with a repeated axis";
        return {};
    }
    return axes;
}

void runReduceMean(const IntLayerRun& run)
{
    const auto& state = static_cast<const ReduceState&>(*run.prep.state);
    const RtValue& x = run.storedCodes(0);
    const Shape& in = x.data.shape;
    Shape kept = in, outShape;
    for (int64_t a : state.axes) {
        if (a >= static_cast<int64_t>(in.size()))
            throw Error("integer engine: ReduceMean '" + run.q.plan.name + "' axis " +
                        std::to_string(a) + " beyond input " + shapeToString(in));
        kept[a] = 1;
    }
    for (size_t d = 0; d < in.size(); ++d)
        if (state.keepDims || !std::binary_search(state.axes.begin(), state.axes.end(), int64_t(d)))
            outShape.push_back(kept[d]);
    const int64_t outCount = numelOf(kept);
    const int64_t count = outCount > 0 ? x.data.numel() / outCount : 0;
    // Every input element adds into the output element with its kept coordinates.
    const std::vector<int64_t> to = broadcastStrides(kept, in);
    std::vector<int64_t> acc(static_cast<size_t>(outCount), 0);
    const int64_t zero = x.params.zeroPoint[0];
    const int64_t n = x.data.numel();
    const size_t rank = in.size();
    std::vector<int64_t> index(rank, 0);
    int64_t target = 0;
    for (int64_t i = 0; i < n; ++i) {
        acc[static_cast<size_t>(target)] += int64_t(x.data.q[static_cast<size_t>(i)]) - zero;
        for (size_t d = rank; d-- > 0;) {
            ++index[d];
            target += to[d];
            if (index[d] < in[d])
                break;
            target -= to[d] * in[d];
            index[d] = 0;
        }
    }
    RtValue out = codeValue(outShape, x.params);
    const RoundingMode rounding = run.q.config.activations.rounding;
    const int64_t samples = rank ? in[0] : 1;
    const int64_t perSample = samples > 0 ? outCount / samples : 0;
    for (int64_t s = 0; s < samples; ++s) {
        Rng rng(run.seed(s)); // stochastic: one Rng per sample, element order
        for (int64_t j = s * perSample; j < (s + 1) * perSample; ++j) {
            const int64_t mean = count > 0 ? roundingDivide(acc[size_t(j)], count, rounding, &rng) : 0;
            out.data.q[size_t(j)] = static_cast<int32_t>(
                std::clamp<int64_t>(zero + mean, x.params.qmin, x.params.qmax));
        }
    }
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntReduceMeanOp()
{
    IntOpDef op;
    op.name = "reduce_mean";
    op.opTypes = {"ReduceMean"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireInputCodes(q); !why.empty())
            return why;
        const Shape in = q.shapeOf(q.layer.inputs.front());
        std::string why;
        const std::vector<int64_t> axes =
            reducedAxes(q.graph(), q.anchor(), static_cast<int64_t>(in.size()), &why);
        if (!why.empty())
            return why;
        if (in.empty() || in[0] != 1 || axes.empty() || axes.front() == 0)
            return "ReduceMean over the batch axis of " + shapeToString(in);
        return {};
    };
    op.prepare = [](const IntRuntime& rt, int layer) -> std::shared_ptr<const IntOpState> {
        const QuantizedLayer& L = rt.qmodel().layers.at(static_cast<size_t>(layer));
        const Graph& g = rt.model().graph;
        const Node& n = L.plan.anchor(g);
        auto s = std::make_shared<ReduceState>();
        std::string why;
        s->axes = reducedAxes(g, n, static_cast<int64_t>(g.shapes.at(L.plan.inputs.front()).size()), &why);
        s->keepDims = n.attrInt("keepdims", 1) != 0;
        return s;
    };
    op.run = runReduceMean;
    return op;
}

} // namespace ql
