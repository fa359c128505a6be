#include "core/ops/identity.h"

#include "core/ops/op_utils.h"

namespace ql {

OpDef makeIdentityOp()
{
    OpDef op;
    op.opType = "Identity";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input X");
        return {in[0]};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) { out[0] = requireInput(node, in, 0, "input"); };
    return op;
}

} // namespace ql
