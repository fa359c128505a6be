#include "core/ops/unsqueeze.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

// Axes refer to the output, whose rank is input rank + number of axes.
Shape unsqueezeShape(const Node& node, const Shape& in, const std::vector<int64_t>& axes)
{
    const int64_t outRank = static_cast<int64_t>(in.size() + axes.size());
    std::vector<bool> inserted(outRank, false);
    for (int64_t axis : axes) {
        const int64_t a = normalizeAxis(node, axis, outRank);
        if (inserted[a])
            failNode(node, "repeated axis " + std::to_string(axis));
        inserted[a] = true;
    }
    Shape out;
    auto next = in.begin();
    for (int64_t dim = 0; dim < outRank; ++dim)
        out.push_back(inserted[dim] ? 1 : *next++);
    return out;
}

// Opset >= 13 takes the axes from input 1; older models from the attribute.
const Tensor* axesInput(const std::vector<const Tensor*>& in)
{
    return optionalInput(in, 1);
}

} // namespace

OpDef makeUnsqueezeOp()
{
    OpDef op;
    op.opType = "Unsqueeze";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        if (const Tensor* axes = axesInput(constIn))
            return {unsqueezeShape(node, in[0], intValues(node, *axes, "axes"))};
        if (node.inputs.size() > 1 && !node.inputs[1].empty())
            return {}; // axes only known at run time
        return {unsqueezeShape(node, in[0], node.attrInts("axes"))};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "data");
        const Tensor* axes = axesInput(in);
        out[0] = reshapedCopy(
            x, unsqueezeShape(node, x.shape,
                              axes ? intValues(node, *axes, "axes") : node.attrInts("axes")));
    };
    return op;
}

} // namespace ql
