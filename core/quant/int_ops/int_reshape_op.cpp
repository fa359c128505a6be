// Flatten / Reshape / Identity / Dropout / Squeeze / Unsqueeze on codes.

#include "core/quant/int_ops/int_reshape_op.h"

#include "core/error.h"

namespace ql {

namespace {

// Codes unchanged. Output shape: the node's batch-1 output shape with dim 0 = total / Π(rest).
void runReshape(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    const RtValue& x = run.storedCodes(0);
    Shape shape = run.runtime.model().graph.shapes.at(L.plan.output);
    int64_t rest = 1;
    for (size_t d = 1; d < shape.size(); ++d)
        rest *= shape[d];
    if (rest <= 0 || x.data.numel() % rest != 0)
        throw Error("integer engine: cannot reshape " + shapeToString(x.data.shape) + " for '" +
                    L.plan.name + "'");
    shape[0] = x.data.numel() / rest;
    RtValue out = x;
    out.data.shape = std::move(shape);
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntReshapeOp()
{
    IntOpDef op;
    op.name = "reshape";
    op.opTypes = {"Flatten", "Reshape", "Identity", "Dropout", "Squeeze", "Unsqueeze"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireInputCodes(q); !why.empty())
            return why;
        // Codes unchanged; the batch must stay dim 0 on both sides.
        const Shape in = q.shapeOf(q.layer.inputs.front()), out = q.shapeOf(q.layer.output);
        if (in.empty() || in[0] != 1 || out.empty() || out[0] != 1)
            return "op " + q.layer.opType + " moves the batch axis (" + shapeToString(in) + " -> " +
                   shapeToString(out) + ")";
        return {};
    };
    op.run = runReshape;
    return op;
}

} // namespace ql
