#include "core/ops/constant_of_shape.h"

#include <algorithm>
#include <variant>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

// The one-element `value` attribute, or float 0 when it is absent.
Tensor fillValue(const Node& node)
{
    auto it = node.attrs.find("value");
    if (it == node.attrs.end())
        return Tensor::fromFloat({1}, {0.0f});
    const Tensor* value = std::get_if<Tensor>(&it->second);
    if (!value || value->numel() != 1)
        failNode(node, "attribute 'value' must be a one-element tensor");
    return *value;
}

Shape targetShape(const Node& node, const Tensor& shape)
{
    Shape dims = intValues(node, shape, "input");
    for (int64_t d : dims)
        if (d < 0)
            failNode(node, "negative dim in shape " + shapeToString(dims));
    // Checked before anything is allocated: the importer folds this op, so a 12-byte shape
    // input could otherwise ask for terabytes at load time.
    const int64_t count = numelChecked(node, dims, "shape");
    if (count > kMaxTensorElements)
        failNode(node, "shape " + shapeToString(dims) + " has " + std::to_string(count) +
                           " elements, more than the 2^30 limit");
    return dims;
}

} // namespace

OpDef makeConstantOfShapeOp()
{
    OpDef op;
    op.opType = "ConstantOfShape";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input");
        fillValue(node);
        if (const Tensor* shape = optionalInput(constIn, 0))
            return {targetShape(node, *shape)};
        return {};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor value = fillValue(node);
        Tensor y =
            Tensor::zeros(value.dtype, targetShape(node, requireInput(node, in, 0, "input")));
        if (value.dtype == DType::Float32)
            std::fill(y.f.begin(), y.f.end(), value.f[0]);
        else if (value.dtype == DType::Int64)
            std::fill(y.i64.begin(), y.i64.end(), value.i64[0]);
        else
            std::fill(y.q.begin(), y.q.end(), value.q[0]);
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
