#include "core/ops/expand.h"

#include "core/ops/broadcast.h"
#include "core/ops/op_utils.h"

namespace ql {

OpDef makeExpandOp()
{
    OpDef op;
    op.opType = "Expand";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.size() != 2)
            failNode(node, "needs inputs input and shape");
        const Tensor* shape = optionalInput(constIn, 1);
        if (!shape)
            return {}; // target shape only known at run time
        return {broadcastShapes(node, in[0], intValues(node, *shape, "shape"))};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "input");
        const Shape target = intValues(node, requireInput(node, in, 1, "shape"), "shape");
        for (int64_t dim : target)
            if (dim < 0)
                failNode(node, "negative dimension in shape " + shapeToString(target));
        const Shape yShape = broadcastShapes(node, x.shape, target);
        out[0] = gatherFlat(x, yShape, broadcastSourceIndices(x.shape, yShape));
    };
    return op;
}

} // namespace ql
