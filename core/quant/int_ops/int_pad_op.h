#pragma once
// Integer Pad: codes moved unchanged, the constant border filled with Z_x (the code of 0);
// (S, Z) pass through.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntPadOp();

} // namespace ql
