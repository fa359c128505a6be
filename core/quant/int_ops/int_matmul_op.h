#pragma once
// Integer MatMul of two quantized activations (attention Q·Kᵀ and A·V, spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntMatMulOp();

} // namespace ql
