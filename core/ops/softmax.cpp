#include "core/ops/softmax.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"

// Softmax over a set of elements: y_i = exp(x_i - max_j x_j) / sum_k exp(x_k - max_j x_j).
// Subtracting the max keeps exp() from overflowing and leaves the result unchanged.
//
// Both opset variants reduce to the same loop over (outer, reduced, inner) blocks:
//   opset >= 13: outer = prod(dims < axis), reduced = dims[axis], inner = prod(dims > axis)
//   opset < 13:  outer = prod(dims < axis), reduced = prod(dims >= axis), inner = 1

namespace ql {

namespace {

bool legacySemantics(const Node& node)
{
    return node.opset > 0 && node.opset < 13; // 0 = unknown opset: the current definition
}

void runSoftmax(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&)
{
    const Tensor& x = requireInput(node, in, 0, "input");
    requireFloat(node, x, "input");
    const int64_t rank = x.rank();
    Tensor y = x;
    if (rank == 0 || x.numel() == 0) {
        std::fill(y.f.begin(), y.f.end(), 1.0f);
        out[0] = std::move(y);
        return;
    }
    const bool legacy = legacySemantics(node);
    const int64_t axis = normalizeAxis(node, node.attrInt("axis", legacy ? 1 : -1), rank);
    int64_t outer = 1, reduced = 1, inner = 1;
    for (int64_t dim = 0; dim < rank; ++dim) {
        if (dim < axis)
            outer *= x.shape[dim];
        else if (dim == axis || legacy)
            reduced *= x.shape[dim];
        else
            inner *= x.shape[dim];
    }
    for (int64_t block = 0; block < outer; ++block) {
        for (int64_t lane = 0; lane < inner; ++lane) {
            float* base = y.f.data() + block * reduced * inner + lane;
            float maxValue = base[0];
            for (int64_t element = 1; element < reduced; ++element)
                maxValue = std::max(maxValue, base[element * inner]);
            double sum = 0.0;
            for (int64_t element = 0; element < reduced; ++element) {
                base[element * inner] = std::exp(base[element * inner] - maxValue);
                sum += base[element * inner];
            }
            const float inverse = static_cast<float>(1.0 / sum);
            for (int64_t element = 0; element < reduced; ++element)
                base[element * inner] *= inverse;
        }
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makeSoftmaxOp()
{
    OpDef op;
    op.opType = "Softmax";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input");
        if (!in[0].empty())
            normalizeAxis(node, node.attrInt("axis", legacySemantics(node) ? 1 : -1),
                          static_cast<int64_t>(in[0].size()));
        return {in[0]};
    };
    op.run = runSoftmax;
    return op;
}

} // namespace ql
