#include "core/ops/relu.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

OpDef makeReluOp()
{
    OpDef op;
    op.opType = "Relu";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input X");
        return {in[0]};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "X");
        requireFloat(node, x, "X");
        Tensor& y = out[0]; // in place when the executor handed over X (OpDef::inPlace)
        if (&y != &x)
            y = x;
        for (float& value : y.f)
            value = std::max(value, 0.0f);
    };
    op.inPlace = true;
    return op;
}

} // namespace ql
