#include "core/quant/int_ops/int_conv_op.h"

namespace ql {

// acc[n,o,y,x] = Σ (x_q − Z_x)·(w_q − Z_w[o]) + b_q[o] over the patch, then
// y_q = clamp(R(acc·M[o]) + Z_y, activation_min, activation_max) — IntRuntime::matmulStage.
IntOpDef makeIntConvOp()
{
    IntOpDef op;
    op.name = "conv";
    op.opTypes = {"Conv"};
    op.quantizedWeights = true;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = weightReason(q); !why.empty())
            return why;
        if (q.layer.inputs.size() != 1)
            return "Conv with " + std::to_string(q.layer.inputs.size()) + " activation inputs";
        if (q.shapeOf(q.layer.inputs.front()).size() != 4)
            return "Conv on a rank-" + std::to_string(q.shapeOf(q.layer.inputs.front()).size()) +
                   " input (the integer kernel is 2-D)";
        return {};
    };
    op.run = runMatmulLayer;
    return op;
}

} // namespace ql
