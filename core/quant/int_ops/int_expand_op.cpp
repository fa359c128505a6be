// Integer Expand: numpy broadcasting of the codes to the target shape (runCodeMove,
// int_op.h); every output code is one input code, (S, Z) pass through.

#include "core/quant/int_ops/int_expand_op.h"

namespace ql {

IntOpDef makeIntExpandOp()
{
    IntOpDef op;
    op.name = "expand";
    op.opTypes = {"Expand"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        // requireCodeMove: the target shape is a constant and the output's batch stays axis 0
        // (a target dim 0 of 1 keeps the input's batch).
        return requireCodeMove(q);
    };
    op.run = runCodeMove;
    return op;
}

} // namespace ql
