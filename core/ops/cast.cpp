#include "core/ops/cast.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ops/op_utils.h"

// Cast conversions:
//   to float32: exact for the integer codes, rounded to nearest for large int64
//   float -> integer: truncation toward zero (C semantics, as ONNX Runtime), saturated to
//     the target range — ONNX leaves out-of-range values undefined, saturating is the
//     least surprising choice; NaN becomes 0
//   to bool: value != 0

namespace ql {

namespace {

struct Range
{
    double low, high;
};

Range rangeOf(DType t)
{
    switch (t) {
    case DType::Int8:
        return {-128, 127};
    case DType::UInt8:
        return {0, 255};
    case DType::Int16:
        return {-32768, 32767};
    case DType::UInt16:
        return {0, 65535};
    case DType::Int32:
        return {-2147483648.0, 2147483647.0};
    case DType::Bool:
        return {0, 1};
    default:
        return {-9.2233720368547758e18, 9.2233720368547758e18};
    }
}

DType targetType(const Node& node)
{
    if (!node.hasAttr("to"))
        failNode(node, "attribute 'to' is required");
    const int64_t to = node.attrInt("to", 0);
    const std::optional<DType> t = dtypeFromOnnxType(to);
    if (!t)
        failNode(node, "cast to ONNX type " + std::to_string(to) + " is not supported");
    return *t;
}

} // namespace

OpDef makeCastOp()
{
    OpDef op;
    op.opType = "Cast";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input");
        targetType(node);
        return {in[0]};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "input");
        const DType to = targetType(node);
        Tensor y = Tensor::zeros(to, x.shape);
        const int64_t count = x.numel();
        const Range range = rangeOf(to);
        for (int64_t i = 0; i < count; ++i) {
            if (to == DType::Float32) {
                y.f[i] = static_cast<float>(x.at(i));
                continue;
            }
            if (x.dtype == DType::Int64 && to == DType::Int64) {
                y.i64[i] = x.i64[i];
                continue;
            }
            double value = x.at(i);
            if (to == DType::Bool)
                value = value != 0.0 ? 1.0 : 0.0;
            else
                value =
                    std::isnan(value) ? 0.0 : std::clamp(std::trunc(value), range.low, range.high);
            if (to == DType::Int64)
                y.i64[i] = x.dtype == DType::Int64 ? x.i64[i] : static_cast<int64_t>(value);
            else
                y.q[i] = static_cast<int32_t>(value);
        }
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
