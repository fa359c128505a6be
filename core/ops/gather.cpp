#include "core/ops/gather.h"

#include "core/ops/op_utils.h"

// Gather along axis a with outer = prod(data dims < a), inner = prod(data dims > a):
//   out[o, j, i] = data[o, indices[j] (+ dims[a] if negative), i]
// with j running over the flattened indices tensor.

namespace ql {

namespace {

enum GatherInput
{
    kData = 0,
    kIndices = 1
};

Shape gatherShape(const Node& node, const Shape& data, const Shape& indices)
{
    if (data.empty())
        failNode(node, "data must have rank >= 1");
    const int64_t axis = normalizeAxis(node, node.attrInt("axis", 0), data.size());
    Shape out(data.begin(), data.begin() + axis);
    out.insert(out.end(), indices.begin(), indices.end());
    out.insert(out.end(), data.begin() + axis + 1, data.end());
    return out;
}

} // namespace

OpDef makeGatherOp()
{
    OpDef op;
    op.opType = "Gather";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.size() < 2)
            failNode(node, "needs inputs data and indices");
        return {gatherShape(node, in[kData], in[kIndices])};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& data = requireInput(node, in, kData, "data");
        const std::vector<int64_t> indices =
            intValues(node, requireInput(node, in, kIndices, "indices"), "indices");
        Tensor y = Tensor::zeros(data.dtype, gatherShape(node, data.shape, in[kIndices]->shape));
        const int64_t axis = normalizeAxis(node, node.attrInt("axis", 0), data.rank());
        const int64_t axisSize = data.shape[axis];
        int64_t outer = 1, inner = 1;
        for (int64_t dim = 0; dim < data.rank(); ++dim)
            (dim < axis ? outer : inner) *= dim == axis ? 1 : data.shape[dim];
        const int64_t count = static_cast<int64_t>(indices.size());
        for (int64_t block = 0; block < outer; ++block)
            for (int64_t j = 0; j < count; ++j) {
                int64_t index = indices[j];
                if (index < -axisSize || index >= axisSize)
                    failNode(node, "index " + std::to_string(index) +
                                       " out of range for axis "
                                       "size " +
                                       std::to_string(axisSize));
                if (index < 0)
                    index += axisSize;
                copyElements(data, (block * axisSize + index) * inner, y,
                             (block * count + j) * inner, inner);
            }
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
