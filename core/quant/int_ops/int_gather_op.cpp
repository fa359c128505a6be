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
    op.check = requireCodeMoveOffBatchAxis;
    op.run = runCodeMove;
    return op;
}

} // namespace ql
