#include "core/ops/where.h"

#include "core/ops/broadcast.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

enum WhereInput
{
    kCondition = 0,
    kX = 1,
    kY = 2
};

Shape whereShape(const Node& node, const Shape& condition, const Shape& x, const Shape& y)
{
    return broadcastShapes(node, broadcastShapes(node, condition, x), y);
}

} // namespace

OpDef makeWhereOp()
{
    OpDef op;
    op.opType = "Where";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.size() != 3)
            failNode(node, "needs inputs condition, X and Y");
        return {whereShape(node, in[kCondition], in[kX], in[kY])};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& condition = requireInput(node, in, kCondition, "condition");
        const Tensor& x = requireInput(node, in, kX, "X");
        const Tensor& y = requireInput(node, in, kY, "Y");
        if (condition.dtype != DType::Bool)
            failNode(node, std::string("condition must be bool, got ") +
                               dtypeName(condition.dtype));
        if (x.dtype != y.dtype)
            failNode(node, std::string("X and Y types differ: ") + dtypeName(x.dtype) + " and " +
                               dtypeName(y.dtype));
        const Shape outShape = whereShape(node, condition.shape, x.shape, y.shape);
        Tensor result = Tensor::zeros(x.dtype, outShape);
        const std::vector<int64_t> cIndex = broadcastSourceIndices(condition.shape, outShape);
        const std::vector<int64_t> xIndex = broadcastSourceIndices(x.shape, outShape);
        const std::vector<int64_t> yIndex = broadcastSourceIndices(y.shape, outShape);
        for (int64_t i = 0; i < result.numel(); ++i) {
            if (condition.q[cIndex[i]] != 0)
                copyElements(x, xIndex[i], result, i, 1);
            else
                copyElements(y, yIndex[i], result, i, 1);
        }
        out[0] = std::move(result);
    };
    return op;
}

} // namespace ql
