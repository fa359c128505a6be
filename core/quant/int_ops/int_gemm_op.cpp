#include "core/quant/int_ops/int_gemm_op.h"

namespace ql {

// acc[n,o] = Σ_k (x_q[n,k] − Z_x)·(w_q[o,k] − Z_w[o]) + b_q[o], then
// y_q = clamp(R(acc·M[o]) + Z_y, activation_min, activation_max) (spec §3). MatMul inputs of
// rank > 2 flatten their leading dims into rows.
IntOpDef makeIntGemmOp()
{
    IntOpDef op;
    op.name = "gemm";
    op.opTypes = {"Gemm", "MatMul"};
    op.quantizedWeights = true;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = weightReason(q); !why.empty())
            return why;
        if (q.layer.inputs.size() != 1)
            return q.layer.opType + " with " + std::to_string(q.layer.inputs.size()) +
                   " activation inputs";
        const size_t rank = q.shapeOf(q.layer.inputs.front()).size();
        if (q.layer.opType == "Gemm" && rank != 2)
            return "Gemm on a rank-" + std::to_string(rank) + " input";
        if (q.layer.opType == "MatMul" && rank < 2)
            return "MatMul on a rank-" + std::to_string(rank) + " input";
        return {};
    };
    op.run = runMatmulLayer;
    return op;
}

} // namespace ql
