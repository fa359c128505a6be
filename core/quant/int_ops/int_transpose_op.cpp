// Integer Transpose: a permutation of the code tensor (runCodeMove, int_op.h). Integer
// exactly: no arithmetic, y[perm(i)] = q[i] with the input's (S, Z).

#include "core/quant/int_ops/int_transpose_op.h"

namespace ql {

IntOpDef makeIntTransposeOp()
{
    IntOpDef op;
    op.name = "transpose";
    op.opTypes = {"Transpose"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireCodeMove(q); !why.empty())
            return why;
        // The batch must stay axis 0: perm[0] = 0 (no perm reverses the axes).
        const std::vector<int64_t> perm = q.anchor().attrInts("perm");
        const size_t rank = q.shapeOf(q.layer.inputs.front()).size();
        if (perm.empty() ? rank > 1 : perm.front() != 0)
            return "Transpose moves the batch axis (perm starts with " +
                   (perm.empty() ? std::string("the last axis") : std::to_string(perm.front())) +
                   ")";
        return {};
    };
    op.run = runCodeMove;
    return op;
}

} // namespace ql
