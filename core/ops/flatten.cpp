#include "core/ops/flatten.h"

#include "core/ops/op_utils.h"

namespace ql {

namespace {

Shape flattenShape(const Node& node, const Shape& in)
{
    const int64_t rank = static_cast<int64_t>(in.size());
    int64_t axis = node.attrInt("axis", 1);
    // axis may equal rank (everything goes to the first dim): normalise against rank + 1.
    axis = normalizeAxis(node, axis < 0 ? axis + rank : axis, rank + 1);
    int64_t outer = 1, inner = 1;
    for (int64_t dim = 0; dim < rank; ++dim) {
        const int64_t size = in[dim];
        int64_t& target = dim < axis ? outer : inner;
        target = (target < 0 || size < 0) ? -1 : target * size;
    }
    return {outer, inner};
}

} // namespace

OpDef makeFlattenOp()
{
    OpDef op;
    op.opType = "Flatten";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input");
        return {flattenShape(node, in[0])};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "input");
        out[0] = reshapedCopy(x, flattenShape(node, x.shape));
    };
    return op;
}

} // namespace ql
