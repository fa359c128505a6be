#include "core/ops/concat.h"

#include "core/ops/op_utils.h"

// Concat along axis a: with outer = prod(dims < a) and inner = prod(dims > a), the output is,
// for each outer index, the inputs' [dims[a] * inner] blocks one after another.

namespace ql {

namespace {

Shape concatShape(const Node& node, const std::vector<Shape>& in)
{
    if (in.empty())
        failNode(node, "needs at least one input");
    if (!node.hasAttr("axis"))
        failNode(node, "attribute 'axis' is required");
    const int64_t rank = static_cast<int64_t>(in[0].size());
    const int64_t axis = normalizeAxis(node, node.attrInt("axis", 0), rank);
    Shape out = in[0];
    for (size_t input = 1; input < in.size(); ++input) {
        const Shape& s = in[input];
        bool compatible = static_cast<int64_t>(s.size()) == rank;
        for (int64_t dim = 0; compatible && dim < rank; ++dim)
            compatible = dim == axis || s[dim] == out[dim] || s[dim] < 0 || out[dim] < 0;
        if (!compatible)
            failNode(node, "input shapes " + shapeToString(in[0]) + " and " + shapeToString(s) +
                               " differ outside axis " + std::to_string(axis));
        out[axis] = (out[axis] < 0 || s[axis] < 0) ? -1 : out[axis] + s[axis];
    }
    return out;
}

} // namespace

OpDef makeConcatOp()
{
    OpDef op;
    op.opType = "Concat";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        return {concatShape(node, in)};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        std::vector<Shape> shapes;
        for (size_t input = 0; input < in.size(); ++input) {
            const Tensor& t = requireInput(node, in, input, "inputs");
            if (t.dtype != in[0]->dtype)
                failNode(node, "inputs have different element types");
            shapes.push_back(t.shape);
        }
        const Shape outShape = concatShape(node, shapes);
        const int64_t axis = normalizeAxis(node, node.attrInt("axis", 0), outShape.size());
        int64_t outer = 1, inner = 1;
        for (int64_t dim = 0; dim < static_cast<int64_t>(outShape.size()); ++dim)
            (dim < axis ? outer : inner) *= dim == axis ? 1 : outShape[dim];
        Tensor y = Tensor::zeros(in[0]->dtype, outShape);
        const int64_t outBlock = outShape[axis] * inner;
        for (int64_t block = 0; block < outer; ++block) {
            int64_t offset = block * outBlock;
            for (const Tensor* t : in) {
                const int64_t inBlock = t->shape[axis] * inner;
                copyElements(*t, block * inBlock, y, offset, inBlock);
                offset += inBlock;
            }
        }
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
