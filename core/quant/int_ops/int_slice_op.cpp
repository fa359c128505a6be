// Integer Slice: a strided window of the code tensor (runCodeMove, int_op.h), codes unchanged
// with the input's (S, Z). ShuffleNet's chunk and similar channel selections.

#include "core/quant/int_ops/int_slice_op.h"

namespace ql {

IntOpDef makeIntSliceOp()
{
    IntOpDef op;
    op.name = "slice";
    op.opTypes = {"Slice"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireCodeMove(q); !why.empty())
            return why;
        const Node& n = q.anchor();
        if (n.opset < 10 || n.inputs.size() < 3)
            return "Slice with starts/ends as attributes (opset < 10) has no integer kernel";
        // The batch axis must not be sliced: the axes input must exist and leave out axis 0.
        const int64_t rank = static_cast<int64_t>(q.shapeOf(q.layer.inputs.front()).size());
        const Tensor* axes = n.inputs.size() > 3 && !n.inputs[3].empty()
                                 ? q.graph().initializer(n.inputs[3])
                                 : nullptr;
        if (!axes)
            return "Slice without axes slices the batch axis";
        for (int64_t a : axes->toInt64Vector())
            if (a == 0 || a == -rank)
                return "Slice along the batch axis";
        return {};
    };
    op.run = runCodeMove;
    return op;
}

} // namespace ql
