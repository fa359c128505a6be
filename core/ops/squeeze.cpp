#include "core/ops/squeeze.h"

#include "core/ops/op_utils.h"

namespace ql {

namespace {

Shape squeezeShape(const Node& node, const Shape& in, const std::vector<int64_t>& axes)
{
    const int64_t rank = static_cast<int64_t>(in.size());
    std::vector<bool> removed(rank, false);
    if (axes.empty()) {
        for (int64_t dim = 0; dim < rank; ++dim)
            removed[dim] = in[dim] == 1;
    }
    for (int64_t axis : axes) {
        const int64_t a = normalizeAxis(node, axis, rank);
        if (in[a] != 1)
            failNode(node, "cannot squeeze axis " + std::to_string(axis) + " of shape " +
                               shapeToString(in));
        removed[a] = true;
    }
    Shape out;
    for (int64_t dim = 0; dim < rank; ++dim)
        if (!removed[dim])
            out.push_back(in[dim]);
    return out;
}

const Tensor* axesInput(const std::vector<const Tensor*>& in)
{
    return optionalInput(in, 1);
}

} // namespace

OpDef makeSqueezeOp()
{
    OpDef op;
    op.opType = "Squeeze";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        if (const Tensor* axes = axesInput(constIn))
            return {squeezeShape(node, in[0], intValues(node, *axes, "axes"))};
        if ((node.inputs.size() > 1 && !node.inputs[1].empty()) || !shapeKnown(in[0]))
            return {}; // axes, or which dims are 1, only known at run time
        return {squeezeShape(node, in[0], node.attrInts("axes"))};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "data");
        const Tensor* axes = axesInput(in);
        out[0] = reshapedCopy(
            x, squeezeShape(node, x.shape,
                            axes ? intValues(node, *axes, "axes") : node.attrInts("axes")));
    };
    return op;
}

} // namespace ql
