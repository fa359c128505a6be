#pragma once
// Integer Mul: two activations with numpy broadcasting (squeeze-excite: x[N,C,H,W] · s[N,C,1,1])
// as a requantized product of centred codes, or an activation times a constant that varies along
// at most one axis (layer scale, a scalar) as a per-channel requantization; Div by such a
// constant is the Mul by its reciprocal.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntMulOp();

} // namespace ql
