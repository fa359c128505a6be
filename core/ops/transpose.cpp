#include "core/ops/transpose.h"

#include <numeric>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

std::vector<int64_t> permutation(const Node& node, size_t rank)
{
    std::vector<int64_t> perm(rank);
    std::iota(perm.rbegin(), perm.rend(), int64_t{0}); // default: reverse the dims
    perm = node.attrInts("perm", perm);
    if (perm.size() != rank)
        failNode(node, "perm has " + std::to_string(perm.size()) + " entries for rank " +
                           std::to_string(rank));
    std::vector<bool> seen(rank, false);
    for (int64_t& axis : perm) {
        axis = normalizeAxis(node, axis, static_cast<int64_t>(rank));
        if (seen[axis])
            failNode(node, "perm repeats axis " + std::to_string(axis));
        seen[axis] = true;
    }
    return perm;
}

Shape transposedShape(const Shape& in, const std::vector<int64_t>& perm)
{
    Shape out(perm.size());
    for (size_t d = 0; d < perm.size(); ++d)
        out[d] = in[perm[d]];
    return out;
}

} // namespace

OpDef makeTransposeOp()
{
    OpDef op;
    op.opType = "Transpose";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        return {transposedShape(in[0], permutation(node, in[0].size()))};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "data");
        const std::vector<int64_t> perm = permutation(node, x.shape.size());
        const Shape yShape = transposedShape(x.shape, perm);
        const size_t rank = perm.size();
        // Walk the output in order; an odometer over its coordinates advances the input
        // offset by the input stride of the dim each output dim came from.
        const std::vector<int64_t> inStrides = stridesOf(x.shape);
        std::vector<int64_t> step(rank);
        for (size_t d = 0; d < rank; ++d)
            step[d] = inStrides[perm[d]];
        const int64_t total = numelOf(yShape);
        std::vector<int64_t> source(static_cast<size_t>(total));
        std::vector<int64_t> coord(rank, 0);
        int64_t offset = 0;
        for (int64_t index = 0; index < total; ++index) {
            source[index] = offset;
            for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
                offset += step[d];
                if (++coord[d] < yShape[d])
                    break;
                offset -= step[d] * yShape[d];
                coord[d] = 0;
            }
        }
        out[0] = gatherFlat(x, yShape, source);
    };
    return op;
}

} // namespace ql
