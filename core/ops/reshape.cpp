#include "core/ops/reshape.h"

#include "core/ops/op_utils.h"

namespace ql {

Shape reshapeTarget(const Node& node, const Shape& in, const std::vector<int64_t>& target)
{
    const bool allowZero = node.attrInt("allowzero", 0) != 0;
    Shape out(target.size());
    int inferred = -1;
    int64_t known = 1;
    for (size_t dim = 0; dim < target.size(); ++dim) {
        int64_t size = target[dim];
        if (size == 0 && !allowZero) {
            if (dim >= in.size())
                failNode(node, "target " + shapeToString(target) + " copies dim " +
                                   std::to_string(dim) + " of a rank-" + std::to_string(in.size()) +
                                   " input");
            size = in[dim];
        }
        if (size == -1) {
            if (inferred >= 0)
                failNode(node, "more than one -1 in target shape");
            inferred = static_cast<int>(dim);
        } else if (size < 0) {
            failNode(node, "invalid target dim " + std::to_string(size));
        } else {
            known = noOverflow(node, checkedMul(known, size),
                               "element count of target " + shapeToString(target));
        }
        out[dim] = size;
    }
    const int64_t total = numelChecked(node, in, "input");
    if (inferred >= 0) {
        if (known == 0 || total % known != 0)
            failNode(node, "cannot reshape " + shapeToString(in) + " to " + shapeToString(target));
        out[inferred] = total / known;
    } else if (known != total) {
        failNode(node, "cannot reshape " + shapeToString(in) + " (" + std::to_string(total) +
                           " elements) to " + shapeToString(out));
    }
    return out;
}

namespace {

// Opset >= 5 reads the target from input 1; older models carry it as an attribute.
const Tensor* targetInput(const std::vector<const Tensor*>& in)
{
    return optionalInput(in, 1);
}

} // namespace

OpDef makeReshapeOp()
{
    OpDef op;
    op.opType = "Reshape";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        if (!shapeKnown(in[0]))
            return {};
        if (const Tensor* target = targetInput(constIn))
            return {reshapeTarget(node, in[0], intValues(node, *target, "shape"))};
        if (node.hasAttr("shape"))
            return {reshapeTarget(node, in[0], node.attrInts("shape"))};
        return {}; // target only known at run time
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "data");
        const Tensor* target = targetInput(in);
        const std::vector<int64_t> dims =
            target ? intValues(node, *target, "shape") : node.attrInts("shape");
        if (!target && !node.hasAttr("shape"))
            failNode(node, "missing target shape");
        out[0] = reshapedCopy(x, reshapeTarget(node, x.shape, dims));
    };
    return op;
}

} // namespace ql
