#include "core/ops/equal.h"

#include "core/ops/broadcast.h"
#include "core/ops/op_utils.h"

namespace ql {

OpDef makeEqualOp()
{
    OpDef op;
    op.opType = "Equal";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.size() != 2)
            failNode(node, "needs inputs A and B");
        return {broadcastShapes(node, in[0], in[1])};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& a = requireInput(node, in, 0, "A");
        const Tensor& b = requireInput(node, in, 1, "B");
        if (a.dtype != b.dtype)
            failNode(node, std::string("operand types differ: ") + dtypeName(a.dtype) + " and " +
                               dtypeName(b.dtype));
        const Shape cShape = broadcastShapes(node, a.shape, b.shape);
        Tensor c = Tensor::zeros(DType::Bool, cShape);
        const std::vector<int64_t> aIndex = broadcastSourceIndices(a.shape, cShape);
        const std::vector<int64_t> bIndex = broadcastSourceIndices(b.shape, cShape);
        for (int64_t i = 0; i < c.numel(); ++i) {
            bool equal = false;
            if (a.dtype == DType::Float32)
                equal = a.f[aIndex[i]] == b.f[bIndex[i]];
            else if (a.dtype == DType::Int64)
                equal = a.i64[aIndex[i]] == b.i64[bIndex[i]];
            else
                equal = a.q[aIndex[i]] == b.q[bIndex[i]];
            c.q[i] = equal ? 1 : 0;
        }
        out[0] = std::move(c);
    };
    return op;
}

} // namespace ql
