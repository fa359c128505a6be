// Integer Pad (PyTorch exports avg_pool2d(padding=p) as Pad + AveragePool: Inception,
// DenseNet): the FP32 Pad kernel, dtype-generic, runs on the Int32 codes with the border value
// replaced by Z_x — the code of the real value 0, exactly — so the padded tensor keeps the
// input's (S, Z). reflect / edge modes only move codes. A constant border other than 0 would
// need rounding (its code R(v/S) + Z is not exact) and stays float with that reason.

#include "core/quant/int_ops/int_pad_op.h"

#include "core/op_registry.h"

namespace ql {

namespace {

double borderValue(const Graph& g, const Node& n)
{
    if (n.inputs.size() > 2 && !n.inputs[2].empty())
        if (const Tensor* t = g.initializer(n.inputs[2]); t && t->numel() > 0)
            return t->at(0);
    return n.attrFloat("value", 0.0f);
}

std::vector<int64_t> padsOf(const Graph& g, const Node& n)
{
    if (n.inputs.size() > 1 && !n.inputs[1].empty())
        if (const Tensor* t = g.initializer(n.inputs[1]))
            return t->toInt64Vector();
    return n.attrInts("pads");
}

void runPad(const IntLayerRun& run)
{
    const Node& node = *run.prep.nodes.front();
    const RtValue& x = run.storedCodes(0);
    const QuantParams params = x.params; // x may move when `values` grows
    const Graph& g = run.runtime.model().graph;
    const Tensor fill = Tensor::fromFloat({}, {static_cast<float>(params.zeroPoint[0])});
    std::vector<const Tensor*> in{&x.data};
    for (size_t i = 1; i < 2 && i < node.inputs.size(); ++i)
        in.push_back(node.inputs[i].empty() ? nullptr : g.initializer(node.inputs[i]));
    in.resize(2, nullptr);
    in.push_back(&fill); // the constant border: Z_x
    std::vector<Tensor> out(1);
    findOp("Pad")->run(node, in, out, RunControl{});
    RtValue v;
    v.codes = true;
    v.params = params;
    v.data = std::move(out[0]);
    run.setOutput(std::move(v));
}

} // namespace

IntOpDef makeIntPadOp()
{
    IntOpDef op;
    op.name = "pad";
    op.opTypes = {"Pad"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireCodeMove(q); !why.empty())
            return why;
        const Node& n = q.anchor();
        if (n.inputs.size() > 3 && !n.inputs[3].empty())
            return "Pad with an axes input has no integer kernel";
        const std::string mode = n.attrString("mode", "constant");
        if (mode == "constant" && borderValue(q.graph(), n) != 0.0)
            return "Pad with a constant border other than 0 (its code is not exact)";
        const std::vector<int64_t> pads = padsOf(q.graph(), n);
        const size_t rank = q.shapeOf(q.layer.inputs.front()).size();
        if (pads.size() != 2 * rank || pads[0] != 0 || pads[rank] != 0)
            return "Pad of the batch axis (or pads that do not match the rank)";
        return {};
    };
    op.run = runPad;
    return op;
}

} // namespace ql
