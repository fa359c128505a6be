#include "core/ops/split.h"

#include <numeric>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

bool hasSplitInput(const Node& node)
{
    return node.inputs.size() > 1 && !node.inputs[1].empty();
}

// Part sizes along the axis; checked to sum to the axis size.
std::vector<int64_t> partSizes(const Node& node, int64_t axisSize, const Tensor* splitInput)
{
    const size_t parts = node.outputs.size();
    std::vector<int64_t> sizes =
        splitInput ? intValues(node, *splitInput, "split") : node.attrInts("split");
    if (sizes.empty()) {
        if (parts == 0 || axisSize % static_cast<int64_t>(parts) != 0)
            failNode(node, "axis of size " + std::to_string(axisSize) +
                               " does not split into " + std::to_string(parts) + " equal parts");
        sizes.assign(parts, axisSize / static_cast<int64_t>(parts));
    }
    if (sizes.size() != parts)
        failNode(node, std::to_string(sizes.size()) + " split sizes for " +
                           std::to_string(parts) + " outputs");
    for (int64_t size : sizes)
        if (size < 0)
            failNode(node, "negative split size " + std::to_string(size));
    if (std::accumulate(sizes.begin(), sizes.end(), int64_t{0}) != axisSize)
        failNode(node, "split sizes do not add up to the axis size " + std::to_string(axisSize));
    return sizes;
}

std::vector<Shape> splitShapes(const Node& node, const Shape& in, const Tensor* splitInput)
{
    if (in.empty())
        failNode(node, "input must have rank >= 1");
    const int64_t axis = normalizeAxis(node, node.attrInt("axis", 0), in.size());
    std::vector<Shape> shapes;
    for (int64_t size : partSizes(node, in[axis], splitInput)) {
        shapes.push_back(in);
        shapes.back()[axis] = size;
    }
    return shapes;
}

} // namespace

OpDef makeSplitOp()
{
    OpDef op;
    op.opType = "Split";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input");
        const Tensor* split = optionalInput(constIn, 1);
        if (hasSplitInput(node) && !split)
            return {}; // sizes only known at run time
        return splitShapes(node, in[0], split);
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "input");
        const Tensor* split = optionalInput(in, 1);
        if (hasSplitInput(node) && !split)
            failNode(node, "missing input 'split'");
        const std::vector<Shape> shapes = splitShapes(node, x.shape, split);
        const int64_t axis = normalizeAxis(node, node.attrInt("axis", 0), x.rank());
        // x viewed as [outer, axisSize, inner]; part p is the slab [offset, offset + size).
        int64_t outer = 1, inner = 1;
        for (int64_t d = 0; d < x.rank(); ++d)
            if (d != axis)
                (d < axis ? outer : inner) *= x.shape[d];
        const int64_t axisSize = x.shape[axis];
        int64_t offset = 0;
        for (size_t part = 0; part < shapes.size(); ++part) {
            const int64_t size = shapes[part][axis];
            Tensor y = Tensor::zeros(x.dtype, shapes[part]);
            for (int64_t block = 0; block < outer; ++block)
                copyElements(x, (block * axisSize + offset) * inner, y, block * size * inner,
                             size * inner);
            offset += size;
            out[part] = std::move(y);
        }
    };
    return op;
}

} // namespace ql
