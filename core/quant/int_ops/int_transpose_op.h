#pragma once
// Integer Transpose: codes moved unchanged by the permutation; (S, Z) pass through.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntTransposeOp();

} // namespace ql
