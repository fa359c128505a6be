// Integer Gather: the codes at constant indices along a non-batch axis (runCodeMove,
// int_op.h), unchanged, with the input's (S, Z). ViT's class token x[:, 0].

#include "core/quant/int_ops/int_gather_op.h"

namespace ql {

IntOpDef makeIntGatherOp()
{
    IntOpDef op;
    op.name = "gather";
    op.opTypes = {"Gather"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireCodeMove(q); !why.empty())
            return why;
        const int64_t rank = static_cast<int64_t>(q.shapeOf(q.layer.inputs.front()).size());
        const int64_t axis = q.anchor().attrInt("axis", 0);
        if (axis == 0 || axis == -rank)
            return "Gather along the batch axis";
        return {};
    };
    op.run = runCodeMove;
    return op;
}

} // namespace ql
