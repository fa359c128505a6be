#include "core/ops/shape.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

// [start, end) of the dims to return; negative values count from the end, then clamp.
std::pair<int64_t, int64_t> dimRange(const Node& node, int64_t rank)
{
    auto clampIndex = [rank](int64_t index) {
        if (index < 0)
            index += rank;
        return std::clamp<int64_t>(index, 0, rank);
    };
    const int64_t start = clampIndex(node.attrInt("start", 0));
    const int64_t end = clampIndex(node.attrInt("end", rank));
    return {start, std::max(start, end)};
}

} // namespace

OpDef makeShapeOp()
{
    OpDef op;
    op.opType = "Shape";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        const auto [start, end] = dimRange(node, static_cast<int64_t>(in[0].size()));
        return {Shape{end - start}};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "data");
        const auto [start, end] = dimRange(node, x.rank());
        out[0] = Tensor::fromInt64(Shape{end - start}, std::vector<int64_t>(x.shape.begin() + start,
                                                                            x.shape.begin() + end));
    };
    return op;
}

} // namespace ql
