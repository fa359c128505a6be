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
    op.check = requireCodeMoveOffBatchAxis;
    op.run = runCodeMove;
    return op;
}

} // namespace ql
