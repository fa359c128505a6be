#include "core/ops/reduce_mean.h"

#include <limits>

#include "core/ops/op_utils.h"

// With the reduced dims marked, the input is walked once: every element adds into the output
// element whose coordinates equal its own on the kept dims (stride 0 along reduced dims).
// Sums are in double so that a mean over many elements (e.g. a 56x56 spatial mean) does not
// depend on the summation order beyond float rounding of the final result.

namespace ql {

namespace {

struct ReducePlan
{
    std::vector<bool> reduced; // per input dim
    Shape keptShape;           // reduced dims as 1 (keepdims = 1)
    Shape outShape;
    bool noop = false; // opset 18: empty axes with noop_with_empty_axes = 1
};

ReducePlan planReduce(const Node& node, const Shape& in, const Tensor* axesInput,
                      bool axesGivenAtRunTime)
{
    const int64_t rank = static_cast<int64_t>(in.size());
    std::vector<int64_t> axes =
        axesInput ? intValues(node, *axesInput, "axes") : node.attrInts("axes");
    ReducePlan p;
    if (axesGivenAtRunTime && !axesInput)
        failNode(node, "axes must be a constant");
    if (axes.empty() && node.attrInt("noop_with_empty_axes", 0) != 0) {
        p.noop = true;
        p.reduced.assign(rank, false);
        p.keptShape = p.outShape = in;
        return p;
    }
    p.reduced.assign(rank, axes.empty());
    for (int64_t axis : axes) {
        const int64_t a = normalizeAxis(node, axis, rank);
        if (p.reduced[a])
            failNode(node, "repeated axis " + std::to_string(axis));
        p.reduced[a] = true;
    }
    const bool keepDims = node.attrInt("keepdims", 1) != 0;
    for (int64_t d = 0; d < rank; ++d) {
        p.keptShape.push_back(p.reduced[d] ? 1 : in[d]);
        if (!p.reduced[d] || keepDims)
            p.outShape.push_back(p.reduced[d] ? 1 : in[d]);
    }
    return p;
}

bool hasAxesInput(const Node& node)
{
    return node.inputs.size() > 1 && !node.inputs[1].empty();
}

} // namespace

OpDef makeReduceMeanOp()
{
    OpDef op;
    op.opType = "ReduceMean";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        const Tensor* axes = optionalInput(constIn, 1);
        if (hasAxesInput(node) && !axes)
            return {}; // axes only known at run time
        return {planReduce(node, in[0], axes, false).outShape};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "data");
        requireFloat(node, x, "data");
        const ReducePlan p = planReduce(node, x.shape, optionalInput(in, 1), hasAxesInput(node));
        if (p.noop) {
            out[0] = x;
            return;
        }
        const int64_t outCount = numelOf(p.keptShape);
        const int64_t total = x.numel();
        std::vector<double> sums(static_cast<size_t>(outCount), 0.0);
        const std::vector<int64_t> outStrides = broadcastStrides(p.keptShape, x.shape);
        const size_t rank = x.shape.size();
        if (rank == 0) {
            sums[0] = total > 0 ? x.f[0] : 0.0;
        } else {
            std::vector<int64_t> coord(rank, 0);
            int64_t target = 0;
            for (int64_t index = 0; index < total; ++index) {
                sums[target] += x.f[index];
                for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
                    target += outStrides[d];
                    if (++coord[d] < x.shape[d])
                        break;
                    target -= outStrides[d] * x.shape[d];
                    coord[d] = 0;
                }
            }
        }
        const int64_t count = outCount > 0 ? total / outCount : 0;
        Tensor y = Tensor::zeros(DType::Float32, p.outShape);
        for (int64_t i = 0; i < outCount; ++i)
            y.f[i] = count > 0 ? static_cast<float>(sums[i] / static_cast<double>(count))
                               : std::numeric_limits<float>::quiet_NaN();
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
