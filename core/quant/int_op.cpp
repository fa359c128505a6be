// IntLayerRun services and the capability checks several integer ops share (int_op.h).

#include "core/quant/int_op.h"

#include "core/error.h"
#include "core/op_registry.h"

namespace ql {

Shape IntOpQuery::shapeOf(const std::string& tensor) const
{
    const auto it = model.graph.shapes.find(tensor);
    return it == model.graph.shapes.end() ? Shape{} : it->second;
}

const RtValue& IntLayerRun::codes(size_t i, RtValue& scratch) const
{
    return runtime.codesOf(q.plan.inputs.at(i), values, layer, firstSample, cache, scratch);
}

const RtValue& IntLayerRun::storedCodes(size_t i) const
{
    const std::string& in = q.plan.inputs.at(i);
    const RtValue& v = values.at(in);
    if (v.codes)
        return v;
    RtValue scratch;
    const RtValue& c = runtime.codesOf(in, values, layer, firstSample, cache, scratch);
    if (&c != &scratch)
        return c;
    return values[IntRuntime::quantizedName(in)] = std::move(scratch);
}

uint64_t IntLayerRun::seed(int64_t sample) const
{
    return rngSeed(runtime.qmodel().config.defaults.seed, layer, firstSample + sample,
                   RngStream::Requant);
}

std::string requireInputCodes(const IntOpQuery& q)
{
    const PlannedLayer& L = q.layer;
    if (L.inputs.size() != 1)
        return "op " + L.opType + " on codes takes one activation input, this node has " +
               std::to_string(L.inputs.size());
    if (!q.carriesCodes(L.inputs.front())) {
        const Node* p = q.graph().producer(L.inputs.front());
        return "input '" + L.inputs.front() + "' is float" +
               (p ? " (produced by float node '" + p->name + "')" : std::string()) +
               ": op " + L.opType + " keeps its input's (S, Z)";
    }
    if (!hasSingleOutput(q.anchor()))
        return "op " + L.opType + " with several outputs has no integer kernel";
    return {};
}

bool hasSingleOutput(const Node& n)
{
    for (size_t i = 1; i < n.outputs.size(); ++i)
        if (!n.outputs[i].empty())
            return false;
    return true;
}

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

std::string weightReason(const IntOpQuery& q)
{
    const PlannedLayer& L = q.layer;
    if (L.hasWeights)
        return {};
    const Node& n = q.anchor();
    const Graph& g = q.graph();
    if (n.inputs.size() < 2 || n.inputs[1].empty())
        return "op " + n.opType + " has no weight input";
    const std::string& w = n.inputs[1];
    if (!g.initializer(w)) {
        if (const Node* p = g.producer(w))
            return "weight '" + w + "' is computed at run time by node '" + p->name + "' (" +
                   p->opType + ")";
        return "weight '" + w + "' is a graph input, not a constant";
    }
    if (!n.inputs[0].empty() && g.initializer(n.inputs[0]))
        return "left operand '" + n.inputs[0] + "' is a constant (weights must be on the right)";
    if (n.opType == "Gemm" && n.attrInt("transA", 0) != 0)
        return "Gemm with transA = 1 (the activations would need a transpose)";
    if (n.opType == "Gemm" && n.inputs.size() > 2 && !n.inputs[2].empty())
        return "Gemm bias '" + n.inputs[2] + "' is not constant or not one value per output";
    return "weight '" + w + "' has a layout the layer plan does not fold (rank " +
           std::to_string(g.initializer(w)->rank()) + ")";
}

std::string requireCodeMove(const IntOpQuery& q)
{
    const PlannedLayer& L = q.layer;
    const Node& n = q.anchor();
    if (L.inputs.size() != 1 || n.inputs.empty() || n.inputs.front() != L.inputs.front())
        return "op " + L.opType + " on codes takes its data as the one activation input";
    for (size_t i = 1; i < n.inputs.size(); ++i)
        if (!n.inputs[i].empty() && !q.graph().initializer(n.inputs[i]))
            return "op " + L.opType + " input '" + n.inputs[i] + "' is computed at run time";
    if (!q.carriesCodes(L.inputs.front())) {
        const Node* p = q.graph().producer(L.inputs.front());
        return "input '" + L.inputs.front() + "' is float" +
               (p ? " (produced by float node '" + p->name + "')" : std::string()) + ": op " +
               L.opType + " keeps its input's (S, Z)";
    }
    const Shape in = q.shapeOf(L.inputs.front());
    if (in.empty() || in[0] != 1)
        return "op " + L.opType + " input " + shapeToString(in) + " (batch must be axis 0)";
    for (const std::string& out : n.outputs) {
        const Shape s = q.shapeOf(out);
        if (!out.empty() && (s.empty() || s[0] != 1))
            return "op " + L.opType + " moves the batch axis (" + shapeToString(in) + " -> " +
                   shapeToString(s) + ")";
    }
    return {};
}

std::string requireCodeMoveOffBatchAxis(const IntOpQuery& q)
{
    if (std::string why = requireCodeMove(q); !why.empty())
        return why;
    const int64_t rank = static_cast<int64_t>(q.shapeOf(q.layer.inputs.front()).size());
    const int64_t axis = q.anchor().attrInt("axis", 0);
    if (axis == 0 || axis == -rank)
        return q.layer.opType + " along the batch axis";
    return {};
}

void runCodeMove(const IntLayerRun& run)
{
    const Node& node = *run.prep.nodes.front();
    const RtValue& x = run.storedCodes(0);
    const QuantParams params = x.params; // x may move when `values` grows
    std::vector<const Tensor*> in{&x.data};
    const Graph& g = run.runtime.model().graph;
    for (size_t i = 1; i < node.inputs.size(); ++i)
        in.push_back(node.inputs[i].empty() ? nullptr : g.initializer(node.inputs[i]));
    const OpDef* op = findOp(node.opType);
    if (!op || !op->run)
        throw Error("integer engine: no kernel to move codes for op " + node.opType);
    std::vector<Tensor> out(node.outputs.size());
    op->run(node, in, out, RunControl{});
    for (size_t k = 0; k < node.outputs.size(); ++k) {
        if (node.outputs[k].empty())
            continue;
        RtValue v;
        v.codes = true;
        v.params = params;
        v.data = std::move(out[k]);
        run.values[node.outputs[k]] = std::move(v);
    }
}

void runMatmulLayer(const IntLayerRun& run)
{
    RtValue scratch;
    const RtValue& x = run.codes(0, scratch);
    RtValue out;
    ClipStats* clip = run.stats ? &run.stats->clip : nullptr;
    const MatmulStage st =
        run.runtime.matmulStage(run.layer, x, run.firstSample, &out.data.q, clip);
    out.codes = true;
    out.params = st.output;
    out.data.dtype = DType::Int32;
    out.data.shape = st.outShape;
    if (!st.requantized) {
        out.data.q.resize(st.acc.size());
        run.runtime.requantizeStage(run.layer, st, run.firstSample, out.data.q.data(), clip);
    }
    if (run.stats) {
        run.stats->acc.merge(st.stats);
        if (st.requant.mode == RequantMode::Float)
            run.countFloat(); // acc·M in float (the float requantization mode)
    }
    run.setOutput(std::move(out));
}

} // namespace ql
