#include "core/ops/clip.h"

#include <algorithm>
#include <limits>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

enum ClipInput
{
    kX = 0,
    kMin = 1,
    kMax = 2
};

// A bound given as an input must be a single float (a scalar or one-element tensor).
float boundFromInput(const Node& node, const Tensor* t, float fallback, const char* what)
{
    if (!t)
        return fallback;
    requireFloat(node, *t, what);
    if (t->numel() != 1)
        failNode(node, std::string(what) + " must be a scalar, got " + shapeToString(t->shape));
    return t->f[0];
}

} // namespace

OpDef makeClipOp()
{
    OpDef op;
    op.opType = "Clip";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input X");
        return {in[kX]};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, kX, "input");
        requireFloat(node, x, "input");
        const float lowest = std::numeric_limits<float>::lowest();
        const float highest = std::numeric_limits<float>::max();
        // Opset < 11 carries the bounds as attributes; later opsets as inputs 1 and 2.
        const float low =
            boundFromInput(node, optionalInput(in, kMin), node.attrFloat("min", lowest), "min");
        const float high =
            boundFromInput(node, optionalInput(in, kMax), node.attrFloat("max", highest), "max");
        Tensor y = x;
        // min(max(x, low), high): when low > high every element becomes high, as in ONNX.
        for (float& value : y.f)
            value = std::min(std::max(value, low), high);
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
