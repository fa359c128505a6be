#pragma once
// Integer Gemm / MatMul with a constant right operand (spec §3).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntGemmOp();

} // namespace ql
