// Integer Split: each output is a slab of the input's codes along the axis (runCodeMove,
// int_op.h), unchanged, with the input's (S, Z) — buildQuantizedModel gives every output of
// the node those parameters.

#include "core/quant/int_ops/int_split_op.h"

namespace ql {

IntOpDef makeIntSplitOp()
{
    IntOpDef op;
    op.name = "split";
    op.opTypes = {"Split"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireCodeMove(q); !why.empty())
            return why;
        const int64_t rank = static_cast<int64_t>(q.shapeOf(q.layer.inputs.front()).size());
        const int64_t axis = q.anchor().attrInt("axis", 0);
        if (axis == 0 || axis == -rank)
            return "Split along the batch axis";
        return {};
    };
    op.run = runCodeMove;
    return op;
}

} // namespace ql
