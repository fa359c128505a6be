#include "core/ops/unary.h"

#include "core/ops/op_utils.h"

namespace ql {

OpDef makeUnaryFloatOp(const std::string& opType,
                       std::function<UnaryFunction(const Node&)> makeFunction)
{
    OpDef op;
    op.opType = opType;
    op.inferShapes = [makeFunction](const Node& node, const std::vector<Shape>& in,
                                    const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input X");
        makeFunction(node); // rejects bad attributes at import
        return {in[0]};
    };
    op.run = [makeFunction](const Node& node, const std::vector<const Tensor*>& in,
                            std::vector<Tensor>& out, const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "X");
        requireFloat(node, x, "X");
        const UnaryFunction f = makeFunction(node);
        Tensor y = x;
        for (float& value : y.f)
            value = f(value);
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
