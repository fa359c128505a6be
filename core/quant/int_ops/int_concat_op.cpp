// Integer Concat (spec §4).

#include "core/quant/int_ops/int_concat_op.h"

#include <algorithm>
#include <limits>

#include "core/error.h"

namespace ql {

namespace {

struct ConcatState : IntOpState
{
    int64_t axis = 0; // normalised to [0, rank)
};

// Each input is requantized to the output's (S, Z):  q' = Z_y + R((S_i / S_y)·(q − Z_i)),
// through requantize() with acc = q − Z_i (float or fixed-point multiplier as configured),
// then the blocks are interleaved along the axis.
void runConcat(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    const IntLayerPrep& prep = run.prep;
    const size_t count = L.plan.inputs.size();
    std::vector<RtValue> scratch(count);
    std::vector<const RtValue*> in(count);
    for (size_t i = 0; i < count; ++i)
        in[i] = &run.codes(i, scratch[i]);
    const int64_t axis = static_cast<const ConcatState&>(*prep.state).axis;
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
        output = run.runtime.dynamicParams(run.layer, lo, hi);
    }
    const int64_t samples = shape[0];
    int64_t outer = 1; // dims before the axis
    for (int64_t d = 0; d < axis; ++d)
        outer *= shape[d];
    // One Rng per sample, used by the inputs in order.
    std::vector<Rng> rngs;
    if (prep.stochastic)
        for (int64_t s = 0; s < samples; ++s)
            rngs.emplace_back(run.seed(s));

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
    if (run.stats)
        run.stats->clip.merge(clip);
    if (L.config.requantization == RequantMode::Float)
        run.countFloat(static_cast<int64_t>(count)); // (S_i / S_y)·(q − Z_i) in float
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntConcatOp()
{
    IntOpDef op;
    op.name = "concat";
    op.opTypes = {"Concat"};
    op.codeInputs = IntCodeInputs::All;
    op.check = [](const IntOpQuery& q) -> std::string {
        const Node& n = q.anchor();
        const int64_t rank = static_cast<int64_t>(q.shapeOf(q.layer.inputs.front()).size());
        int64_t axis = n.attrInt("axis", 0);
        if (axis < 0)
            axis += rank;
        if (rank == 0 || axis <= 0 || axis >= rank)
            return "Concat along axis " + std::to_string(n.attrInt("axis", 0)) +
                   " (the integer kernel concatenates after the batch axis)";
        size_t present = 0;
        for (const std::string& in : n.inputs)
            present += in.empty() ? 0 : 1;
        if (present != q.layer.inputs.size())
            return "Concat with a constant input has no integer kernel";
        return {};
    };
    op.prepare = [](const IntRuntime& rt, int layer) -> std::shared_ptr<const IntOpState> {
        const QuantizedLayer& L = rt.qmodel().layers.at(static_cast<size_t>(layer));
        const Graph& g = rt.model().graph;
        const auto shape = g.shapes.find(L.plan.inputs.front());
        const int64_t rank = shape == g.shapes.end() ? 0 : int64_t(shape->second.size());
        auto s = std::make_shared<ConcatState>();
        s->axis = L.plan.anchor(g).attrInt("axis", 0);
        if (s->axis < 0)
            s->axis += rank;
        return s;
    };
    op.run = runConcat;
    return op;
}

} // namespace ql
